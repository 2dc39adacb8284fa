using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Import;
using Protokol.Storage;
using Protokol.Tests.Accounts;
using UglyToad.PdfPig.Tokens;

namespace Protokol.Tests.Documents;

/// <summary>The meeting PDFs, downloaded as the public and as a member would, and read back with PdfPig.</summary>
public sealed class PdfTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    async Task<byte[]> Download(string who, string url)
    {
        var response = await (await app.As(who)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    async Task<int> ImportAsync(string file)
    {
        await using var db = app.Db();
        var result = await new ArchiveImport(db).ImportAsync(file);
        return (await db.Meetings.SingleAsync(m => m.SourceKey == result.MeetingKey)).Id;
    }

    [Fact]
    public async Task The_contents_page_numbers_are_the_pages_where_the_items_start_and_the_outline_has_each_item()
    {
        // The largest Kolding minutes: budget tables, items running over several pages.
        var id = await ImportAsync(Samples.Kolding(Samples.Feb2025));
        await using var db = app.Db();
        var meeting = (await MeetingQueries.FindAsync(db, id))!;
        var items = meeting.Items.OrderBy(i => i.Order).ToList();
        using var pdf = new PdfText(await Download("public", $"/moeder/{id}/dokument.pdf"));

        var contents = pdf.Contents(items.Count);
        Assert.Equal(items.Select(i => i.Number), contents.Select(c => c.Number));
        foreach (var (number, page) in contents)
            Assert.True(pdf.HeadingOn(page, number), $"the contents say item {number} starts on page {page}, which begins: {string.Join(" / ", pdf.Pages[page - 1].Take(2))}");
        Assert.True(contents.Select(c => c.Page).Distinct().Count() == items.Count, "each item starts a page of its own");
        Assert.True(contents.Zip(contents.Skip(1)).Any(p => p.Second.Page - p.First.Page > 1), "some item runs over more than one page");

        var outline = pdf.Outline.Where(n => n.Title.StartsWith("Punkt ", StringComparison.Ordinal)).ToList();
        // Chromium titles a bookmark with the heading's text as laid out, where a line wraps it drops the space.
        static string Letters(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(items.Select(i => Letters($"Punkt {i.Number}: {i.Title}")), outline.Select(n => Letters(n.Title)));
        Assert.Equal(contents.Select(c => c.Page), outline.Select(n => n.PageNumber));

        Assert.Equal($"Side 1 af {pdf.Pages.Count}", pdf.Pages[0][^1]);
        Assert.Equal($"Side {pdf.Pages.Count} af {pdf.Pages.Count}", pdf.Pages[^1][^1]);
    }

    [Fact]
    public async Task The_pdf_is_tagged_with_title_and_danish_language()
    {
        using var pdf = new PdfText(await Download("public", $"/moeder/{app.MeetingId}/dokument.pdf"));
        var catalog = pdf.Pdf.Structure.Catalog.CatalogDictionary;
        var markInfo = Assert.IsType<DictionaryToken>(catalog.Data["MarkInfo"]);
        Assert.True(Assert.IsType<BooleanToken>(markInfo.Data["Marked"]).Data, "the catalog's MarkInfo says the PDF is tagged");
        Assert.True(catalog.Data.ContainsKey("StructTreeRoot"), "the PDF has a structure tree");
        Assert.Equal("da", Assert.IsType<StringToken>(catalog.Data["Lang"]).Data);
        Assert.Equal("Referat: Teknik- og Miljøudvalget, tirsdag d. 13. januar 2026", pdf.Pdf.Information.Title);
        Assert.Contains(pdf.Pages[0], l => l.StartsWith("Mødedeltagere ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_pdf_leaves_the_closed_item_out_and_the_members_has_it_and_says_so()
    {
        using var open = new PdfText(await Download("public", $"/moeder/{app.MeetingId}/dokument.pdf"));
        using var outsider = new PdfText(await Download("outsider", $"/moeder/{app.MeetingId}/dokument.pdf"));
        using var member = new PdfText(await Download("member", $"/moeder/{app.MeetingId}/dokument.pdf"));
        foreach (var pdf in new[] { open, outsider })
        {
            Assert.DoesNotContain(AccountsApplication.Marker, pdf.All, StringComparison.Ordinal);
            Assert.DoesNotContain(AccountsApplication.DecisionMarker, pdf.All, StringComparison.Ordinal);
            Assert.Contains("Punkt 5: Køb af ejendom på Havnevej 14", pdf.All, StringComparison.Ordinal);
            Assert.Contains("Offentlig udgave: lukkede punkter er kun medtaget med nummer og titel.", string.Join(" ", pdf.Pages[0]), StringComparison.Ordinal);
        }
        Assert.Contains(AccountsApplication.Marker, member.All, StringComparison.Ordinal);
        Assert.Contains(AccountsApplication.DecisionMarker, member.All, StringComparison.Ordinal);
        Assert.Contains("Udgave til Test member, med lukkede punkter", string.Join(" ", member.Pages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_members_pdf_is_logged_as_an_export_of_the_closed_item()
    {
        var before = await CountExports("member");
        await Download("member", $"/moeder/{app.MeetingId}/dokument.pdf");
        Assert.Equal(before + 1, await CountExports("member"));
        var publicBefore = await CountExports("offentlig");
        await Download("public", $"/moeder/{app.MeetingId}/dokument.pdf");
        Assert.Equal(publicBefore, await CountExports("offentlig"));
    }

    async Task<int> CountExports(string who)
    {
        await using var db = app.Db();
        var actor = who == "offentlig" ? "offentlig" : AccountsApplication.Email(who);
        return await db.AccessLog.CountAsync(a => a.Actor == actor && a.Way == AccessWay.Export && a.ItemId == app.ClosedItemId);
    }

    [Fact]
    public async Task The_same_minutes_are_printed_once_by_one_warm_browser()
    {
        var printer = app.Services.GetRequiredService<ChromiumPrinter>();
        var first = await Download("public", $"/moeder/{app.MeetingId}/dokument.pdf");
        var printed = printer.Printed;
        var again = await Download("public", $"/moeder/{app.MeetingId}/dokument.pdf");
        Assert.Equal(printed, printer.Printed);
        Assert.Equal(first, again);
        // Another meeting is printed, by the browser already running.
        await using var db = app.Db();
        var other = await db.Meetings.Where(m => m.Id != app.MeetingId && Protokol.Meetings.Meeting.PublicStates.Contains(m.State)).Select(m => m.Id).FirstAsync();
        await Download("public", $"/moeder/{other}/dokument.pdf");
        Assert.True(printer.Printed > printed);
        Assert.Equal(1, printer.Launched);
    }

    [Fact]
    public async Task A_planned_meetings_pdf_is_not_found_for_the_public()
    {
        var response = await (await app.As("public")).GetAsync(new Uri($"/moeder/{app.PlannedMeetingId}/dokument.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("public")).GetAsync(new Uri($"/moeder/{app.MeetingId}/andet.pdf", UriKind.Relative))).StatusCode);
    }
}
