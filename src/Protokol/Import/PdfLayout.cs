using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Protokol.Import;

/// <summary>How a line is set, as far as telling headings from text goes; Plain where the source does not say (a text file).</summary>
public enum LineStyle { Plain, Heading, Body }

public readonly record struct SourceLine(string Text, LineStyle Style = LineStyle.Plain);

/// <summary>
/// The lines of a referat PDF with what its layout says about them, from the words, fonts and positions PdfPig reads:
/// a line wrapped at the margin is joined to the next (a title over three lines is one title, an attachment name over
/// two is one name), a larger gap is a paragraph break, and a line set like the document's section headings (larger or
/// bolder than its text) is a heading, while a line set as text is text even when it reads like a heading (an
/// attachment called "Indstilling"). Running headers and footers repeated on the pages are removed and reported.
/// </summary>
public static class PdfLayout
{
    public sealed record Result(List<SourceLine> Lines, List<Diagnostic> Diagnostics, List<SourcePart> Source, List<string> Furniture);

    /// <summary>One printed line: its words left to right, where it stands and how it is set.</summary>
    sealed record Line(int Page, string Text, double Left, double Right, double Baseline, double Size, bool Bold, double FirstWordWidth, double SpaceWidth)
    {
        public (double, bool) Style => (Size, Bold);
    }

