using System.Net;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace Protokol.Documents;

/// <summary>
/// A meeting as PDF, printed by Chromium from the print HTML: tagged (with the page's title and language), an
/// outline of its headings, "Side X af Y" in the footer, and contents whose page numbers are where each item's
/// heading really landed — read back from one printing and written into the next, until they hold.
/// </summary>
public sealed class MeetingPdf(DocumentHtml html, ChromiumPrinter printer, DocumentCache cache, Uri site)
{
    const int MaxPrintings = 4;

    public async Task<byte[]> MakeAsync(MeetingDocument document, CancellationToken ct)
    {
        var first = await html.RenderAsync(new PrintPage(document, null));
        return await cache.GetOrMakeAsync(DocumentCache.Key("pdf", first), () => PrintAsync(document, first), ct);
    }

    async Task<byte[]> PrintAsync(MeetingDocument document, string first)
    {
        var address = new Uri(site, $"moeder/{document.Meeting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/dokument");
        var options = Options(document.Title);
        var (page, numbers) = (first, (IReadOnlyList<int>?)null);
        for (var printing = 1; ; printing++)
        {
            // Printing is not cancelled half-way: others may be waiting for the same document.
            var pdf = await printer.PrintAsync(address, page, options, CancellationToken.None);
            var found = HeadingPages(pdf, document.Items);
            if (found.Count == 0 || (numbers is not null && found.SequenceEqual(numbers))) return pdf;
            if (printing == MaxPrintings) throw new InvalidOperationException($"the contents' page numbers did not settle after {MaxPrintings} printings");
            numbers = found;
            page = await html.RenderAsync(new PrintPage(document, numbers));
        }
    }

    public static PagePdfOptions Options(string title) => new()
    {
        Format = "A4",
        PrintBackground = true,
        Tagged = true,
        Outline = true,
        DisplayHeaderFooter = true,
        // Chromium's header and footer are plain templates outside the page's stylesheet.
        HeaderTemplate = $"<div style=\"font: 8px sans-serif; color: #505050; width: 100%; margin: 0 2.2cm 0 2.2cm;\">{WebUtility.HtmlEncode(title)}</div>",
        FooterTemplate = "<div style=\"font: 9px sans-serif; color: #505050; width: 100%; text-align: center;\">Side <span class=\"pageNumber\"></span> af <span class=\"totalPages\"></span></div>",
        Margin = new Margin { Top = "2cm", Bottom = "2cm", Left = "2.2cm", Right = "2cm" },
    };

    /// <summary>The page each item's heading stands on, from the outline Chromium makes of the headings ("Punkt 3: …").</summary>
    public static IReadOnlyList<int> HeadingPages(byte[] pdf, IReadOnlyList<Meetings.AgendaItem> items)
    {
        if (items.Count == 0) return [];
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks))
            throw new PrinterUnavailableException("Denne Chromium laver ikke PDF-bogmærker, så indholdsfortegnelsens sidetal kan ikke findes.");
        var headings = bookmarks.GetNodes().OfType<DocumentBookmarkNode>().ToList();
        var pages = new List<int>(items.Count);
        var next = 0;
        foreach (var item in items)
        {
            var prefix = $"Punkt {item.Number}:";
            while (next < headings.Count && !headings[next].Title.Trim().StartsWith(prefix, StringComparison.Ordinal)) next++;
            if (next == headings.Count) throw new InvalidOperationException($"the heading of item {item.Number} is not in the printed outline");
            pages.Add(headings[next++].PageNumber);
        }
        return pages;
    }
}
