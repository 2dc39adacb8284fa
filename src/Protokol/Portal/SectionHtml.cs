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

    public static IHtmlContent Render(string markdown) => new HtmlString(Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));
}
