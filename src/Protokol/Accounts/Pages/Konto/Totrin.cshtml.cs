using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages.Konto;

/// <summary>Two-factor login with an authenticator app (TOTP): set it up, and get new recovery codes.</summary>
[Authorize]
public sealed class TotrinModel(UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    [BindProperty, Display(Name = "Kode fra appen")]
    public string Code { get; set; } = "";
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string Key { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        await LoadAsync(account);
        return Page();
    }

    /// <summary>The first correct code switches it on, gives recovery codes, and counts as a second factor for this login.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Problem = "Koden passer ikke. Tjek at telefonens ur går rigtigt, og skriv den kode, appen viser nu.";
            await LoadAsync(account);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        if (await users.GetTwoFactorEnabledAsync(account))
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        await LoadAsync(account);
        return Page();
    }

    async Task LoadAsync(Account account)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(account);
        Required = account.RequiresTwoFactor;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(account);
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
            await signIn.RefreshSignInAsync(account); // a new key renews the security stamp; this login stays valid

        }
        Key = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        Uri = $"otpauth://totp/{System.Uri.EscapeDataString("Protokol:" + account.Email)}?secret={key}&issuer=Protokol&digits=6";
    }
}
