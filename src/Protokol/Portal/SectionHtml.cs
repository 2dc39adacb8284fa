using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Protokol.Portal;

/// <summary>Section Markdown to safe HTML: pipe tables become real tables, and nothing from user text survives the sanitizer unchecked.</summary>
public static partial class SectionHtml
{
    [System.Text.RegularExpressions.GeneratedRegex("<(/?)h[1-6]")]
    private static partial System.Text.RegularExpressions.Regex HeadingTag();

    [System.Text.RegularExpressions.GeneratedRegex("""<(th|td) style="text-align: (left|center|right);">""")]
    private static partial System.Text.RegularExpressions.Regex AlignedCell();

    [System.Text.RegularExpressions.GeneratedRegex("^(https:|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ImageSource();

    [System.Text.RegularExpressions.GeneratedRegex(@"<td>((?:[^<]|</?(?:strong|em|b|i)>){1,80})</td>")]
    private static partial System.Text.RegularExpressions.Regex PlainCell();

    [System.Text.RegularExpressions.GeneratedRegex("</?(strong|em|b|i)>")]
    private static partial System.Text.RegularExpressions.Regex InlineTag();

    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();
    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// Only what minutes are made of: no forms, frames, styles, ids or classes of the text's own, so imported
    /// content can neither ask for a password nor lay itself over the page; images never load over plain http.
    /// </summary>
    static HtmlSanitizer CreateSanitizer()
    {
        var o = HtmlSanitizerOptions.Empty();
        o.AllowedTags.UnionWith([
            "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
            "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
            "a", "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup",
            "blockquote", "pre", "code", "hr", "img"]);
        o.AllowedAttributes.UnionWith(["href", "title", "src", "alt", "colspan", "rowspan", "start", "class"]);
        o.AllowedClasses.UnionWith(["align-left", "align-center", "align-right"]);
        o.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        o.UriAttributes.UnionWith(["href", "src"]);
        var s = new HtmlSanitizer(o);
        // A plain-http image tells a third party who reads what, and an SVG can carry script.
        s.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName == "img") e.SanitizedUrl = ImageSource().IsMatch(e.OriginalUrl.Trim()) ? e.OriginalUrl.Trim() : null;
        };
        return s;
    }

    /// <summary>
    /// Rendered sections by their Markdown: the same text always gives the same HTML, so the cache can never
    /// serve something stale, on one web node or many. Sanitizing is the costly part of a page.
    /// </summary>
    static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <param name="headingLevel">The level headings inside the text get (one below the section's own heading), so the outline never skips a level.</param>
    public static IHtmlContent Render(string markdown, int headingLevel = 4) => Render(markdown, headingLevel, largeSection: 64 * 1024);

    /// <param name="largeSection">Above this many characters a section is rendered block by block as the page is written, and not cached.</param>
    internal static IHtmlContent Render(string markdown, int headingLevel, int largeSection) =>
        markdown.Length > largeSection ? new InBlocks(markdown, headingLevel) : Cache.GetOrCreate((markdown, headingLevel), entry =>
        {
            var html = new HtmlString(ToHtml(Markdown.ToHtml(markdown, Pipeline), headingLevel));
            entry.Size = markdown.Length + html.Value!.Length;
            return html;
        })!;

    /// <summary>
    /// Column alignment becomes a class, as the sanitizer lets no style through; wide budget tables scroll
    /// sideways in a region the keyboard can reach (WCAG 2.1.1).
    /// </summary>
    static string ToHtml(string rendered, int headingLevel) =>
        HeadingTag().Replace(AmountsRight(Sanitizer.Sanitize(AlignedCell().Replace(rendered, "<$1 class=\"align-$2\">")))
            .Replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\"><table>", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal), m => $"<{m.Groups[1].Value}h{headingLevel}");

    /// <summary>An amount ("1.378.372,5", "-136,9") stands to the right in its column, on the page, in print and in Word alike.</summary>
    static string AmountsRight(string html) => PlainCell().Replace(html, m =>
        Checks.DanishNumber.TryParse(System.Net.WebUtility.HtmlDecode(InlineTag().Replace(m.Groups[1].Value, "")), out _) ? $"<td class=\"align-right\">{m.Groups[1].Value}</td>" : m.Value);

    /// <summary>
    /// A large section, written to the page one top-level block (paragraph, list, table) at a time: the page never
    /// holds the whole section as HTML, sanitized HTML and their copies at once, only the parsed Markdown and one block.
    /// </summary>
    sealed class InBlocks(string markdown, int headingLevel) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder)
        {
            var document = Markdown.Parse(markdown, Pipeline);
            var html = new StringWriter();
            var renderer = new Markdig.Renderers.HtmlRenderer(html);
            Pipeline.Setup(renderer);
            foreach (var block in document)
            {
                renderer.Render(block);
                writer.Write(ToHtml(html.ToString(), headingLevel));
                html.GetStringBuilder().Clear();
            }
        }
    }
}
