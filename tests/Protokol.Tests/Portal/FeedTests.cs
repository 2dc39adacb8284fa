using System.ServiceModel.Syndication;
using System.Xml;
using Ical.Net;

namespace Protokol.Tests.Portal;

public class FeedTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    readonly HttpClient client = app.CreateClient();

    [Fact]
    public async Task The_committee_rss_lists_its_minutes_newest_first()
    {
        var response = await client.GetAsync(new Uri("/udvalg/teknik-og-miljoeudvalget/referater.rss", UriKind.Relative));
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal("Referater fra Teknik- og Miljøudvalget", feed.Title.Text);
        var items = feed.Items.ToList();
        Assert.Equal(5, items.Count); // four own meetings and one joint meeting with minutes; the December agenda is not minutes
        Assert.Equal(items.OrderByDescending(i => i.PublishDate).Select(i => i.Id), items.Select(i => i.Id));
        Assert.All(items, i => Assert.StartsWith("http://localhost:5000/moeder/", i.Links[0].Uri.ToString(), StringComparison.Ordinal)); // Protokol:PublicUrl unset: the default
        var january = Assert.Single(items, i => i.Title.Text.Contains("13. jan. 2026", StringComparison.Ordinal));
        Assert.Contains("Køb af ejendom på Havnevej 14 (lukket punkt)", ((TextSyndicationContent)january.Summary).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("fiskehal", ((TextSyndicationContent)january.Summary).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_calendar_has_every_meeting_in_Copenhagen_time()
    {
        var response = await client.GetAsync(new Uri("/udvalg/teknik-og-miljoeudvalget/moeder.ics", UriKind.Relative));
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(6, calendar.Events.Count);
        var december = Assert.Single(calendar.Events, e => e.DtStart!.Value.Month == 12);
        Assert.Equal(new DateTime(2026, 12, 8, 16, 0, 0), december.DtStart!.Value);
        Assert.Equal("Europe/Copenhagen", december.DtStart.TzId);
        Assert.StartsWith("Dagsorden: Teknik- og Miljøudvalget", december.Summary, StringComparison.Ordinal);
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task Feeds_of_unknown_committees_are_404()
    {
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/udvalg/findes-ikke/referater.rss", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/udvalg/findes-ikke/moeder.ics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_person_page_shows_memberships_and_attendance()
    {
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/personer/pia-lykkegaard", UriKind.Relative)));
        Assert.Contains("<h1>Pia Lykkegaard</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Teknik- og Miljøudvalget", html, StringComparison.Ordinal);
        Assert.Matches(@"Til stede ved \d+ af \d+ møder med referat \(\d+ %\)", html);
        Assert.Contains("Fraværende", html, StringComparison.Ordinal);
    }
}
