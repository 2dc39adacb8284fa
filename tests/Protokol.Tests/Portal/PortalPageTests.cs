using System.Net;
using System.Text.RegularExpressions;

namespace Protokol.Tests.Portal;

public class PortalPageTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    readonly HttpClient client = app.CreateClient();

    async Task<string> Get(string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The href of the first link whose text contains the given words.</summary>
    static string Link(string html, string text)
    {
        var m = Regex.Match(html, $"<a href=\"(?<href>[^\"]+)\"[^>]*>[^<]*{Regex.Escape(text)}");
        Assert.True(m.Success, $"no link to '{text}'");
        return m.Groups["href"].Value;
    }

    [Fact]
    public async Task The_front_page_shows_upcoming_meetings_latest_minutes_and_the_committees()
    {
        var html = await Get("/");
        Assert.Contains("lang=\"da\"", html, StringComparison.Ordinal);
        var upcoming = html[html.IndexOf("Kommende møder", StringComparison.Ordinal)..html.IndexOf("Seneste referater", StringComparison.Ordinal)];
        Assert.Contains("Teknik- og Miljøudvalget", upcoming, StringComparison.Ordinal);
        Assert.Contains("8. december 2026", upcoming, StringComparison.Ordinal);
        Assert.Contains("Dagsorden", upcoming, StringComparison.Ordinal);
        var latest = html[html.IndexOf("Seneste referater", StringComparison.Ordinal)..];
        Assert.Contains("20. oktober 2026", latest, StringComparison.Ordinal); // Byrådet, the newest minutes
        Assert.Contains("/udvalg/oekonomiudvalget", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_committee_page_lists_members_and_meetings_by_year()
    {
        var html = await Get("/udvalg/teknik-og-miljoeudvalget");
        Assert.Contains("<h1>Teknik- og Miljøudvalget</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Lars Brøndum", html, StringComparison.Ordinal);
        Assert.Contains("<h3>2026</h3>", html, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Count(html, "href=\"/moeder/\\d+\"")); // 4 minutes, 1 agenda, 1 joint meeting
    }

    [Fact]
    public async Task A_meeting_page_shows_the_header_contents_items_decisions_and_absentees()
    {
        var committee = await Get("/udvalg/teknik-og-miljoeudvalget");
        var html = await Get(Link(committee, "13. januar 2026"));
        Assert.Contains("Referat", html, StringComparison.Ordinal);
        Assert.Matches(@"Pia Lykkegaard</a>\s*\(fraværende\)", html);
        Assert.Contains("Indholdsfortegnelse", html, StringComparison.Ordinal);
        Assert.Contains("class=\"section decision\"", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Sagsfremstilling</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Fraværende</h3>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_item_shows_only_its_title_to_the_public()
    {
        var committee = await Get("/udvalg/teknik-og-miljoeudvalget");
        var html = await Get(Link(committee, "13. januar 2026"));
        Assert.Contains("Punkt 5: Køb af ejendom på Havnevej 14", html, StringComparison.Ordinal);
        Assert.Contains("Lukket punkt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fiskehal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("4.350.000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Vurderingsrapport", html, StringComparison.Ordinal);
        var item = await Get(Link(html, "Punkt 5: Køb af ejendom"));
        Assert.Contains("Lukket punkt", item, StringComparison.Ordinal);
        Assert.DoesNotContain("fiskehal", item, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/sager/25-7012", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Budget_tables_are_real_tables()
    {
        var committee = await Get("/udvalg/teknik-og-miljoeudvalget");
        var html = await Get(Link(committee, "9. juni 2026"));
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Område</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_page_follows_the_case_through_every_body_that_treated_it()
    {
        var html = await Get("/sager/25-5120");
        Assert.Contains("Sag 25/5120", html, StringComparison.Ordinal);
        var bodies = new[] { "Børne- og Skoleudvalget", "Økonomiudvalget", "Byrådet" }.Select(b => html.IndexOf(b + ",", StringComparison.Ordinal)).ToList();
        Assert.All(bodies, i => Assert.True(i > 0));
        Assert.Equal(bodies.Order(), bodies); // in the order the bodies met
    }

    [Fact]
    public async Task Unknown_pages_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/moeder/99999", UriKind.Relative))).StatusCode);
        var response = await client.GetAsync(new Uri("/udvalg/findes-ikke", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Siden findes ikke", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
