using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Punkter;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.Policy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    public AgendaItem Item { get; private set; } = null!;
    public Meeting Meeting { get; private set; } = null!;
    public bool ShowContent { get; private set; }
    public bool ShowMinutes { get; private set; }
    /// <summary>The item's changes, for staff of the meeting's bodies; null for everyone else.</summary>
    public List<AuditEntry>? History { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking()
            .Include(i => i.Sections).Include(i => i.Absentees).Include(i => i.Attachments)
            .Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        var viewer = HttpContext.Viewer();
        if (item is null || !viewer.MayOpen(item.Meeting)) return NotFound();
        (Item, Meeting) = (item, item.Meeting);
        PageCache.Tag(HttpContext, PageCache.Item(item.Id), PageCache.Meeting(item.MeetingId));
        ShowContent = viewer.MayRead(item, item.Meeting);
        ShowMinutes = viewer.MayReadMinutes(item.Meeting);
        if (ShowContent) await AccessLog.RecordAsync(db, viewer, [item], AccessWay.Page, ct);
        if (item.Meeting.Bodies.Any(b => viewer.MayChangeBody(b.BodyId)))
            History = await db.AuditTrail.AsNoTracking()
                .Where(a => a.ItemId == id || (a.MeetingId == item.MeetingId && a.ItemId == null && a.Entity == nameof(Meetings.Meeting)))
                .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        return Page();
    }
}
