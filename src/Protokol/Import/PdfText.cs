using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Protokol.Import;

/// <summary>Text of a referat PDF, page by page, without the page header and footer lines every page repeats.</summary>
public static class PdfText
{
    public static (string Text, List<Diagnostic> Diagnostics) Read(byte[] pdf)
    {
        var diagnostics = new List<Diagnostic>();
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList()).ToList();
        if (pages.Count >= 3)
        {
            // A line standing first or last on most pages (ignoring digits: page numbers) is running header or footer.
            static string Shape(string l) => new(l.Trim().Where(c => !char.IsDigit(c)).ToArray());
            var edges = pages.SelectMany(p => p.Where(l => l.Trim().Length > 0).Take(1).Concat(p.Where(l => l.Trim().Length > 0).TakeLast(1)))
                .Select(Shape).GroupBy(s => s).Where(g => g.Count() > pages.Count / 2).Select(g => g.Key).ToHashSet();
            edges.Remove("");
            foreach (var page in pages) page.RemoveAll(l => edges.Contains(Shape(l)));
            foreach (var e in edges) diagnostics.Add(new Diagnostic(0, "pdf", $"running header/footer '{e}' removed from every page", Severity.Info));
        }
        return (string.Join('\n', pages.Select(p => string.Join('\n', p))), diagnostics);
    }
}