    /// <param name="namesSection">Whether a line's text names an item or a section of the referat layout ("Punkt 2: …", "Resume").</param>
    public static Result Read(byte[] pdf, Func<string, bool> namesSection)
    {
        var diagnostics = new List<Diagnostic>();
        var source = new List<SourcePart>();
        var pages = new List<List<Line>>();
        using (var document = PdfDocument.Open(pdf))
            foreach (var page in document.GetPages())
            {
                var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
                pages.Add(Lines(page.Number, words));
                source.Add(new SourcePart(string.Join(' ', words.Select(w => Unligature(w.Text))), 0, $"page {page.Number}"));
            }
        var (edges, furniture) = RemoveFurniture(pages);
        foreach (var e in edges) diagnostics.Add(new Diagnostic(0, "pdf", $"running header/footer '{e}' removed from every page", Severity.Info));

        var all = pages.SelectMany(p => p).ToList();
        var style = Styles(all, namesSection);
        var pitch = all.Zip(all.Skip(1)).Where(p => p.First.Page == p.Second.Page && p.First.Size == p.Second.Size)
            .GroupBy(p => p.First.Size).ToDictionary(g => g.Key, g => LinePitch(g.Select(p => p.First.Baseline - p.Second.Baseline)));
        double Pitch(double size) => pitch.TryGetValue(size, out var p) && p > 0 ? p : size * 1.2;
        var columnRight = all.GroupBy(l => (l.Page, Math.Round(l.Left))).ToDictionary(g => g.Key, g => g.Max(l => l.Right));

        // Across a page break a paragraph ends only where the page ended early or the next began late: where its text
        // usually stands, the text runs on.
        var top = pages.Where(p => p.Count > 0).Select(p => p[0].Baseline).DefaultIfEmpty().Max();
        var bottom = pages.Where(p => p.Count > 0).Select(p => p[^1].Baseline).DefaultIfEmpty().Min();
        var lines = new List<SourceLine>();
        var firstLineOfPage = new Dictionary<int, int>();
        Line? previous = null;
        foreach (var line in all)
        {
            firstLineOfPage.TryAdd(line.Page, lines.Count);
            if (previous is not null && previous.Page == line.Page && Wraps(previous, line, Pitch(line.Size), columnRight[(line.Page, Math.Round(line.Left))]))
                lines[^1] = lines[^1] with { Text = lines[^1].Text + " " + line.Text };
            else
            {
                if (previous is not null && (previous.Page != line.Page ? top - line.Baseline + previous.Baseline - bottom > Pitch(previous.Size) / 2
                        : previous.Baseline - line.Baseline > 1.3 * Pitch(previous.Size)))
                    lines.Add(new SourceLine(""));
                lines.Add(new SourceLine(line.Text, style(line)));
            }
            previous = line;
        }
        var stray = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (text, count, _) = ControlCharacters.Remove(lines[i].Text);
            if (count == 0) continue;
            if (stray == 0) diagnostics.Add(new Diagnostic(i + 1, "pdf", ControlCharacters.Describe(count, lines[i].Text.First(char.IsControl))));
            stray += count;
            lines[i] = lines[i] with { Text = text };
        }
        for (var i = 0; i < source.Count; i++)
            source[i] = source[i] with { Line = firstLineOfPage.TryGetValue(i + 1, out var l) ? l + 1 : 0 };
        return new(lines, diagnostics, source, furniture);
    }

    /// <summary>Words on one baseline make a line; a wide gap between them (a column, a page number after a dot leader) is a tab.</summary>
    static List<Line> Lines(int page, List<Word> words)
    {
        var lines = new List<Line>();
        foreach (var group in Rows(words))
        {
            var row = group.OrderBy(w => w.BoundingBox.Left).ToList();
            var letters = row.SelectMany(w => w.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            if (letters.Count == 0) continue;
            var size = Math.Round(letters.GroupBy(l => Math.Round(l.PointSize * 2) / 2).MaxBy(g => g.Count())!.Key, 1);
            var bold = letters.Count(IsBold) * 10 >= letters.Count * 9;
            var space = size * 0.3;
            var text = new System.Text.StringBuilder(row[0].Text);
            for (var i = 1; i < row.Count; i++)
                text.Append(row[i].BoundingBox.Left - row[i - 1].BoundingBox.Right > 4 * space ? '\t' : ' ').Append(row[i].Text);
            lines.Add(new Line(page, Unligature(text.ToString()), row[0].BoundingBox.Left, row[^1].BoundingBox.Right, row.Min(w => w.BoundingBox.Bottom),
                size, bold, row[0].BoundingBox.Width, space));
        }
        return lines;
    }

    /// <summary>Words whose baselines lie within half a letter of each other, top of the page first.</summary>
    static IEnumerable<List<Word>> Rows(List<Word> words)
    {
        List<Word>? row = null;
        double baseline = 0;
        foreach (var w in words.OrderByDescending(w => w.BoundingBox.Bottom))
        {
            var size = w.Letters.Count > 0 ? w.Letters[0].PointSize : 10;
            if (row is not null && baseline - w.BoundingBox.Bottom < size / 2) { row.Add(w); continue; }
            if (row is not null) yield return row;
            row = [w];
            baseline = w.BoundingBox.Bottom;
        }
        if (row is not null) yield return row;
    }

    /// <summary>Typeset ligatures ("oﬀentlig") are the letters they join, for search as for reading.</summary>
    static string Unligature(string text) => text.AsSpan().IndexOfAnyInRange('\uFB00', '\uFB06') < 0 ? text
        : text.Replace("\uFB00", "ff", StringComparison.Ordinal).Replace("\uFB01", "fi", StringComparison.Ordinal).Replace("\uFB02", "fl", StringComparison.Ordinal)
            .Replace("\uFB03", "ffi", StringComparison.Ordinal).Replace("\uFB04", "ffl", StringComparison.Ordinal).Replace("\uFB05", "st", StringComparison.Ordinal).Replace("\uFB06", "st", StringComparison.Ordinal);

    static bool IsBold(Letter l) =>
        l.FontDetails?.IsBold == true || l.FontDetails?.Weight >= 600 || l.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.FillThenStroke
        || (l.FontName ?? "").Contains("Bold", StringComparison.OrdinalIgnoreCase) || (l.FontName ?? "").Contains("Black", StringComparison.OrdinalIgnoreCase)
        || (l.FontName ?? "").Contains("Heavy", StringComparison.OrdinalIgnoreCase) || (l.FontName ?? "").Contains("Semibold", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A line continues the one before when it is set alike, follows at the usual line distance, starts where it
    /// started, and the line before ran so near the right edge of the text that the first word of this one could not
    /// have fitted there: the wrap of a title, a paragraph or an attachment name.
    /// </summary>
    static bool Wraps(Line before, Line line, double pitch, double right)
    {
        if (before.Style != line.Style || Math.Abs(before.Left - line.Left) > 2) return false;
        var distance = before.Baseline - line.Baseline;
        if (distance <= 0 || distance > 1.15 * pitch) return false;
        if (line.Text.StartsWith("- ", StringComparison.Ordinal) || line.Text.StartsWith('|') || line.Text.StartsWith('•') || before.Text.Contains('\t', StringComparison.Ordinal)) return false;
        return before.Right + before.SpaceWidth + line.FirstWordWidth > right - 1;
    }

    /// <summary>
    /// Which lines are headings: those set larger or bolder than the document's text (the style most of its letters
    /// are in) and in a style the document gives its item and section headings ("Punkt 2: …", "Beslutninger", "Resume").
    /// A bold line in the text's size where headings are larger is a sub-heading inside a section, so text. A document
    /// in one style says nothing, and every line is Plain.
    /// </summary>
    static Func<Line, LineStyle> Styles(List<Line> lines, Func<string, bool> namesSection)
    {
        if (lines.Count == 0) return _ => LineStyle.Plain;
        var body = lines.GroupBy(l => l.Style).MaxBy(g => g.Sum(l => l.Text.Length))!.Key;
        bool Marked(Line l) => l.Size > body.Item1 + 0.5 || (l.Bold && !body.Item2);
        var headingStyles = lines.Where(l => Marked(l) && namesSection(l.Text)).Select(l => l.Style).ToHashSet();
        if (!lines.Any(Marked)) return _ => LineStyle.Plain;
        return l => Marked(l) && headingStyles.Contains(l.Style) ? LineStyle.Heading : LineStyle.Body;
    }

    /// <summary>
    /// A line standing first or last on the pages (ignoring digits: page numbers) is a running header or footer: on
    /// every page of a short document, on most pages of one of three pages or more.
    /// </summary>
    /// <returns>The shapes found, and the text of every line removed (for the loss meter, which counts them as layout).</returns>
    static (List<string> Shapes, List<string> Removed) RemoveFurniture(List<List<Line>> pages)
    {
        if (pages.Count < 2) return ([], []);
        static string Shape(string l) => new([.. l.Trim().Where(c => !char.IsDigit(c))]);
        var needed = pages.Count >= 3 ? pages.Count / 2 + 1 : pages.Count;
        var edges = pages.SelectMany(p => p.Take(1).Concat(p.TakeLast(1)).Select(l => Shape(l.Text)).Distinct())
            .GroupBy(s => s).Where(g => g.Key.Any(char.IsLetter) && g.Count() >= needed).Select(g => g.Key).ToList();
        var removed = new List<string>();
        foreach (var page in pages)
        {
            if (page.Count > 0 && edges.Contains(Shape(page[^1].Text))) { removed.Add(page[^1].Text); page.RemoveAt(page.Count - 1); }
            if (page.Count > 0 && edges.Contains(Shape(page[0].Text))) { removed.Add(page[0].Text); page.RemoveAt(0); }
        }
        return (edges, removed);
    }

    /// <summary>
    /// The distance from one line of a paragraph to the next: the smallest that recurs (paragraph gaps are larger, and
    /// in a text of short paragraphs as common as line distances).
    /// </summary>
    static double LinePitch(IEnumerable<double> distances)
    {
        var rounded = distances.Where(d => d > 0).Select(d => Math.Round(d * 2) / 2).ToList();
        if (rounded.Count == 0) return 0;
        return rounded.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key).DefaultIfEmpty(rounded.Min()).Min();
    }
}
