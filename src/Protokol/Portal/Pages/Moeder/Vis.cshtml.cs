using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Moeder;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.Policy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;
    /// <summary>Whether this viewer may read the meeting's closed items (every opening is logged).</summary>
    public bool MayReadClosed { get; private set; }
    public bool MayReadMinutes { get; private set; }
    /// <summary>The signature sheet while the minutes await approval: who has approved, and whether this viewer may.</summary>
    public List<Participant> Approved { get; private set; } = [];
    public bool MayApprove { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>"Godkendt" on the signature sheet, by a member present, for themselves.</summary>
    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        var outcome = await MeetingOperations.For(HttpContext).ApproveAsync(id, ct);
        if (outcome.Ok) return Redirect($"/moeder/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}#underskriftsark");
        Problem = outcome.Problem;
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        var viewer = HttpContext.Viewer();
        if (meeting is null || !viewer.MayOpen(meeting)) return NotFound();
        Meeting = meeting;
        PageCache.Tag(HttpContext, [PageCache.Meeting(meeting.Id), .. meeting.Items.Select(i => PageCache.Item(i.Id))]);
        MayReadMinutes = viewer.MayReadMinutes(meeting);
        MayReadClosed = viewer.MayReadClosed(meeting.Bodies.Select(b => b.BodyId), meeting.StartsAt);
        if (MayReadClosed) await AccessLog.RecordAsync(db, viewer, meeting.Items, AccessWay.Page, ct);
        if (meeting.State == MeetingState.Held && MayReadMinutes)
        {
            var approved = await db.Approvals.AsNoTracking().Where(a => a.MeetingId == id).Select(a => a.ParticipantId).ToListAsync(ct);
            Approved = meeting.Participants.Where(p => approved.Contains(p.Id)).ToList();
            MayApprove = meeting.Participants.Any(p => p.PersonId == viewer.PersonId && viewer.PersonId is not null && !p.Absent && !approved.Contains(p.Id));
        }
        return Page();
    }
}
