using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Personer;

/// <summary>A politician: the bodies they sit in, and how often they were there.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.ListPolicy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    public Person Person { get; private set; } = null!;
    public List<Membership> Memberships { get; private set; } = [];
    public List<(Meeting Meeting, bool Absent, int ItemsAbsent)> Meetings { get; private set; } = [];
    public int Present => Meetings.Count(m => !m.Absent);
    public double? AttendanceRate => Meetings.Count == 0 ? null : (double)Present / Meetings.Count;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (person is null) return NotFound();
        Person = person;
        Memberships = (await db.Memberships.AsNoTracking().Include(m => m.Body).Where(m => m.PersonId == person.Id).ToListAsync(ct))
            .OrderBy(m => m.Body.Name, PortalFormat.DanishOrder).ToList();
        var called = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body)
            .Where(m => m.State == MeetingState.MinutesPublished && m.Participants.Any(p => p.PersonId == person.Id))
            .OrderByDescending(m => m.StartsAt)
            .Select(m => new
            {
                Meeting = m,
                Absent = m.Participants.Any(p => p.PersonId == person.Id && p.Absent),
                ItemsAbsent = m.Items.Count(i => !i.IsClosed && i.Absentees.Any(a => a.PersonId == person.Id)),
            }).ToListAsync(ct);
        Meetings = called.Select(c => (c.Meeting, c.Absent, c.ItemsAbsent)).ToList();
        return Page();
    }
}
