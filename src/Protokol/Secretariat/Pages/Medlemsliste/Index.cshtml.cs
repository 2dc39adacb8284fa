using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Medlemsliste;

/// <summary>
/// A roster file imported: for one body (its page links here), or for several (an udvalg column). First a preview
/// of every change and every error by line and field; then, if nothing is wrong, all of it in one save.
/// </summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
[RequestSizeLimit(4 * 1024 * 1024)] // larger than any roster, so a too-large file is told so by the page, not refused by the server
public sealed class IndexModel(ProtokolDb db) : PageModel
{
    public Body? Body { get; private set; }
    public bool HasBodies { get; private set; }
    public RosterPlan? Plan { get; private set; }
    public string? Problem { get; private set; }
    /// <summary>The previewed file, carried to the apply step (a file field cannot be filled again without a script).</summary>
    public string? FileBytes { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(int? id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (file is null || file.Length == 0) { Problem = "Vælg filen med medlemslisten."; return Page(); }
        if (file.Length > RosterCsv.MaxBytes) { Problem = $"Filen er for stor (højst {RosterCsv.MaxBytes / 1024} kB); en medlemsliste fylder meget mindre."; return Page(); }
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, ct);
        Plan = await Import.PlanAsync(bytes.ToArray(), id, ct);
        FileBytes = Convert.ToBase64String(bytes.ToArray());
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(int? id, string? content, string? fingerprint, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var bytes = new byte[RosterCsv.MaxBytes];
        if (content is null || !Convert.TryFromBase64String(content, bytes, out var length))
        {
            Problem = "Filen kom ikke med. Vælg den igen.";
            return Page();
        }
        var file = bytes[..length];
        var (plan, problem) = await Import.ApplyAsync(file, id, fingerprint ?? "", ct);
        if (problem is null)
        {
            var changed = plan.Changes.Count(c => c.Kind != RosterChangeKind.Unchanged).ToString(CultureInfo.InvariantCulture);
            return Redirect(id is { } b ? $"/sekretariat/udvalg/{b.ToString(CultureInfo.InvariantCulture)}?importeret={changed}" : $"/sekretariat/udvalg?importeret={changed}");
        }
        (Plan, Problem, FileBytes) = (plan, problem, content);
        return Page();
    }

    RosterImport Import => new(db, HttpContext.Viewer());

    async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        if (id is { } bodyId)
        {
            Body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct);
            return Body is not null && viewer.MayChangeBody(bodyId);
        }
        HasBodies = viewer.IsAdmin || viewer.Grants.Any(g => g.Serves);
        return true;
    }
}
