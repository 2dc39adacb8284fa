using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages.LogInd;

/// <summary>The second step of a login: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed class TotrinModel(SignInManager<Account> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv koden."), Display(Name = "Kode fra godkendelsesappen")]
    public string Code { get; set; } = "";
    [BindProperty, Display(Name = "Det er en gendannelseskode")]
    public bool Recovery { get; set; }
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Pages/LogInd") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Accounts/Pages/LogInd");
        if (!ModelState.IsValid) return Page();
        // Recovery codes are printed as "abcde-fghij"; app codes may be typed as "123 456".
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        var result = Recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace("-", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(LocalTarget.Of(Url, ReturnUrl));
        Problem = result.IsLockedOut ? "Kontoen er låst i 15 minutter efter for mange forkerte forsøg." : "Koden er forkert, brugt eller udløbet.";
        return Page();
    }
}
