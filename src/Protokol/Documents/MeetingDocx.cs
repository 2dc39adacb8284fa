namespace Protokol.Documents;

/// <summary>A meeting as DOCX, converted from the very HTML its PDF is printed from, so both say the same.</summary>
public sealed class MeetingDocx(DocumentHtml html, Uri site)
{
    public async Task<byte[]> MakeAsync(MeetingDocument document) =>
        HtmlToWord.Convert(await html.RenderAsync(new PrintPage(document, null)), document.Title, site);
}
