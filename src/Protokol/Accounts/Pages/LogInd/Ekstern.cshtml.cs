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
        var back = Url.Page("/Accounts/Pages/LogInd/Ekstern", new { returnUrl = LocalTarget.Of(Url, returnUrl) });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(AccountServices.OidcScheme, back), AccountServices.OidcScheme);
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return RedirectToPage("/Accounts/Pages/LogInd");
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var who = external.Principal;
        var issuer = who.FindFirstValue("iss") ?? AccountServices.OidcScheme;
        var subject = who.FindFirstValue("sub");
        if (string.IsNullOrWhiteSpace(subject)) { Problem = "Identitetsudbyderen sendte ingen identitet ('sub'). Kontakt it-afdelingen."; return Page(); }
        // After the first login the provider's own identity decides, never an e-mail that can change.
        var account = await users.FindByLoginAsync(issuer, subject);
        if (account is null)
        {
            var claim = config["Protokol:Oidc:EmailClaim"] ?? "email";
            var email = who.FindFirstValue(claim);
            if (string.Equals(who.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
            {
                Problem = "Identitetsudbyderen har ikke bekræftet din e-mail. Kontakt it-afdelingen.";
                return Page();
            }
            account = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email);
            if (account is null)
            {
                Problem = string.IsNullOrWhiteSpace(email)
                    ? $"Identitetsudbyderen sendte ingen e-mail (kravet '{claim}'). Kontakt it-afdelingen."
                    : $"Der er ingen konto i Protokol med e-mail {email}. Bed en administrator oprette den.";
                return Page();
            }
            if ((await users.GetLoginsAsync(account)).Any(l => l.LoginProvider == issuer))
            {
                Problem = "Kontoen med denne e-mail hører til en anden identitet hos udbyderen. Kontakt en administrator.";
                return Page();
            }
            await users.AddLoginAsync(account, new UserLoginInfo(issuer, subject, AccountServices.OidcScheme));
        }
        if (await users.IsLockedOutAsync(account)) { Problem = "Kontoen er låst."; return Page(); }
        // The provider's login is a second factor when it says so (amr "mfa"), or when the settings say the
        // municipality's provider always demands one (conditional access).
        var mfa = who.FindAll("amr").Any(a => a.Value == "mfa") || config.GetValue("Protokol:Oidc:ProviderEnforcesMfa", false);
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", mfa ? "mfa" : "external")]);
        return LocalRedirect(LocalTarget.Of(Url, returnUrl));
    }
}
