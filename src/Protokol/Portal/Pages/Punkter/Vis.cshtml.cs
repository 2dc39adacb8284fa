using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Punkter;

public sealed class VisModel(ProtokolDb db) : PageModel
{
    public AgendaItem Item { get; private set; } = null!;
    public Meeting Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking()
            .Include(i => i.Sections).Include(i => i.Absentees).Include(i => i.Attachments)
            .Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        (Item, Meeting) = (item, item.Meeting);
        return Page();
    }
}
