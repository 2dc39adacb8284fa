using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Accounts.Pages.Konto;

[Authorize]
public sealed class IndexModel(ProtokolDb db, UserManager<Account> users) : PageModel
{
    public Account Account { get; private set; } = null!;
    public List<string> Bodies { get; private set; } = [];
    public bool TwoFactor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = HttpContext.Viewer().AccountId;
        Account = await db.Accounts.AsNoTracking().Include(a => a.Person).Include(a => a.SecretaryOf).ThenInclude(s => s.Body).SingleAsync(a => a.Id == id, ct);
        TwoFactor = await users.GetTwoFactorEnabledAsync(Account);
        Bodies = Account.Role == AccountRole.Secretary
            ? Account.SecretaryOf.Select(s => s.Body.Name).Order(PortalFormat.DanishOrder).ToList()
            : await db.Memberships.AsNoTracking().Where(m => m.PersonId == Account.PersonId).Select(m => m.Body.Name).ToListAsync(ct);
    }
}
