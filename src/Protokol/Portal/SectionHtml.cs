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

    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();
    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Add("mailto");
        return s;
    }

    /// <summary>
    /// Rendered sections by their Markdown: the same text always gives the same HTML, so the cache can never
    /// serve something stale, on one web node or many. Sanitizing is the costly part of a page.
    /// </summary>
    static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <param name="headingLevel">The level headings inside the text get (one below the section's own heading), so the outline never skips a level.</param>
    public static IHtmlContent Render(string markdown, int headingLevel = 4) =>
        Cache.GetOrCreate((markdown, headingLevel), entry =>
        {
            var html = new HtmlString(HeadingTag().Replace(ToHtml(markdown), m => $"<{m.Groups[1].Value}h{headingLevel}"));
            entry.Size = markdown.Length + html.Value!.Length;
            return html;
        })!;

    /// <summary>Wide budget tables scroll sideways in a region the keyboard can reach (WCAG 2.1.1).</summary>
    static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline))
        .Replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\"><table>", StringComparison.Ordinal)
        .Replace("</table>", "</table></div>", StringComparison.Ordinal);
}
