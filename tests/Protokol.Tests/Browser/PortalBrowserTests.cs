using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Protokol.Tests.Browser;

/// <summary>A citizen's path through the portal in Chromium without JavaScript, and an axe-core check of every page type.</summary>
public class PortalBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    static async Task AssertAccessible(IPage page, string name)
    {
        var result = await page.RunAxe();
        Assert.True(result.Violations.Length == 0,
            $"{name}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }

    static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserPortal.Screenshots, name + ".png"), FullPage = false });

    [Fact]
    public async Task From_the_front_page_to_a_committee_a_meeting_an_item_and_a_case()
    {
        var page = await portal.NewPage();
        await page.GotoAsync(portal.Url + "/");

        await page.GetByRole(AriaRole.Region, new() { Name = "Udvalg og råd" }).GetByRole(AriaRole.Link, new() { Name = "Teknik- og Miljøudvalget", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Teknik- og Miljøudvalget");

        await page.GetByRole(AriaRole.Link, new() { Name = "tirsdag d. 9. juni 2026 kl. 16.00" }).ClickAsync();
        await Assertions.Expect(page.Locator(".stage-badge")).ToHaveTextAsync("Referat");
        await Assertions.Expect(page.Locator("table").First).ToBeVisibleAsync();

        await page.Locator("article.item h2 a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Punkt 1:");

        await page.Locator(".case a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sag ");
    }

    [Fact]
    public async Task Search_and_filter()
    {
        var page = await portal.NewPage();
        await page.GotoAsync(portal.Url + "/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Søg i referater" }).FillAsync("budgetopfølgningen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("fundet for »budgetopfølgningen«");
        var all = int.Parse((await status.InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(all > 1);
        await Assertions.Expect(page.Locator("mark").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Filtre" }).GetByRole(AriaRole.Link, new() { Name = "Økonomiudvalget" }).ClickAsync();
        var filtered = int.Parse((await status.InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(filtered, 1, all - 1);
        await Assertions.Expect(status).ToContainTextAsync("med de valgte filtre");

        await page.Locator("ol.hits h2 a").First.ClickAsync();
        await Assertions.Expect(page.Locator(".crumbs")).ToContainTextAsync("Økonomiudvalget");
    }

    [Fact]
    public async Task Every_page_type_passes_axe_and_is_photographed_at_desktop_and_phone_width()
    {
        var pages = new (string Name, string Path)[]
        {
            ("forside", "/"), ("udvalg", "/udvalg"), ("udvalg-teknik", "/udvalg/teknik-og-miljoeudvalget"),
            ("person", "/personer/pia-lykkegaard"), ("sag", "/sager/25-5120"), ("soeg", "/soeg?q=skoledistrikter"),
        };
        foreach (var (width, suffix) in new[] { (1280, "desktop"), (390, "phone") })
        {
            var page = await portal.NewPage(width, width == 390 ? 844 : 900, javaScript: true);
            foreach (var (name, path) in pages)
            {
                await page.GotoAsync(portal.Url + path);
                await AssertAccessible(page, path);
                await Screenshot(page, $"{name}-{suffix}");
            }
            await page.GotoAsync(portal.Url + "/udvalg/teknik-og-miljoeudvalget");
            await page.GetByRole(AriaRole.Link, new() { Name = "tirsdag d. 9. juni 2026 kl. 16.00" }).ClickAsync();
            await AssertAccessible(page, "meeting");
            await Screenshot(page, $"moede-{suffix}");
            await page.Locator("article.item h2 a").Nth(1).ClickAsync();
            await AssertAccessible(page, "item");
            await Screenshot(page, $"punkt-{suffix}");
        }
    }
}
