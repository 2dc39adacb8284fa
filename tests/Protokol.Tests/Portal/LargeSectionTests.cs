using System.Text.Encodings.Web;
using Protokol.Import.Referat;
using Protokol.Portal;

namespace Protokol.Tests.Portal;

/// <summary>A section near the import limit renders on a page in pieces, never as several whole copies of itself.</summary>
public class LargeSectionTests
{
    static string Written(Microsoft.AspNetCore.Html.IHtmlContent html, TextWriter? into = null)
    {
        var writer = into ?? new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString()!;
    }

    /// <summary>Remembers only the longest single piece written to it.</summary>
    sealed class LongestWrite : StringWriter
    {
        public int Longest { get; private set; }
        public override void Write(string? value) { Longest = Math.Max(Longest, value?.Length ?? 0); base.Write(value); }
    }

    public static TheoryData<string> Sections => new(Samples.KoldingFiles
        .SelectMany(f => ReferatParser.Parse(File.ReadAllText(f)).Meeting!.Items.SelectMany(i => i.Sections))
        .Where(s => s.Text.Contains('|', StringComparison.Ordinal) || s.Text.Contains("\n- ", StringComparison.Ordinal)).Select(s => s.Text).Take(12));

    [Theory]
    [MemberData(nameof(Sections))]
    public void Rendering_block_by_block_gives_the_same_html(string markdown) =>
        Assert.Equal(Written(SectionHtml.Render(markdown, 3, largeSection: int.MaxValue)), Written(SectionHtml.Render(markdown, 3, largeSection: 0)));

    [Fact]
    public void A_section_of_nearly_a_million_characters_is_written_in_pieces()
    {
        var tables = string.Concat(Samples.KoldingFiles.SelectMany(f => ReferatParser.Parse(File.ReadAllText(f)).Meeting!.Items.SelectMany(i => i.Sections)).Select(s => s.Text + "\n\n"));
        var markdown = string.Concat(Enumerable.Repeat(tables, 900_000 / tables.Length));
        Assert.InRange(markdown.Length, 700_000, Protokol.Import.ImportLimits.MaxSectionChars);

        var writer = new LongestWrite();
        var html = Written(SectionHtml.Render(markdown), writer);

        Assert.InRange(writer.Longest, 1, 50_000);
        Assert.Equal(Written(SectionHtml.Render(tables, 4, largeSection: int.MaxValue)).Length * (900_000 / tables.Length), html.Length);
    }
}
