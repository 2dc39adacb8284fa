using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Protokol.Tests.Cli;
using Protokol.Tests.Portal;

namespace Protokol.Tests.Documents;

/// <summary>Chromium missing or dying: the page and the command line say so plainly, never with a stack trace.</summary>
public sealed class PrinterFailureTests : IDisposable
{
    readonly TempDatabase database = new();

    /// <summary>A "Chromium" that dies at once, as a broken installation does.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    string Crashing()
    {
        var path = Path.Combine(database.Folder, "chromium");
        File.WriteAllText(path, "#!/bin/sh\necho 'chromium: crashed' >&2\nexit 134\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [Theory]
    [InlineData("missing", "Chromium findes ikke på serveren")]
    [InlineData("crashing", "kunne ikke startes, så PDF-udgaven kan ikke laves lige nu")]
    public async Task The_pdf_link_answers_with_a_page_that_says_why(string how, string message)
    {
        var chromium = how == "missing" ? Path.Combine(database.Folder, "no-chromium-here") : Crashing();
        using var portal = new PortalApplication().WithWebHostBuilder(b => b.UseSetting("Protokol:Chromium", chromium));
        var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/moeder/1/dokument.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("PDF-udgaven kan ikke laves lige nu", page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("/moeder/1/dokument.docx", page, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        // The DOCX needs no browser.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/moeder/1/dokument.docx", UriKind.Relative))).StatusCode);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task The_command_line_says_why_and_exits_3()
    {
        var db = database.Store;
        Assert.Equal(0, (await ProtokolProcess.RunAsync("import", Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt"), "--db", db)).Exit);
        var output = Path.Combine(database.Folder, "m.pdf");
        var (exit, _, err) = await ProtokolProcess.RunAsync("export", "1", "--format", "pdf", "-o", output, "--db", db, "--chromium", Crashing());
        Assert.Equal(3, exit);
        Assert.Contains("kunne ikke startes", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => database.Dispose();
}
