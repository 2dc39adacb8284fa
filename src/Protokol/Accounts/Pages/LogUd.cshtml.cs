using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages;

public sealed class LogUdModel(SignInManager<Account> signIn, UserManager<Account> users) : PageModel
{
    public void OnGet() { }

    /// <summary>Logging out renews the security stamp, so a copy of the login cookie (this device's or another's) stops working at once.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } account) await users.UpdateSecurityStampAsync(account);
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
