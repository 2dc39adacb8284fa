using Microsoft.Playwright;

namespace Protokol.Tests.Import;

/// <summary>
/// Debian's Chromium, driven by Playwright, printing a test document to PDF as a meeting system prints its minutes:
/// A4, the document's own fonts, a running header and a page footer on every page.
/// </summary>
public sealed class ChromiumPrinter : IAsyncLifetime
{
    IPlaywright? playwright;
    IBrowser? browser;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<byte[]> PrintAsync(string html, string runningHeader)
    {
        var page = await browser!.NewPageAsync();
        await page.SetContentAsync(html);
        const string Style = "font-family:'DejaVu Sans';font-size:8pt;width:100%;text-align:center";
        var pdf = await page.PdfAsync(new PagePdfOptions
        {
            PreferCSSPageSize = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = $"<div style=\"{Style}\">{runningHeader}</div>",
            FooterTemplate = $"<div style=\"{Style}\">Side <span class=\"pageNumber\"></span> af <span class=\"totalPages\"></span></div>",
        });
        await page.CloseAsync();
        return pdf;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }
}
