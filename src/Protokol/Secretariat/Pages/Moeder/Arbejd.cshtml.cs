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
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public bool Closed { get; set; }
    [BindProperty] public string? Reason { get; set; }
    /// <summary>Why the agenda or minutes are published although the checks found a possible CPR number (logged).</summary>
    [BindProperty] public string? OverrideReason { get; set; }

    public Meeting Meeting { get; private set; } = null!;
    public string? Problem { get; private set; }
    public bool MayChange { get; private set; }
    /// <summary>What the checks before publishing find now.</summary>
    public IReadOnlyList<Checks.Finding> Findings { get; private set; } = [];
    /// <summary>Accounts the draft agenda can be sent to for review, and the sendings so far.</summary>
    public List<Account> Readers { get; private set; } = [];
    public List<(AgendaReview Review, string Name)> Reviews { get; private set; } = [];
    /// <summary>The participants who have approved the minutes.</summary>
    public HashSet<int> Approved { get; private set; } = [];
    [TempData] public string? Note { get; set; }

    MeetingOperations Operations => MeetingOperations.For(HttpContext);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct) => Do(id, Operations.AddItemAsync(id, Title ?? "", CaseNumber, Closed, null, ct), ct);
    public Task<IActionResult> OnPostTemplateAsync(int id, string template, CancellationToken ct) => Do(id, Operations.AddItemAsync(id, "", null, false, template, ct), ct);
    public Task<IActionResult> OnPostMoveAsync(int id, int item, int by, CancellationToken ct) => Do(id, Operations.MoveItemAsync(item, by, ct), ct);
    public Task<IActionResult> OnPostClosedAsync(int id, int item, bool closed, CancellationToken ct) => Do(id, Operations.SetClosedAsync(item, closed, ct), ct);
    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => Do(id, Operations.PublishAgendaAsync(id, OverrideReason, ct), ct);
    public Task<IActionResult> OnPostPublishMinutesAsync(int id, CancellationToken ct) => Do(id, Operations.PublishMinutesAsync(id, OverrideReason, ct), ct);
    public Task<IActionResult> OnPostRemoveAsync(int id, int item, CancellationToken ct) => Do(id, Operations.RemoveItemAsync(item, ct), ct);
    public Task<IActionResult> OnPostReviewAsync(int id, List<int> readers, string? note, CancellationToken ct) => Do(id, Operations.SendForReviewAsync(id, readers, note, ct), ct);
    public Task<IActionResult> OnPostRemindersAsync(int id, int? days, CancellationToken ct) => Do(id, Operations.SetRemindersAsync(id, days is 0 ? null : days, ct), ct);
    public Task<IActionResult> OnPostHeldAsync(int id, CancellationToken ct) => Do(id, Operations.MarkHeldAsync(id, ct), ct);
    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) => Do(id, Operations.ReopenAsync(id, Reason ?? "", ct), ct);
    public Task<IActionResult> OnPostAttendanceAsync(int id, int participant, bool absent, CancellationToken ct) => Do(id, Operations.SetAttendanceAsync(id, participant, absent, Reason, ct), ct);

    /// <summary>Every button is a form: done, the page is shown again (a GET, so reloading repeats nothing); refused, it says why.</summary>
    async Task<IActionResult> Do(int id, Task<Outcome> operation, CancellationToken ct)
    {
        var outcome = await operation;
        if (outcome.Ok)
        {
            Note = outcome.Note;
            return Redirect($"/sekretariat/moeder/{id.ToString(CultureInfo.InvariantCulture)}");
        }
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
        if (meeting.State is MeetingState.Planned or MeetingState.Held or MeetingState.MinutesApproved) Findings = await Checks.PublishChecks.RunAsync(db, id, ct);
        if (meeting.State == MeetingState.Planned)
        {
            Readers = (await db.Accounts.AsNoTracking().Where(a => a.Email != null).ToListAsync(ct)).OrderBy(a => a.Name, Portal.PortalFormat.DanishOrder).ToList();
            var names = Readers.ToDictionary(a => a.Id, a => a.Name);
            Reviews = (await db.Reviews.AsNoTracking().Where(r => r.MeetingId == id).OrderByDescending(r => r.SentAt).ToListAsync(ct))
                .Select(r => (r, names.GetValueOrDefault(r.AccountId, "(slettet konto)"))).ToList();
        }
        Approved = (await db.Approvals.AsNoTracking().Where(a => a.MeetingId == id).Select(a => a.ParticipantId).ToListAsync(ct)).ToHashSet();
        return true;
    }
}
