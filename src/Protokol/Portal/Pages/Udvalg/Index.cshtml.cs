using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Udvalg;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.ListPolicy)]
public sealed class IndexModel(ProtokolDb db) : PageModel
{
    public List<(Body Body, int Meetings)> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.Bodies.AsNoTracking()
            .Select(b => new { Body = b, Meetings = db.Meetings.Count(m => m.Bodies.Any(x => x.BodyId == b.Id)) })
            .ToListAsync(ct);
        Bodies = rows.OrderBy(r => r.Body.Kind).ThenBy(r => r.Body.Name, PortalFormat.DanishOrder).Select(r => (r.Body, r.Meetings)).ToList();
    }
}
