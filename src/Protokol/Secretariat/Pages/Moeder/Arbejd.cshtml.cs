using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Moeder;

/// <summary>A meeting's workspace: its state and next step, and the agenda to build (items, order, closed, standard items).</summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class ArbejdModel(ProtokolDb db) : PageModel
{
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public bool Closed { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Meeting Meeting { get; private set; } = null!;
    public string? Problem { get; private set; }
    public bool MayChange { get; private set; }

    MeetingOperations Operations => MeetingOperations.For(HttpContext);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct) => Do(id, Operations.AddItemAsync(id, Title, CaseNumber, Closed, null, ct), ct);
    public Task<IActionResult> OnPostTemplateAsync(int id, string template, CancellationToken ct) => Do(id, Operations.AddItemAsync(id, "", null, false, template, ct), ct);
    public Task<IActionResult> OnPostMoveAsync(int id, int item, int by, CancellationToken ct) => Do(id, Operations.MoveItemAsync(item, by, ct), ct);
    public Task<IActionResult> OnPostClosedAsync(int id, int item, bool closed, CancellationToken ct) => Do(id, Operations.SetClosedAsync(item, closed, ct), ct);
    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => Do(id, Operations.PublishAgendaAsync(id, ct), ct);
    public Task<IActionResult> OnPostHeldAsync(int id, CancellationToken ct) => Do(id, Operations.MarkHeldAsync(id, ct), ct);
    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) => Do(id, Operations.ReopenAsync(id, Reason ?? "", ct), ct);
    public Task<IActionResult> OnPostAttendanceAsync(int id, int participant, bool absent, CancellationToken ct) => Do(id, Operations.SetAttendanceAsync(id, participant, absent, Reason, ct), ct);

    /// <summary>Every button is a form: done, the page is shown again (a GET, so reloading repeats nothing); refused, it says why.</summary>
    async Task<IActionResult> Do(int id, Task<Outcome> operation, CancellationToken ct)
    {
        var outcome = await operation;
        if (outcome.Ok) return Redirect($"/sekretariat/moeder/{id.ToString(CultureInfo.InvariantCulture)}");
        Problem = outcome.Problem;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        var viewer = HttpContext.Viewer();
        if (meeting is null || !meeting.Bodies.Any(b => viewer.MayChangeBody(b.BodyId))) return false;
        Meeting = meeting;
        MayChange = meeting.State < MeetingState.MinutesApproved;
        return true;
    }
}
