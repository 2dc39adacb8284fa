using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Udvalg;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.ListPolicy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    public Body Body { get; private set; } = null!;
    public List<Membership> Members { get; private set; } = [];
    public List<Membership> Former { get; private set; } = [];
    public List<IGrouping<int, Meeting>> MeetingsByYear { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Slug == slug, ct);
        if (body is null) return NotFound();
        Body = body;
        var seats = (await db.Memberships.AsNoTracking().Include(m => m.Person).Where(m => m.BodyId == body.Id).ToListAsync(ct))
            .OrderBy(m => m.Role == null).ThenBy(m => m.Person.Name, PortalFormat.DanishOrder).ToList();
        // A seat that has ended (its last day is past) is history: listed apart, so "Medlemmer" is who sits now.
        var today = DateOnly.FromDateTime(Copenhagen.Now(db.Clock));
        Members = seats.Where(m => m.End is null || m.End >= today).ToList();
        Former = seats.Where(m => m.End < today).OrderByDescending(m => m.End).ToList();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body)
            .Where(m => Meeting.PublicStates.Contains(m.State) && m.Bodies.Any(b => b.BodyId == body.Id)).OrderByDescending(m => m.StartsAt).ToListAsync(ct);
        MeetingsByYear = meetings.GroupBy(m => m.StartsAt.Year).ToList();
        return Page();
    }
}
