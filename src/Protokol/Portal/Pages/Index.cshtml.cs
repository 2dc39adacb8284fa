using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.ListPolicy)]
public sealed class IndexModel(ProtokolDb db, TimeProvider clock) : PageModel
{
    public List<Meeting> Upcoming { get; private set; } = [];
    public List<Meeting> LatestMinutes { get; private set; } = [];
    public List<Body> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = Copenhagen.Now(clock);
        var meetings = db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body);
        Upcoming = await meetings.Where(m => Meeting.PublicStates.Contains(m.State) && m.StartsAt >= now).OrderBy(m => m.StartsAt).Take(8).ToListAsync(ct);
        LatestMinutes = await meetings.Where(m => m.State == MeetingState.MinutesPublished && m.StartsAt < now).OrderByDescending(m => m.StartsAt).Take(8).ToListAsync(ct);
        Bodies = (await db.Bodies.AsNoTracking().ToListAsync(ct)).OrderBy(b => b.Kind).ThenBy(b => b.Name, PortalFormat.DanishOrder).ToList();
    }
}
