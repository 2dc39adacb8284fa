using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace Protokol.Documents;

/// <summary>Chromium could not print: missing, failing to start, or crashed. The message is for the person who asked.</summary>
public sealed class PrinterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Debian's Chromium (never a downloaded one) driven by Playwright, kept running between documents: the first
/// print starts it, later ones reuse it, and a browser that died is started again on the next print. Each print
/// is a fresh context without JavaScript whose only network is this printer: the document at its address and
/// the site's stylesheets; everything else is refused, so printing never waits on or talks to the outside.
/// </summary>
public sealed class ChromiumPrinter(string executable, IFileProvider webRoot, ILogger<ChromiumPrinter>? log = null) : IAsyncDisposable
{
    public const string DebianChromium = "/usr/bin/chromium";
    static readonly string[] Stylesheets = ["/site.css", "/print.css"];

    readonly SemaphoreSlim launching = new(1, 1);
    // Two pages at a time: more only queue for the same cores.
    readonly SemaphoreSlim printing = new(2, 2);
    IPlaywright? playwright;
    IBrowser? browser;
    int printed;
    int launched;

    /// <summary>How many pages this printer has printed and how often it started Chromium (for tests and benchmarks).</summary>
    public int Printed => Volatile.Read(ref printed);
    public int Launched => Volatile.Read(ref launched);

    public async Task<byte[]> PrintAsync(Uri address, string html, PagePdfOptions options, CancellationToken ct)
    {
        await printing.WaitAsync(ct);
        try
        {
            var b = await BrowserAsync(ct);
            IBrowserContext? context = null;
            try
            {
                context = await b.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = "da-DK" });
                var page = await context.NewPageAsync();
                await page.RouteAsync("**/*", route => Serve(route, address, html));
                await page.GotoAsync(address.AbsoluteUri, new PageGotoOptions { Timeout = 60_000 });
                var pdf = await page.PdfAsync(options);
                Interlocked.Increment(ref printed);
                return pdf;
            }
            catch (PlaywrightException e)
            {
                log?.LogError(e, "Chromium failed while printing {Address}", address);
                await ForgetAsync(b);
                throw new PrinterUnavailableException("Chromium stoppede under udskrivningen af dokumentet.", e);
            }
            finally
            {
                if (context is not null && b.IsConnected) await CloseQuietly(context);
            }
        }
        finally
        {
            printing.Release();
        }
    }

    async Task Serve(IRoute route, Uri address, string html)
    {
        var url = new Uri(route.Request.Url);
        if (url.GetLeftPart(UriPartial.Path) == address.GetLeftPart(UriPartial.Path))
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            return;
        }
        var file = url.GetLeftPart(UriPartial.Authority) == address.GetLeftPart(UriPartial.Authority) && Stylesheets.Contains(url.AbsolutePath)
            ? webRoot.GetFileInfo(url.AbsolutePath) : null;
        if (file is { Exists: true })
        {
            await using var stream = file.CreateReadStream();
            using var reader = new StreamReader(stream);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/css; charset=utf-8", Body = await reader.ReadToEndAsync() });
            return;
        }
        await route.AbortAsync();
    }

    async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (browser is { IsConnected: true } warm) return warm;
        await launching.WaitAsync(ct);
        try
        {
            if (browser is { IsConnected: true } again) return again;
            if (!File.Exists(executable))
                throw new PrinterUnavailableException($"Chromium findes ikke på serveren ({executable}), så PDF-udgaven kan ikke laves. Installér Debians pakke 'chromium'.");
            playwright ??= await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Timeout = 30_000,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            Interlocked.Increment(ref launched);
            return browser;
        }
        catch (Exception e) when (e is not (PrinterUnavailableException or OperationCanceledException))
        {
            log?.LogError(e, "Chromium at {Executable} could not be started", executable);
            throw new PrinterUnavailableException($"Chromium ({executable}) kunne ikke startes, så PDF-udgaven kan ikke laves lige nu.", e);
        }
        finally
        {
            launching.Release();
        }
    }

    /// <summary>A browser that failed is closed and forgotten; the next print starts a new one.</summary>
    async Task ForgetAsync(IBrowser failed)
    {
        await launching.WaitAsync();
        try
        {
            if (!ReferenceEquals(browser, failed)) return;
            browser = null;
        }
        finally
        {
            launching.Release();
        }
        try { await failed.CloseAsync(); }
        catch (PlaywrightException) { } // already gone
    }

    static async Task CloseQuietly(IBrowserContext context)
    {
        try { await context.CloseAsync(); }
        catch (PlaywrightException) { } // the browser went away with it
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            try { await browser.CloseAsync(); }
            catch (PlaywrightException) { }
        }
        playwright?.Dispose();
        launching.Dispose();
        printing.Dispose();
    }
}
