using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Moeder;

public sealed class VisModel(ProtokolDb db) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;
    /// <summary>Whether this viewer may read the meeting's closed items (every opening is logged).</summary>
    public bool MayReadClosed { get; private set; }
    public bool MayReadMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        var viewer = HttpContext.Viewer();
        if (meeting is null || !viewer.MayOpen(meeting)) return NotFound();
        Meeting = meeting;
        MayReadMinutes = viewer.MayReadMinutes(meeting);
        MayReadClosed = viewer.MayReadClosed(meeting.Bodies.Select(b => b.BodyId), meeting.StartsAt);
        if (MayReadClosed) await AccessLog.RecordAsync(db, viewer, meeting.Items, AccessWay.Page, ct);
        return Page();
    }
}
