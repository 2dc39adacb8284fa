using System.ServiceModel.Syndication;
using System.Xml;
using Ical.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Storage;

namespace Protokol.Tests.Portal;

/// <summary>The portal with its public address configured, as a production site behind a proxy has it.</summary>
public sealed class PublicPortal : IDisposable
{
    public const string Url = "https://dagsordener.greve.example/";
    readonly PortalApplication portal = new();
    public WebApplicationFactory<Program> App { get; }

    public PublicPortal() => App = portal.WithWebHostBuilder(b => b.UseSetting("Protokol:PublicUrl", Url));

    public void Dispose()
    {
        App.Dispose();
        portal.Dispose();
    }
}

public class FeedLinkTests(PublicPortal portal) : IClassFixture<PublicPortal>
{
    const string Committee = "/udvalg/teknik-og-miljoeudvalget";
    readonly HttpClient client = portal.App.CreateClient();

    async Task<string> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Committee + path, UriKind.Relative));
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Feed_links_use_the_configured_address_whatever_Host_the_request_names()
    {
        var rss = await Get("/referater.rss");
        var feed = SyndicationFeed.Load(XmlReader.Create(new StringReader(rss)));
        Assert.DoesNotContain("evil.example", rss, StringComparison.Ordinal);
        Assert.StartsWith(PublicPortal.Url + "udvalg/", feed.Links[0].Uri.ToString(), StringComparison.Ordinal);
        Assert.All(feed.Items, i => Assert.StartsWith(PublicPortal.Url + "moeder/", i.Links[0].Uri.ToString(), StringComparison.Ordinal));
        Assert.All(feed.Items, i => Assert.StartsWith(PublicPortal.Url + "moeder/", i.Id, StringComparison.Ordinal));

        var ics = await Get("/moeder.ics");
        Assert.DoesNotContain("evil.example", ics, StringComparison.Ordinal);
        var calendar = Calendar.Load(ics)!;
        Assert.All(calendar.Events, e => Assert.StartsWith(PublicPortal.Url + "moeder/", e.Url!.ToString(), StringComparison.Ordinal));
        Assert.All(calendar.Events, e => Assert.EndsWith("@dagsordener.greve.example", e.Uid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Item_titles_reach_the_feed_as_text_never_as_markup()
    {
        using (var scope = portal.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            // Saved the way the app saves (an update behind its back would leave the cached feed as it was).
            var items = await db.Items.Where(i => i.Title.Contains("Havnevej 14")).ToListAsync();
            Assert.NotEmpty(items);
            foreach (var item in items) item.Title = "Havnevej <script>alert(1)</script> & <b>kaj</b>";
            await db.SaveChangesAsync();
        }
        var rss = await Get("/referater.rss");
        Assert.Contains("Havnevej &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; &amp;lt;b&amp;gt;kaj", rss, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;script", rss, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;b&gt;", rss, StringComparison.Ordinal);

        var january = SyndicationFeed.Load(XmlReader.Create(new StringReader(rss))).Items.Single(i => i.Title.Text.Contains("13. jan. 2026", StringComparison.Ordinal));
        var description = ((TextSyndicationContent)january.Summary).Text;
        Assert.Contains("<br>", description, StringComparison.Ordinal);
        Assert.Contains("Havnevej &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;kaj&lt;/b&gt; (lukket punkt)", description, StringComparison.Ordinal);
    }
}
