using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Meetings;
using Protokol.Storage;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Documents;

/// <summary>Decisions as CSV, parsed back with CsvHelper as a spreadsheet would read them.</summary>
public sealed class CsvTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static List<string[]> Parse(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "UTF-8 with BOM, for Danish Excel");
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Parser.Record!);
        return rows;
    }

    async Task<List<string[]>> Download(string who, string url)
    {
        var response = await (await app.As(who)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_bodys_decisions_of_a_year_parse_back_to_one_row_per_decision()
    {
        var rows = await Download("public", $"/udvalg/teknik-og-miljoeudvalget/beslutninger-2026.csv");
        Assert.Equal(DecisionsCsv.Header, rows[0]);
        Assert.All(rows, r => Assert.Equal(8, r.Length));

        // Independently of the export: every decision the published 2026 minutes of the committee record.
        await using var db = app.Db();
        var meetings = await db.Meetings.AsNoTracking().Whole()
            .Where(m => m.State == MeetingState.MinutesPublished && m.StartsAt.Year == 2026 && m.Bodies.Any(b => b.Body.Slug == "teknik-og-miljoeudvalget"))
            .OrderBy(m => m.StartsAt).ToListAsync();
        var expected = meetings.SelectMany(m => m.Items.OrderBy(i => i.Order).SelectMany(i => i.IsClosed
            ? [[m.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.BodyTitle, i.Number, i.Title, "", "", "Lukket punkt", ""]]
            : i.Decisions.Where(d => d.IsDecisionAt(m.StartsAt)).Select(d => new[]
            {
                m.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.DecidedBy ?? m.BodyTitle, i.Number, i.Title, i.CaseNumber ?? "",
                DecisionOutcomes.Danish(d.Outcome), Guarded(d.Text),
                string.Join(", ", m.Participants.Where(p => p.Absent).Select(p => p.Name).Concat(i.Absentees.OrderBy(a => a.Order).Select(a => a.Name)).Distinct()),
            }))).ToList();
        Assert.True(expected.Count > 10);
        Assert.Equal(expected, rows.Skip(1).ToList());
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains(AccountsApplication.DecisionMarker, StringComparison.Ordinal)));
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains(AccountsApplication.HeldMarker, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_members_csv_has_the_closed_decision_and_is_logged()
    {
        var rows = await Download("member", $"/udvalg/teknik-og-miljoeudvalget/beslutninger-2026.csv");
        Assert.Contains(rows, r => r[6].Contains(AccountsApplication.DecisionMarker, StringComparison.Ordinal) && r[3] == "Køb af ejendom på Havnevej 14");
        // The held meeting's minutes are the member's to read before they are published.
        Assert.Contains(rows, r => r[6].Contains(AccountsApplication.HeldMarker, StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.True(await db.AccessLog.AnyAsync(a => a.Actor == AccountsApplication.Email("member") && a.Way == AccessWay.Export && a.ItemId == app.ClosedItemId));
    }

    [Fact]
    public async Task A_search_results_decisions_come_as_csv()
    {
        var rows = await Download("public", "/soeg/beslutninger.csv?q=vintertjeneste");
        Assert.Contains(rows.Skip(1), r => r[3].Contains("Vintertjeneste", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("public")).GetAsync(new Uri("/soeg/beslutninger.csv", UriKind.Relative))).StatusCode);
    }

    /// <summary>What a spreadsheet shows of a text that starts like a formula.</summary>
    static string Guarded(string text) => text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("-1.234,5")]
    [InlineData("+45 12 34 56 78")]
    [InlineData("@SUM(A1)")]
    [InlineData("a;b\r\nc \"d\"")]
    [InlineData("Godkendt.")]
    public void A_cell_reads_back_as_text_never_as_a_formula(string value)
    {
        var rows = Parse(Csv.Write(["a", "b"], [[value, "x"]]));
        var cell = rows[1][0];
        Assert.Equal(Guarded(value), cell);
        Assert.Equal("x", rows[1][1]);
    }
}
