using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages;

public sealed class LogIndModel(SignInManager<Account> signIn, UserManager<Account> users, IAuthenticationSchemeProvider schemes) : PageModel
{
    /// <summary>One message for every refusal: the page never tells whether an e-mail has an account, or that it is locked.</summary>
    public const string Refused = "Forkert e-mail eller adgangskode – eller kontoen er låst i 15 minutter efter for mange forkerte forsøg.";

    /// <summary>Checked when the e-mail has no account, so that answer takes as long as a wrong password.</summary>
    static readonly string DummyHash = new PasswordHasher<Account>().HashPassword(new Account { Name = "" }, "ingen konto har denne adgangskode");

    [BindProperty, Required(ErrorMessage = "Skriv din e-mail."), Display(Name = "E-mail")]
    public string Email { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Skriv din adgangskode."), DataType(DataType.Password), Display(Name = "Adgangskode")]
    public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }
    public string? OidcName { get; private set; }

    public async Task OnGetAsync() => OidcName = (await schemes.GetSchemeAsync(AccountServices.OidcScheme))?.DisplayName;

    public async Task<IActionResult> OnPostAsync()
    {
        await OnGetAsync();
        if (!ModelState.IsValid) return Page();
        var account = await users.FindByEmailAsync(Email.Trim());
        if (account is null) users.PasswordHasher.VerifyHashedPassword(new Account { Name = "" }, DummyHash, Password);
        var result = account is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(account, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return RedirectToPage("/Accounts/Pages/LogInd/Totrin", new { ReturnUrl = LocalTarget.Of(Url, ReturnUrl) });
        if (!result.Succeeded) { Problem = Refused; return Page(); }
        // Staff may not work without a second factor: straight to setting one up.
        if (account!.RequiresTwoFactor) return RedirectToPage("/Accounts/Pages/Konto/Totrin");
        return LocalRedirect(LocalTarget.Of(Url, ReturnUrl));
    }
}
