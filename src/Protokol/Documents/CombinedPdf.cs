using System.Security.Cryptography;
using Protokol.Meetings;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace Protokol.Documents;

/// <summary>One attachment in a combined document: included from its first page, or left out and why.</summary>
public sealed record AttachmentEntry(AgendaItem Item, Attachment Attachment, string? Problem, int? FirstPage);

/// <summary>The model of the combined document's list of attachments.</summary>
public sealed record AttachmentList(MeetingDocument Document, IReadOnlyList<AttachmentEntry> Entries);

/// <summary>
/// "Samlet dokument", as the commercial systems publish it: the meeting's PDF, a page listing its attachments
/// (where each begins, or why it is not there), then every attachment this copy may carry, with a bookmark to
/// each beside the meeting's own outline. The pages are copied into a new file with PdfPig, which keeps the
/// bookmarks but not Chromium's tags: the meeting's own PDF is the accessible one.
/// </summary>
public sealed class CombinedPdf(MeetingPdf meetingPdf, DocumentHtml html, ChromiumPrinter printer, DocumentCache cache, IAttachmentFiles files, Uri site)
{
    public async Task<byte[]> MakeAsync(MeetingDocument document, CancellationToken ct)
    {
        var main = await meetingPdf.MakeAsync(document, ct);
        var parts = new List<Part>();
        foreach (var (item, attachment) in document.Attachments)
        {
            var (file, pages) = Readable(await files.PdfOfAsync(attachment, ct));
            parts.Add(new Part(item, attachment, file, pages));
        }
        var key = DocumentCache.Key("samlet", [Hash(main), .. parts.Select(p => $"{p.Item.Id}/{p.Attachment.Id}/{p.Attachment.Name}/{(p.File.Pdf is { } pdf ? Hash(pdf) : p.File.Problem)}")]);
        return await cache.GetOrMakeAsync(key, () => CombineAsync(document, main, parts), ct);
    }

    static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A file that PdfPig cannot open (damaged, encrypted) is left out with a reason rather than breaking the whole.</summary>
    static (AttachmentFile File, int Pages) Readable(AttachmentFile file)
    {
        if (file.Pdf is null) return (file, 0);
        try
        {
            using var pdf = PdfDocument.Open(file.Pdf);
            return pdf.NumberOfPages > 0 ? (file, pdf.NumberOfPages) : (AttachmentFile.Missing("Bilaget har ingen sider."), 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (AttachmentFile.Missing("Bilaget er en PDF-fil, der ikke kan læses."), 0);
        }
    }

    sealed record Part(AgendaItem Item, Attachment Attachment, AttachmentFile File, int Pages);

    async Task<byte[]> CombineAsync(MeetingDocument document, byte[] main, List<Part> parts)
    {
        using var mainPdf = PdfDocument.Open(main);
        var address = new Uri(site, $"moeder/{document.Meeting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/bilag");
        var options = MeetingPdf.Options(document.Title);
        // The list's length decides where the attachments begin: print it once to count its pages, then with the numbers.
        var draft = await printer.PrintAsync(address, await html.RenderAsync(AttachmentListView, new AttachmentList(document, Entries(parts, null))), options, CancellationToken.None);
        int listPages;
        using (var d = PdfDocument.Open(draft)) listPages = d.NumberOfPages;
        var entries = Entries(parts, mainPdf.NumberOfPages + listPages + 1);
        var list = await printer.PrintAsync(address, await html.RenderAsync(AttachmentListView, new AttachmentList(document, entries)), options, CancellationToken.None);

        using var listPdf = PdfDocument.Open(list);
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = document.Title + " (samlet med bilag)";
        builder.DocumentInformation.Producer = "Protokol";
        for (var p = 1; p <= mainPdf.NumberOfPages; p++) builder.AddPage(mainPdf, p);
        for (var p = 1; p <= listPdf.NumberOfPages; p++) builder.AddPage(listPdf, p);
        var attachmentMarks = new List<BookmarkNode>();
        foreach (var (entry, part) in entries.Zip(parts))
        {
            if (part.File.Pdf is null) continue;
            using var attachment = PdfDocument.Open(part.File.Pdf);
            for (var p = 1; p <= attachment.NumberOfPages; p++) builder.AddPage(attachment, p);
            attachmentMarks.Add(Mark($"Punkt {entry.Item.Number}: {entry.Attachment.Name}", 1, entry.FirstPage!.Value, []));
        }
        var marks = mainPdf.TryGetBookmarks(out var outline) ? outline.Roots.ToList() : [];
        marks.Add(Mark("Bilag", 0, mainPdf.NumberOfPages + 1, attachmentMarks));
        builder.Bookmarks = new Bookmarks(marks);
        return builder.Build();
    }

    const string AttachmentListView = "/Documents/Print/AttachmentList.cshtml";

    static List<AttachmentEntry> Entries(List<Part> parts, int? firstPage)
    {
        var entries = new List<AttachmentEntry>();
        var next = firstPage;
        foreach (var part in parts)
        {
            if (part.File.Pdf is null) { entries.Add(new(part.Item, part.Attachment, part.File.Problem, null)); continue; }
            // Before the list is counted, a number of the same width stands in.
            entries.Add(new(part.Item, part.Attachment, null, next ?? 0));
            next += part.Pages;
        }
        return entries;
    }

    static DocumentBookmarkNode Mark(string title, int level, int page, IReadOnlyList<BookmarkNode> children) =>
        new(title, level, new ExplicitDestination(page, ExplicitDestinationType.FitPage, ExplicitDestinationCoordinates.Empty), children);
}
