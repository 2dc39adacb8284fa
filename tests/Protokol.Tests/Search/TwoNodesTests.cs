using Microsoft.AspNetCore.Builder;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Import;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Tests.Search;

/// <summary>
/// Two web nodes on one PostgreSQL database, each with its own search index: a change made through one is found
/// through the other's search page over HTTP within <see cref="Bound"/>. The nodes poll only every 30 s, so what
/// makes it prompt is the notice sent at commit (LISTEN/NOTIFY).
/// </summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);
    readonly TempDatabase database = new();
    readonly List<WebApplication> nodes = [];

    async Task<(WebApplication App, HttpClient Client)> StartNodeAsync(string name)
    {
        var app = PortalApp.Build(["--urls", "http://127.0.0.1:0", "--Protokol:Database", database.Store,
            "--Protokol:Search:Folder", Path.Combine(database.Folder, "search-" + name), "--Protokol:SigningKey", database.SigningKey,
            "--Protokol:DemoData=", "--Protokol:Search:PollSeconds", "30", "--Protokol:Search:ApplyBeforeSearch", "0"]);
        nodes.Add(app);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    static async Task<long> LagAsync(HttpClient node) =>
        JsonDocument.Parse(await node.GetStringAsync(new Uri("/sundhed", UriKind.Relative))).RootElement.GetProperty("search").GetProperty("lag").GetInt64();

    static async Task<int> FoundAsync(HttpClient node, string q)
    {
        var html = WebUtility.HtmlDecode(await node.GetStringAsync(new Uri("/soeg?q=" + Uri.EscapeDataString(q), UriKind.Relative)));
        var m = Regex.Match(html, @"(\d+) punkt(er)? fundet");
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [PostgresFact]
    public async Task A_change_through_one_node_is_searchable_through_the_other_within_the_bound()
    {
        await using (var db = database.Open())
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(db).ImportAsync(Samples.Kolding(Samples.Feb2025))).Outcome);
        var (a, _) = await StartNodeAsync("a");
        var (_, b) = await StartNodeAsync("b");
        for (var i = 0; i < 300 && await LagAsync(b) > 0; i++) await Task.Delay(100); // b's start-up catch-up
        Assert.Equal(0, await LagAsync(b));
        Assert.Equal(0, await FoundAsync(b, "tonodemarkøren"));

        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            var section = await db.Sections.OrderBy(s => s.Id).FirstAsync(s => s.Text.Length > 0);
            section.Text += " Tonodemarkøren står her.";
            await db.SaveChangesAsync();
        }
        var waited = Stopwatch.StartNew();
        while (await FoundAsync(b, "tonodemarkøren") == 0 && waited.Elapsed < Bound) await Task.Delay(25);
        Assert.Equal(1, await FoundAsync(b, "tonodemarkøren"));
        Assert.True(waited.Elapsed < Bound, $"found after {waited.Elapsed.TotalMilliseconds:0} ms");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
        database.Dispose();
    }
}
