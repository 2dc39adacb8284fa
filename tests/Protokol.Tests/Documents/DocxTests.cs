using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Protokol.Documents;
using Protokol.Storage;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Documents;

/// <summary>The meeting as DOCX, opened with OpenXml: Word's headings, the TOC field, tables, Danish.</summary>
public sealed class DocxTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    async Task<WordprocessingDocument> Download(string who, int meeting)
    {
        var response = await (await app.As(who)).GetAsync(new Uri($"/moeder/{meeting}/dokument.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentEndpoints.Docx, response.Content.Headers.ContentType?.MediaType);
        return WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
    }

    static List<Paragraph> Styled(WordprocessingDocument docx, string style) => docx.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()
        .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).ToList();

    [Fact]
    public async Task Each_item_is_a_heading_on_a_new_page_under_a_toc_field_in_a_valid_danish_document()
    {
        await using var db = app.Db();
        var meeting = (await MeetingQueries.FindAsync(db, app.MeetingId))!;
        using var docx = await Download("public", app.MeetingId);

        var headings = Styled(docx, "Heading1");
        Assert.Equal(meeting.Items.OrderBy(i => i.Order).Select(i => $"Punkt {i.Number}: {i.Title}"), headings.Select(h => h.InnerText));
        Assert.All(headings, h => Assert.NotNull(h.ParagraphProperties!.PageBreakBefore));
        var headingStyle = docx.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Heading1");
        Assert.Equal("heading 1", headingStyle.StyleName!.Val);
        Assert.Equal(0, headingStyle.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Contains(Styled(docx, "Heading2"), p => p.InnerText == "Sagsfremstilling");

        var field = docx.MainDocumentPart.Document!.Body!.Descendants<FieldCode>().Single();
        Assert.StartsWith("TOC ", field.Text.Trim(), StringComparison.Ordinal);
        Assert.Equal(headings.Count, Styled(docx, "TOC1").Count);

        var language = docx.MainDocumentPart.StyleDefinitionsPart.Styles.DocDefaults!.Descendants<Languages>().Single();
        Assert.Equal("da-DK", language.Val);
        Assert.Equal("da-DK", docx.PackageProperties.Language);
        Assert.Equal("Referat: Teknik- og Miljøudvalget, tirsdag d. 13. januar 2026", docx.PackageProperties.Title);

        var errors = new OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
    }

    [Fact]
    public async Task Tables_are_word_tables_with_numbers_to_the_right()
    {
        await using var db = app.Db();
        var id = await db.Meetings.Where(m => m.SourceKey == "referat:teknik-og-miljoeudvalget:2026-06-09T16:00").Select(m => m.Id).SingleAsync();
        using var docx = await Download("public", id);
        var tables = docx.MainDocumentPart!.Document!.Body!.Descendants<Table>().Where(t => t.GetFirstChild<TableProperties>()?.TableStyle?.Val == "TableGrid").ToList();
        Assert.NotEmpty(tables);
        var cells = tables.SelectMany(t => t.Descendants<TableCell>()).ToList();
        var numbers = cells.Where(c => Protokol.Checks.DanishNumber.TryParse(c.InnerText, out _)).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, c => Assert.Equal(JustificationValues.Right, c.Descendants<Justification>().Single().Val!.Value));
        Assert.Contains(cells, c => !Protokol.Checks.DanishNumber.TryParse(c.InnerText, out _) && !c.Descendants<Justification>().Any());
    }

    [Fact]
    public async Task The_public_docx_leaves_the_closed_item_out_and_the_members_has_it()
    {
        using var open = await Download("public", app.MeetingId);
        using var member = await Download("member", app.MeetingId);
        var openText = open.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.DoesNotContain(AccountsApplication.Marker, openText, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountsApplication.DecisionMarker, openText, StringComparison.Ordinal);
        Assert.Contains("Punkt 5: Køb af ejendom på Havnevej 14", openText, StringComparison.Ordinal);
        var memberText = member.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains(AccountsApplication.Marker, memberText, StringComparison.Ordinal);
        Assert.Contains(AccountsApplication.DecisionMarker, memberText, StringComparison.Ordinal);
        Assert.Contains("Udgave til Test member", memberText, StringComparison.Ordinal);
    }
}
