using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Tests.Search;

/// <summary>
/// The portal with a search index that is left behind on purpose (it polls once an hour and a search applies no
/// rows itself): /sundhed and the search page say how far behind it is, until it has caught up.
/// </summary>
public sealed class IndexLagTests : IDisposable
{
    sealed class LaggingPortal(TempDatabase database, double pollSeconds = 3600) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Protokol:Database", database.Store);
            builder.UseSetting("Protokol:Search:Folder", database.SearchFolder);
            builder.UseSetting("Protokol:SigningKey", database.SigningKey);
            builder.UseSetting("Protokol:DemoData", Samples.Demo);
            builder.UseSetting("Protokol:Search:PollSeconds", pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Protokol:Search:ApplyBeforeSearch", "0");
        }
    }

    readonly TempDatabase database = new();

    static int Found(string html) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(html, @"(\d+) punkt(er)? fundet").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_index_behind_the_database_is_reported_on_the_health_endpoint_and_the_search_page()
    {
        using var portal = new LaggingPortal(database);
        var client = portal.CreateClient();
        async Task<JsonElement> Health() => JsonDocument.Parse(await client.GetStringAsync(new Uri("/sundhed", UriKind.Relative))).RootElement;
        async Task<string> Search(string q) => WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/soeg?q=" + Uri.EscapeDataString(q), UriKind.Relative)));
        // The start-up catch-up of the demo minutes, then the follower sleeps.
        for (var i = 0; i < 300 && (await Health()).GetProperty("search").GetProperty("lag").GetInt64() > 0; i++) await Task.Delay(100);
        Assert.Equal("ok", (await Health()).GetProperty("status").GetString());
        Assert.DoesNotContain("endnu ikke med", await Search("budget"), StringComparison.Ordinal);

        using (var scope = portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            var section = await db.Sections.OrderBy(s => s.Id).FirstAsync(s => s.Text.Length > 0);
            section.Text += " Forsinkelsesmarkøren står her.";
            await db.SaveChangesAsync();
        }

        var health = await Health();
        Assert.Equal("search index behind", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(1, health.GetProperty("search").GetProperty("lag").GetInt64());
        var behind = await Search("forsinkelsesmarkøren");
        Assert.Equal(0, Found(behind));
        Assert.Contains("de seneste 1 ændring i arkivet er endnu ikke med i resultaterne", behind, StringComparison.Ordinal);

        using (var scope = portal.Services.CreateScope())
            await portal.Services.GetRequiredService<SearchIndex>().CatchUpAsync(scope.ServiceProvider.GetRequiredService<ProtokolDb>(), default);

        Assert.Equal(0, (await Health()).GetProperty("search").GetProperty("lag").GetInt64());
        var caughtUp = await Search("forsinkelsesmarkøren");
        Assert.Equal(1, Found(caughtUp));
        Assert.DoesNotContain("endnu ikke med", caughtUp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meetings_imported_by_the_command_line_beside_the_running_portal_become_searchable()
    {
        using var portal = new LaggingPortal(database, pollSeconds: 0.2);
        var client = portal.CreateClient();
        async Task<long> Lag() => JsonDocument.Parse(await client.GetStringAsync(new Uri("/sundhed", UriKind.Relative))).RootElement.GetProperty("search").GetProperty("lag").GetInt64();
        async Task<string> Search(string q) => WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/soeg?q=" + Uri.EscapeDataString(q), UriKind.Relative)));
        Assert.Equal(0, Found(await Search("Trapholt")));

        var import = await Cli.ProtokolProcess.RunAsync("import", Samples.Kolding(Samples.Feb2025), "--db", database.Store);
        Assert.Equal(0, import.Exit);

        // The portal's own follower applies the other process's change rows (a search here applies none itself).
        for (var i = 0; i < 300 && await Lag() > 0; i++) await Task.Delay(100);
        Assert.Equal(0, await Lag());
        Assert.True(Found(await Search("Trapholt")) > 0);
    }

    public void Dispose() => database.Dispose();
}
