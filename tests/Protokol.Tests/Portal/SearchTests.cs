using System.Net;
using System.Text.RegularExpressions;
using Protokol.Search;

namespace Protokol.Tests.Portal;

public class SearchTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    readonly HttpClient client = app.CreateClient();

    async Task<string> Search(string query) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/soeg?" + query, UriKind.Relative)));

    static int Count(string html)
    {
        var m = Regex.Match(html, @"(\d+) punkt(er)? fundet");
        Assert.True(m.Success, "no result count on the page");
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Danish_stemming_makes_inflected_forms_meet()
    {
        Assert.Equal(DanishText.Stem("budgetopfølgning"), DanishText.Stem("budgetopfølgningen"));
        Assert.Equal(DanishText.Stem("skole"), DanishText.Stem("skolerne"));
    }

    [Fact]
    public async Task Searching_budgetopfoelgningen_finds_items_that_say_budgetopfoelgning()
    {
        var html = await Search("q=budgetopf%C3%B8lgningen");
        Assert.True(Count(html) >= 4);
        Assert.Contains("<mark>budgetopfølgning</mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_their_counts_add_up()
    {
        var all = await Search("q=budgetopf%C3%B8lgning");
        var total = Count(all);
        var bodyCounts = Regex.Matches(all, @"udvalg=(?<slug>[a-z0-9-]+)[^>]*>[^<]+</a> \((?<n>\d+)\)").Select(m => (m.Groups["slug"].Value, int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(bodyCounts.Count >= 3);
        Assert.Equal(total, bodyCounts.Sum(b => b.Item2));
        foreach (var (slug, n) in bodyCounts)
            Assert.Equal(n, Count(await Search($"q=budgetopf%C3%B8lgning&udvalg={slug}")));
        Assert.Equal(total, Count(await Search("q=budgetopf%C3%B8lgning&aar=2026")));
        Assert.Equal(0, Count(await Search("q=budgetopf%C3%B8lgning&aar=2019")));
        var noted = Count(await Search("q=budgetopf%C3%B8lgning&beslutning=Noted"));
        Assert.InRange(noted, 1, total);
    }

    [Fact]
    public async Task Closed_items_are_never_found()
    {
        Assert.Equal(0, Count(await Search("q=fiskehal")));
        // Only closed items say "Vurderingsrapport"; the compound may also find open items that have its parts near
        // each other (some of those "vurdering rapport" finds), and never shows the closed items' word.
        var html = await Search("q=Vurderingsrapport");
        Assert.InRange(Count(html), 0, Count(await Search("q=vurdering+rapport")));
        Assert.DoesNotContain("<mark>vurderingsrapport", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Results_are_paged()
    {
        var first = await Search("q=udvalget");
        var total = Count(first);
        Assert.True(total > 20, $"only {total} results");
        Assert.Equal(20, Regex.Count(first, "<li>\\s*<h2><a href=\"/punkter/"));
        Assert.Contains("Næste side", first, StringComparison.Ordinal);
        var last = await Search($"q=udvalget&side={(total + 19) / 20}");
        Assert.Equal(total - ((total - 1) / 20) * 20, Regex.Count(last, "<li>\\s*<h2><a href=\"/punkter/"));
        Assert.Contains("Forrige side", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_number_finds_every_item_of_that_case()
    {
        var html = await Search("q=25%2F5120");
        Assert.Equal(3, Count(html));
    }

    [Fact]
    public async Task Search_text_cannot_inject_query_syntax()
    {
        Assert.Equal(0, Count(await Search("q=%22%29+OR+*+NEAR%28")));
        var html = await client.GetAsync(new Uri("/soeg?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.DoesNotContain("<script>alert", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
