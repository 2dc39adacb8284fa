using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CsCheck;
using Protokol.Import.Greve;
using Protokol.Portal;

namespace Protokol.Tests.Import;

public class HtmlMarkdownTests
{
    static string Markdown(string html) => HtmlMarkdown.Convert(new HtmlParser().ParseDocument("<body>" + html).Body!.ChildNodes);

    static string Shown(string html) => SectionHtml.Render(Markdown(html)).ToString()!;

    [Fact]
    public void Markup_the_site_escaped_stays_text()
    {
        Assert.Equal("<p>&lt;div style=\"position:fixed\"&gt;hej&lt;/div&gt;</p>", Shown("<p>&lt;div style=\"position:fixed\"&gt;hej&lt;/div&gt;</p>").Trim());
    }

    [Theory]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<script>alert(1)</script>")]
    [InlineData("<p>Se &lt;https://greve.dk&gt; og &amp;lt; i koden</p>", "Se <https://greve.dk> og &lt; i koden")]
    [InlineData("<p>&lt;<span>b</span>&gt;fed&lt;/b&gt; og C:\\&lt;mappe&gt;</p>", "<b>fed</b> og C:\\<mappe>")]
    [InlineData("<p>`&lt;i&gt;` og 2 &lt; 3 &amp; 4 &gt; 1</p>", "`<i>` og 2 < 3 & 4 > 1")]
    public void Escaped_text_renders_as_the_same_text(string html, string text) =>
        Assert.Equal($"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>", Shown(html).Trim());

    [Fact]
    public void Ordinary_text_keeps_its_Markdown()
    {
        Assert.Equal("Udvalget godkendte **indstillingen** med 5 < 7 stemmer.",
            Markdown("<p>Udvalget godkendte <b>indstillingen</b> med 5 &lt; 7 stemmer.</p>"));
    }

    [Fact]
    public void A_link_target_cannot_end_the_link_and_add_markup()
    {
        var html = Shown("<p><a href=\"https://greve.dk/a)<b>fed</b>\">bilag</a> og <a href=\"https://greve.dk/Budget (2).pdf\">budget</a></p>");
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://greve.dk/a)%3Cb%3Efed%3C/b%3E\">bilag</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://greve.dk/Budget%20(2).pdf\">budget</a>", html, StringComparison.Ordinal);
    }

    static readonly HtmlParser Parser = new();

    /// <summary>The words a reader sees, in order: of the HTML itself, of its Markdown, and of the page the Markdown becomes.</summary>
    static (string[] Source, string[] Markdown, string[] Rendered) WordsThrough(string html)
    {
        var markdown = Markdown(html);
        var rendered = Parser.ParseDocument("<body>" + SectionHtml.Render(markdown)).Body!;
        return (Words(HtmlMarkdown.VisibleText(Parser.ParseDocument("<body>" + html).Body!)), Words(markdown), Words(HtmlMarkdown.VisibleText(rendered)));
    }

    /// <summary>Words of letters: list numbers are markers in Markdown and text where a list is flattened (in a table cell).</summary>
    static string[] Words(string text) => [.. Regex.Matches(text, @"\p{L}+").Select(m => m.Value)];

    [Theory]
    // A list standing straight inside a list, as the site's editor writes it.
    [InlineData("<p>Udvalget godkender med følgende bemærkninger:</p><ol><li>at bygningen renoveres</li><ul><li>inden udgangen af maj</li><li>inden for rammen</li></ul><li>at naboerne høres</li></ol>")]
    // Nesting inside the item, three deep, with a start number.
    [InlineData("<ul><li>første<ul><li>anden<ol start=\"3\"><li>tredje</li><li>fjerde</li></ol></li></ul></li><li>femte</li></ul>")]
    // A list before any item, text and paragraphs straight in a list.
    [InlineData("<ul><ul><li>indrykket</li></ul><li>efter</li>løs tekst<p>afsnit</p><li>sidst</li></ul>")]
    // Lists inside emphasis, a table cell and a paragraph; an item with two paragraphs and a line break.
    [InlineData("<b>fed<ul><li>punkt</li></ul></b><table><tr><td>celle<ol><li>en</li><li>to</li></ol></td><td>nabo</td></tr></table><ol><li><p>et</p><p>to<br>tre</p></li></ol>")]
    // Emphasis split by the editor inside a word, and a link with its spaces.
    [InlineData("<ol><li><em>indstiller a</em><i>t udvalget</i> godkender<a> via </a>Bystrategisk Råd</li><ol><li>2*12 måneder</li></ol></ol>")]
    public void Nested_lists_keep_every_word_in_order(string html)
    {
        var (source, markdown, rendered) = WordsThrough(html);
        Assert.Equal(source, markdown);
        Assert.Equal(source, rendered);
    }

    [Fact]
    public void A_list_inside_a_list_is_indented_under_the_item_before_it()
    {
        Assert.Equal("1. at bygningen renoveres\n   - inden udgangen af maj\n2. at naboerne høres",
            Markdown("<ol><li>at bygningen renoveres</li><ul><li>inden udgangen af maj</li></ul><li>at naboerne høres</li></ol>"));
        // A list numbered from 3 cannot interrupt a paragraph in Markdown, so a blank line stands before it.
        Assert.Contains("<ol start=\"3\">", Shown("<ul><li>anden<ol start=\"3\"><li>tredje</li></ol></li></ul>"), StringComparison.Ordinal);
    }

    static readonly string[] Vocabulary = ["udvalget", "godkender", "budget", "skole", "vej", "borger", "plan", "høring", "frist", "år"];

    /// <summary>Any nesting of lists, items, paragraphs, emphasis and text the HTML parser accepts.</summary>
    static readonly Gen<string> Fragment = Gen.Recursive<string>((depth, inner) =>
    {
        var word = Gen.Int[0, Vocabulary.Length - 1].Select(i => Vocabulary[i] + " ");
        if (depth >= 4) return word;
        var children = inner.Array[0, 4].Select(string.Concat);
        return Gen.Frequency(
            (4, word),
            (2, children.Select(c => $"<li>{c}</li>")),
            (2, children.Select(c => $"<ul>{c}</ul>")),
            (2, children.Select(c => $"<ol>{c}</ol>")),
            (1, children.Select(c => $"<p>{c}</p>")),
            (1, children.Select(c => $"<b>{c}</b>")),
            (1, children.Select(c => $"<div>{c}<br></div>")));
    });

    [Fact]
    public void Any_nesting_keeps_every_word_in_order() =>
        Fragment.Array[1, 5].Select(string.Concat).Sample(html =>
        {
            var (source, markdown, rendered) = WordsThrough(html);
            Assert.Equal(source, markdown);
            Assert.Equal(source, rendered);
        }, iter: 2000, threads: 1);
}
