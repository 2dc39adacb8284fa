using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Accounts.Pages.Admin;

/// <summary>One account: its role and a secretary's bodies, a new one-time link, and lifting a lockout.</summary>
[Authorize(Policy = AccountServices.AdminPolicy)]
public sealed class KontoRedigerModel(AccountAdmin admin, ProtokolDb db, UserManager<Account> users, IConfiguration config) : PageModel
{
    [BindProperty]
    public AccountRole Role { get; set; }
    [BindProperty]
    public List<string> Bodies { get; set; } = [];

    public Account Account { get; private set; } = null!;
    public List<Body> AllBodies { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public Uri? Link { get; private set; }
    public bool LockedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // The ticked bodies are a secretary's complete set; a member's ticks are new seats.
        var result = await admin.SetRoleAsync(Account.Email!, Role, Bodies, completeSet: true, ct);
        (Problem, Done) = (result.Problem, result.Problem is null ? "Rollen er gemt." : null);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await admin.NewLinkAsync(Account.Email!, ct);
        Problem = result.Problem;
        if (result.Token is not null) Link = PublicUrl.PasswordLink(PublicUrl.Of(config), result.Token);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var account = (await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        Done = "Kontoen er låst op.";
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await admin.ResetTwoFactorAsync(Account.Email!, ct);
        (Problem, Done) = (result.Problem, result.Problem is null ? "Totrinsbekræftelsen er nulstillet; personen sætter den op igen ved næste login." : null);
        await LoadAsync(id, ct);
        return Page();
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Person).Include(a => a.SecretaryOf).ThenInclude(s => s.Body).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return false;
        Account = account;
        if (Request.Method == HttpMethods.Get) (Role, Bodies) = (account.Role, account.SecretaryOf.Select(s => s.Body.Slug).ToList());
        LockedOut = account.LockoutEnd is { } end && end > db.Clock.GetUtcNow();
        AllBodies = (await db.Bodies.AsNoTracking().ToListAsync(ct)).OrderBy(b => b.Name, PortalFormat.DanishOrder).ToList();
        return true;
    }
}
