using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Punkter;

/// <summary>An item's sections in Markdown, each saved on its own, with a preview; a second editor's save never overwrites the first's unseen.</summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class RedigerModel(ProtokolDb db) : PageModel
{
    public AgendaItem Item { get; private set; } = null!;
    public Meeting Meeting { get; private set; } = null!;
    public bool MayChange { get; private set; }
    /// <summary>The section just saved, previewed or refused, with the text the editor sent (kept on a conflict).</summary>
    public int? Section { get; private set; }
    public string? Text { get; private set; }
    public bool Preview { get; private set; }
    public string? Problem { get; private set; }
    public string? Saved { get; private set; }
    /// <summary>The decision text sent and refused (kept for the editor).</summary>
    public string? DecisionText { get; private set; }
    public ItemSection? Decision => Item.Sections.FirstOrDefault(s => s.IsDecisionAt(Meeting.StartsAt));
    public List<Participant> Participants { get; private set; } = [];
    public List<Body> Bodies { get; private set; } = [];
    /// <summary>Said when the item was postponed or sent on.</summary>
    public string? Moves { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(int id, int section, int version, string? text, CancellationToken ct)
    {
        var outcome = await MeetingOperations.For(HttpContext).EditSectionAsync(section, text ?? "", version, ct);
        if (outcome.Ok) return Redirect($"/sekretariat/punkter/{id.ToString(CultureInfo.InvariantCulture)}?gemt={section.ToString(CultureInfo.InvariantCulture)}#afsnit-{section.ToString(CultureInfo.InvariantCulture)}");
        (Section, Text, Problem) = (section, text, outcome.Problem);
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The decision at this meeting, its kind (or read from the text), and who was absent for the item.</summary>
    public async Task<IActionResult> OnPostDecisionAsync(int id, string? text, string? kind, List<int> absent, int version, CancellationToken ct)
    {
        DecisionOutcome? outcome = Enum.TryParse<DecisionOutcome>(kind, out var k) && Enum.IsDefined(k) ? k : null;
        var result = await MeetingOperations.For(HttpContext).RecordDecisionAsync(id, text ?? "", outcome, absent, version, ct);
        if (result.Ok) return Redirect($"/sekretariat/punkter/{id.ToString(CultureInfo.InvariantCulture)}?gemt=beslutning#beslutning");
        (DecisionText, Problem) = (text, result.Problem);
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostPostponeAsync(int id, int version, CancellationToken ct) =>
        Moved(id, MeetingOperations.For(HttpContext).PostponeAsync(id, version, ct), ct);

    public Task<IActionResult> OnPostSendOnAsync(int id, int body, CancellationToken ct) =>
        Moved(id, MeetingOperations.For(HttpContext).SendOnAsync(id, body, ct), ct);

    async Task<IActionResult> Moved(int id, Task<Outcome> operation, CancellationToken ct)
    {
        var outcome = await operation;
        (Problem, Saved) = (outcome.Problem, null);
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (outcome.Ok) Moves = outcome.Note;
        return Page();
    }

    /// <summary>A file for the item, checked (type, size) and stored with it; refused, the page says why.</summary>
    public async Task<IActionResult> OnPostAttachAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null) FileProblem = "Vælg en fil.";
        else
        {
            await using var stream = file.OpenReadStream();
            var outcome = await MeetingOperations.For(HttpContext).AttachAsync(id, file.FileName, stream, ct);
            if (outcome.Ok) return Redirect($"/sekretariat/punkter/{id.ToString(CultureInfo.InvariantCulture)}#bilag");
            FileProblem = outcome.Problem;
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDetachAsync(int id, int attachment, CancellationToken ct)
    {
        var outcome = await MeetingOperations.For(HttpContext).RemoveAttachmentAsync(attachment, ct);
        if (outcome.Ok) return Redirect($"/sekretariat/punkter/{id.ToString(CultureInfo.InvariantCulture)}#bilag");
        FileProblem = outcome.Problem;
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>Why a file was not attached or removed.</summary>
    public string? FileProblem { get; private set; }
    public long MaxAttachmentMegabytes => MeetingOperations.MaxAttachmentMegabytes(HttpContext.RequestServices.GetRequiredService<IConfiguration>());

    /// <summary>The text as the portal will show it, without saving (no JavaScript needed).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, int section, string? text, CancellationToken ct)
    {
        (Section, Text, Preview) = (section, text, true);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().Include(i => i.Sections).Include(i => i.Attachments).Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body)
            .AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        var viewer = HttpContext.Viewer();
        if (item is null || !item.Meeting.Bodies.Any(b => viewer.MayChangeBody(b.BodyId))) return false;
        (Item, Meeting) = (item, item.Meeting);
        MayChange = item.Meeting.State < MeetingState.MinutesApproved;
        if (int.TryParse(Request.Query["gemt"], NumberStyles.None, CultureInfo.InvariantCulture, out var saved)) Saved = item.Sections.FirstOrDefault(s => s.Id == saved)?.Label;
        if (Request.Query["gemt"] == "beslutning") Saved = "Beslutningen";
        Bodies = (await db.Bodies.AsNoTracking().ToListAsync(ct)).OrderBy(b => b.Name, Portal.PortalFormat.DanishOrder).ToList();
        Participants = await db.Set<Participant>().AsNoTracking().Where(p => p.MeetingId == item.MeetingId && !p.Absent).OrderBy(p => p.Order).ToListAsync(ct);
        item.Absentees = await db.Set<ItemAbsentee>().AsNoTracking().Where(a => a.AgendaItemId == id).ToListAsync(ct);
        return true;
    }
}
