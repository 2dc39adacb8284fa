using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Accounts;
using Protokol.Storage;

namespace Protokol.Documents.Pages;

/// <summary>`/moeder/{id}/dokument.pdf` and `/moeder/{id}/samlet.pdf` (with the attachments); a page saying why when Chromium cannot print.</summary>
public sealed class PdfModel(ProtokolDb db, MeetingPdf pdf, CombinedPdf combined) : PageModel
{
    public int Id { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string variant, CancellationToken ct)
    {
        if (variant is not ("dokument" or "samlet")) return NotFound();
        var viewer = HttpContext.Viewer();
        if (await DocumentEndpoints.OpenAsync(db, viewer, id, ct) is not { } document) return NotFound();
        Id = id;
        try
        {
            var bytes = variant == "samlet" ? await combined.MakeAsync(document, ct) : await pdf.MakeAsync(document, ct);
            await DocumentEndpoints.LogAsync(db, viewer, document, ct);
            return File(bytes, "application/pdf", document.FileName(variant == "samlet" ? "samlet.pdf" : "pdf"));
        }
        catch (PrinterUnavailableException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }
}
