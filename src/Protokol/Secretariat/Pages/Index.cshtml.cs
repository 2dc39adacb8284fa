using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages;

/// <summary>The secretary's desk: the bodies they serve, their meetings in every state, and planning a new one.</summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class IndexModel(ProtokolDb db) : PageModel
{
    [BindProperty] public List<int> Bodies { get; set; } = [];
    [BindProperty, Required(ErrorMessage = "Vælg en dato."), Display(Name = "Dato")] public DateOnly? Date { get; set; }
    [BindProperty, Required(ErrorMessage = "Vælg et klokkeslæt."), Display(Name = "Klokken")] public TimeOnly? Time { get; set; } = new(16, 0);
    [BindProperty, Display(Name = "Mødested")] public string? Place { get; set; }

    public List<Body> MyBodies { get; private set; } = [];
    public List<Meeting> Meetings { get; private set; } = [];
    /// <summary>Cases postponed or sent on to these bodies while no meeting was planned: the next meeting planned takes them.</summary>
    public List<WaitingCase> Waiting { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await MeetingOperations.For(HttpContext).PlanAsync(Bodies, Date!.Value.ToDateTime(Time!.Value), Place, ct);
            TempData["Note"] = outcome.Note;
            if (outcome.Ok) return Redirect($"/sekretariat/moeder/{outcome.Id.ToString(CultureInfo.InvariantCulture)}");
            Problem = outcome.Problem;
        }
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        MyBodies = (await db.Bodies.AsNoTracking().ToListAsync(ct)).Where(b => viewer.MayChangeBody(b.Id)).OrderBy(b => b.Name, PortalFormat.DanishOrder).ToList();
        var ids = MyBodies.Select(b => b.Id).ToList();
        var since = Copenhagen.Now(db.Clock).AddMonths(-3);
        // Everything still open, and the last quarter's meetings, newest first.
        Meetings = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body)
            .Where(m => m.Bodies.Any(b => ids.Contains(b.BodyId)) && (m.StartsAt >= since || m.State != MeetingState.MinutesPublished))
            .OrderByDescending(m => m.StartsAt).Take(100).ToListAsync(ct);
        Waiting = await db.WaitingCases.AsNoTracking().Include(w => w.Body).Where(w => ids.Contains(w.BodyId)).OrderBy(w => w.QueuedAt).ToListAsync(ct);
    }
}
