using System.Net;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;

namespace Protokol.Tests.Accounts;

/// <summary>Every way of opening a closed item's content leaves a row: who, when, which item, how.</summary>
public sealed class AccessLogTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    async Task<List<AccessLogEntry>> Rows(string actor)
    {
        await using var db = app.Db();
        return await db.AccessLog.AsNoTracking().Where(a => a.Actor == actor).ToListAsync();
    }

    [Theory]
    [InlineData("meeting", AccessWay.Page)]
    [InlineData("item", AccessWay.Page)]
    [InlineData("case", AccessWay.Page)]
    [InlineData("search", AccessWay.Search)]
    public async Task Opening_a_closed_item_is_logged(string how, AccessWay way)
    {
        var url = how switch
        {
            "meeting" => $"/moeder/{app.MeetingId}",
            "item" => $"/punkter/{app.ClosedItemId}",
            "case" => $"/sager/{app.CaseNumber.Replace('/', '-')}",
            _ => "/soeg?q=" + AccountsApplication.Marker,
        };
        var member = await app.As("member");
        var before = (await Rows(AccountsApplication.Email("member"))).Count(r => r.Way == way && r.ItemId == app.ClosedItemId);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        var after = (await Rows(AccountsApplication.Email("member"))).Count(r => r.Way == way && r.ItemId == app.ClosedItemId);
        Assert.Equal(before + 1, after);
        // A member of another committee does not open this item, so nothing is logged for it (the case's closed
        // treatments in the outsider's own committees are theirs to read, and are logged as theirs).
        await (await app.As("outsider")).GetAsync(new Uri(url, UriKind.Relative));
        Assert.DoesNotContain(await Rows(AccountsApplication.Email("outsider")), r => r.ItemId == app.ClosedItemId);
    }

    [Fact]
    public async Task An_export_with_closed_content_is_logged_and_one_without_is_not()
    {
        var actor = "kommandolinje:" + Environment.UserName;
        var before = (await Rows(actor)).Count;
        Assert.Equal(0, await Protokol.Cli.ExportCommand.RunAsync(app.DatabasePath, app.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), "referat", includeClosed: false, null, default));
        Assert.Equal(before, (await Rows(actor)).Count);
        Assert.Equal(0, await Protokol.Cli.ExportCommand.RunAsync(app.DatabasePath, app.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), "referat", includeClosed: true, null, default));
        Assert.Contains(await Rows(actor), r => r.Way == AccessWay.Export && r.ItemId == app.ClosedItemId);
    }

    [Fact]
    public async Task The_administrator_lists_the_log_with_filters_and_downloads_it_as_csv()
    {
        await (await app.As("member")).GetAsync(new Uri($"/punkter/{app.ClosedItemId}", UriKind.Relative));
        var admin = await app.As("admin");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/admin/adgangslog?hvem=member@&punkt={app.ClosedItemId}", UriKind.Relative)));
        Assert.Contains("member@fjordby.dk", page, StringComparison.Ordinal);
        Assert.Contains("Køb af ejendom på Havnevej 14", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>admin@fjordby.dk</td>", page, StringComparison.Ordinal);
        var csv = await admin.GetAsync(new Uri($"/admin/adgangslog?hvem=member@&handler=csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tidspunkt;Hvem;Hvordan;Punkt-id;Punkt;Titel;Møde", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(";member@fjordby.dk;", l, StringComparison.Ordinal));
        Assert.True(lines.Length > 1);
    }
}
