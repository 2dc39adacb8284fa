using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages.Konto;

/// <summary>
/// Two-factor login with an authenticator app (TOTP): set it up, and get new recovery codes. A key being set up
/// lives only in this page's form (protected), and is stored when its first code is right: someone else who
/// knows the password and opens this page gets a key of their own, never the one the person will use.
/// </summary>
[Authorize]
public sealed class TotrinModel(UserManager<Account> users, SignInManager<Account> signIn, IUserStore<Account> store, OneTimeCodes codes, IDataProtectionProvider protection) : PageModel
{
    [BindProperty, Display(Name = "Kode fra appen")]
    public string Code { get; set; } = "";
    [BindProperty]
    public string PendingKey { get; set; } = "";
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string Key { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }
    public string? Problem { get; private set; }

    IDataProtector Protector(Account account) => protection.CreateProtector("Protokol.TotpSetup", account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        await LoadAsync(account, users.GenerateNewAuthenticatorKey());
        return Page();
    }

    /// <summary>The first correct code stores the key, switches it on, gives recovery codes, and counts as a second factor for this login.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        string key;
        try { key = Protector(account).Unprotect(PendingKey); }
        catch (System.Security.Cryptography.CryptographicException) { return await OnGetAsync(); }
        if (await users.GetTwoFactorEnabledAsync(account) || !codes.Matches(key, Normalize(Code)))
        {
            Problem = "Koden passer ikke. Tjek at telefonens ur går rigtigt, og skriv den kode, appen viser nu.";
            await LoadAsync(account, key);
            return Page();
        }
        await ((IUserAuthenticatorKeyStore<Account>)store).SetAuthenticatorKeyAsync(account, key, HttpContext.RequestAborted);
        await users.SetTwoFactorEnabledAsync(account, true); // saves the key with it
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        await LoadAsync(account, key);
        return Page();
    }

    /// <summary>New recovery codes take a code from the app: a borrowed session alone cannot mint them.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        if (await users.GetTwoFactorEnabledAsync(account) && await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, Normalize(Code)))
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10))!.ToList();
        else
            Problem = "Koden passer ikke. Skriv den kode, appen viser nu.";
        await LoadAsync(account, "");
        return Page();
    }

    static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    async Task LoadAsync(Account account, string key)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(account);
        Required = account.RequiresTwoFactor;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(account);
        Code = "";
        if (Enabled) return;
        PendingKey = Protector(account).Protect(key);
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        Uri = $"otpauth://totp/{System.Uri.EscapeDataString("Protokol:" + account.Email)}?secret={key}&issuer=Protokol&digits=6";
    }
}
