using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Moeder;

public sealed class VisModel(ProtokolDb db) : PageModel
{
    public Meeting Meeting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        if (meeting is null) return NotFound();
        Meeting = meeting;
        return Page();
    }
}
