using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Protokol.Portal;

/// <summary>Section Markdown to safe HTML: pipe tables become real tables, and nothing from user text survives the sanitizer unchecked.</summary>
public static class SectionHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();
    static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Add("mailto");
        return s;
    }

    /// <summary>Wide budget tables scroll sideways in a region the keyboard can reach (WCAG 2.1.1).</summary>
    public static IHtmlContent Render(string markdown) => new HtmlString(Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline))
        .Replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\"><table>", StringComparison.Ordinal)
        .Replace("</table>", "</table></div>", StringComparison.Ordinal));
}
