using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Storage;

namespace Protokol.Accounts.Pages.Konto;

/// <summary>Sets a password from a one-time link (a new account's first, or one an administrator sent after a lost password).</summary>
public sealed class NyAdgangskodeModel(ProtokolDb db, UserManager<Account> users) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv en adgangskode."), DataType(DataType.Password), Display(Name = "Ny adgangskode (mindst 12 tegn)")]
    public string New { get; set; } = "";
    [BindProperty, Compare(nameof(New), ErrorMessage = "De to adgangskoder er ikke ens."), DataType(DataType.Password), Display(Name = "Gentag adgangskoden")]
    public string Repeat { get; set; } = "";
    public string? Problem { get; private set; }
    public string? Email { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        var (link, problem) = await PasswordLink.FindAsync(db, token, ct);
        (Email, Problem) = (link?.Account.Email, problem);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var (link, problem) = await PasswordLink.FindAsync(db, token, ct);
        (Email, Problem) = (link?.Account.Email, problem);
        if (link is null || !ModelState.IsValid) return Page();
        // The password, the unlocked account and the spent link land together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var account = link.Account;
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        var result = await users.AddPasswordAsync(account, New);
        foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
        if (!result.Succeeded) return Page();
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        link.UsedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Done = true;
        return Page();
    }
}
