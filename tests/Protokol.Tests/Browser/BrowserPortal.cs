using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Protokol.Portal;

namespace Protokol.Tests.Browser;

/// <summary>
/// The real portal on Kestrel at a free loopback port (real HTTP, real SQLite file with the demo minutes) and
/// Debian's Chromium driven by Playwright. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    readonly TempDatabase database = new();
    WebApplication? app;
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string Url { get; private set; } = "";
    /// <summary>The running app's services, for setting up what only staff could (accounts, password links).</summary>
    public IServiceProvider Services => app!.Services;

    /// <summary>Where the screenshots of every page type go, at desktop and phone width, for people to look at.</summary>
    public static readonly string Screenshots = Path.Combine(Samples.RepoRoot, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        app = PortalApp.Build(["--urls", "http://127.0.0.1:0", .. database.PortalArgs, "--Protokol:DemoData", Samples.Demo,
                "--Logging:LogLevel:Default", "Warning"],
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(FixedClock.Today))));
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh page; without JavaScript unless asked (axe-core itself is a script).</summary>
    public async Task<IPage> NewPage(int width = 1280, int height = 900, bool javaScript = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "da-DK", JavaScriptEnabled = javaScript });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// axe-core, no sideways scrolling of the whole page, and a screenshot, at desktop and then phone width;
    /// path null checks the page as it is (a step of a login cannot be opened again).
    /// </summary>
    public async Task Check(IPage page, string name, string? path)
    {
        foreach (var (width, height, suffix) in new[] { (1280, 900, "desktop"), (390, 844, "phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            if (path is not null) await page.GotoAsync(Url + path);
            // Before axe, which scrolls while it checks colours: the picture shows what the address points at.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}-{suffix}.png"), FullPage = false });
            var result = await page.RunAxe();
            Assert.True(result.Violations.Length == 0,
                $"{name} ({suffix}): " + string.Join("; ", result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
            // Wide tables scroll in their own region; the page itself must fit the phone.
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name} ({suffix}) is {overflow}px wider than the screen");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        database.Dispose();
    }
}
