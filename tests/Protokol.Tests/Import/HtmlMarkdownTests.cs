using AngleSharp.Html.Parser;
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
}
