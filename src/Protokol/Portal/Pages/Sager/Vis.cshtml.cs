using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Sager;

/// <summary>A case's timeline: every meeting and body that treated it, and what each decided.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PageCache.ListPolicy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    public string CaseNumber { get; private set; } = "";
    public string Key { get; private set; } = "";
    public List<AgendaItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        Items = await db.Items.AsNoTracking()
            .Where(i => i.Case != null && i.Case.Key == key && ((!i.IsClosed && i.Meeting.State != MeetingState.Planned) || viewer.IsSignedIn))
            .Include(i => i.Sections).Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body)
            .AsSplitQuery().OrderBy(i => i.Meeting.StartsAt).ToListAsync(ct);
        // Closed treatments only for those who may read them; a case treated only behind closed doors is not public.
        Items = Items.Where(i => viewer.MayOpen(i.Meeting) && viewer.MayRead(i, i.Meeting)).ToList();
        if (Items.Count == 0) return NotFound();
        await AccessLog.RecordAsync(db, viewer, Items, AccessWay.Page, ct);
        (CaseNumber, Key) = (Items[0].CaseNumber!, key);
        return Page();
    }
}
