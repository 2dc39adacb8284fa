using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages.LogInd;

/// <summary>
/// Login through the municipality's identity provider. Only accounts that already exist may log in (an
/// administrator creates them); they are found by the e-mail the provider vouches for.
/// </summary>
public sealed class EksternModel(SignInManager<Account> signIn, UserManager<Account> users, IConfiguration config, IAuthenticationSchemeProvider schemes) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await schemes.GetSchemeAsync(AccountServices.OidcScheme) is null) return NotFound();
        var back = Url.Page("/Accounts/Pages/LogInd/Ekstern", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/" });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(AccountServices.OidcScheme, back), AccountServices.OidcScheme);
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return RedirectToPage("/Accounts/Pages/LogInd");
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var claim = config["Protokol:Oidc:EmailClaim"] ?? "email";
        var email = external.Principal.FindFirstValue(claim);
        var account = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);
        if (account is null)
        {
            Problem = string.IsNullOrWhiteSpace(email)
                ? $"Identitetsudbyderen sendte ingen e-mail (kravet '{claim}'). Kontakt it-afdelingen."
                : $"Der er ingen konto i Protokol med e-mail {email}. Bed en administrator oprette den.";
            return Page();
        }
        if (await users.IsLockedOutAsync(account)) { Problem = "Kontoen er låst."; return Page(); }
        // The municipality's provider enforces its own second factor (conditional access): it counts as one here.
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
