using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Outline;

namespace Protokol.Tests.Documents;

/// <summary>A generated PDF read back with PdfPig the way a reader meets it: lines of text per page, the contents, the outline.</summary>
public sealed partial class PdfText : IDisposable
{
    [GeneratedRegex(@"^Punkt (?<n>\S+): .*?(?<page>\d+)$")]
    private static partial Regex ContentsLine();

    public PdfDocument Pdf { get; }
    public IReadOnlyList<IReadOnlyList<string>> Pages { get; }

    public PdfText(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith("%PDF-"u8), "not a PDF: " + System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(200, bytes.Length))));
        Pdf = PdfDocument.Open(bytes);
        Pages = Pdf.GetPages().Select(Lines).ToList();
    }

    public string All => string.Join("\n", Pages.SelectMany(p => p));

    /// <summary>Words on one baseline make a line, top to bottom.</summary>
    static IReadOnlyList<string> Lines(Page page) => page.GetWords()
        .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
        .OrderByDescending(g => g.Key)
        .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))
        .ToList();

    /// <summary>The contents' entries in order: item number and the page number printed beside it.</summary>
    public List<(string Number, int Page)> Contents(int items) => Pages.SelectMany(p => p)
        .Select(l => ContentsLine().Match(l)).Where(m => m.Success).Take(items)
        .Select(m => (m.Groups["n"].Value, int.Parse(m.Groups["page"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>Whether an item's heading stands at the top of a page (under the running header).</summary>
    public bool HeadingOn(int page, string number) => Pages[page - 1].Take(2).Any(l => l.StartsWith($"Punkt {number}: ", StringComparison.Ordinal));

    public List<DocumentBookmarkNode> Outline =>
        Pdf.TryGetBookmarks(out var b) ? b.GetNodes().OfType<DocumentBookmarkNode>().ToList() : [];

    public void Dispose() => Pdf.Dispose();
}
