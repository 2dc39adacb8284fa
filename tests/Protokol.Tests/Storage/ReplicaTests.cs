using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Protokol.Import;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Tests.Storage;

/// <summary>
/// A primary and a streaming standby (Debian's PostgreSQL 15, both on loopback, made here), the portal given both
/// (postgres://…@primary,standby/db): when the primary stops, pages are still read (from the standby) and say
/// that changes are unavailable, a change is answered 503 with that sentence, /sundhed says "read only", a node
/// started during the outage serves too, and when the primary is back changes are taken again.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    const string Bin = "/usr/lib/postgresql/15/bin";
    static readonly bool Root = Environment.UserName == "root";
    readonly string folder = Directory.CreateTempSubdirectory("protokol-replica-").FullName;
    readonly List<WebApplication> nodes = [];
    int primaryPort, standbyPort;
    string user = Environment.UserName;

    string Primary => Path.Combine(folder, "primary");
    string Standby => Path.Combine(folder, "standby");
    string Store => $"postgres://{user}@127.0.0.1:{primaryPort},127.0.0.1:{standbyPort}/protokol";
    string Direct(int port, string db = "postgres") => $"Host=127.0.0.1;Port={port};Username={user};Database={db};Pooling=false";

    [PostgresFact]
    public async Task When_the_primary_stops_the_portal_reads_from_the_standby_and_says_changes_are_unavailable()
    {
        await StartClustersAsync();
        string slug;
        int meetingId;
        await using (var db = Database.Open(Store))
        {
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(db).ImportAsync(Samples.Kolding(Samples.Feb2025))).Outcome);
            slug = await db.Bodies.Select(b => b.Slug).FirstAsync();
            meetingId = await db.Meetings.Select(m => m.Id).FirstAsync();
        }
        await ReplayedAsync();
        var a = await StartNodeAsync("a");
        var health = await HealthAsync(a);
        Assert.NotEqual("read only", health.Status);
        Assert.True(health.Writable);

        await PgCtlAsync("stop", Primary, "-m", "fast");
        // Noticed within StoreStatus.Every of the next request.
        var noticed = Stopwatch.StartNew();
        while ((await HealthAsync(a)).Writable && noticed.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
        Assert.True(noticed.Elapsed < StoreStatus.Every + TimeSpan.FromSeconds(3), $"noticed after {noticed.Elapsed.TotalSeconds:0.0} s");

        // Not visited before, so not from the output cache: read from the standby.
        var meeting = await a.GetAsync(new Uri($"/moeder/{meetingId}", UriKind.Relative));
        var page = WebUtility.HtmlDecode(await meeting.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);
        Assert.Contains("Databasen kan kun læses lige nu", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync(new Uri("/soeg?q=budget", UriKind.Relative))).StatusCode);
        Assert.Equal(("read only", false), await HealthAsync(a));

        var (status, answer) = await FollowAsync(a, slug);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Ændringer er ikke mulige lige nu", answer, StringComparison.Ordinal);

        // A node (re)started during the outage serves as well: its start-up takes no lock on a standby.
        var b = await StartNodeAsync("b");
        var fromB = await b.GetAsync(new Uri($"/udvalg/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Contains("Databasen kan kun læses lige nu", WebUtility.HtmlDecode(await fromB.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The command line says it in one sentence and changes nothing.
        var cli = await Cli.ProtokolProcess.RunAsync("import", Samples.KoldingFiles.First(f => f != Samples.Kolding(Samples.Feb2025)), "--db", Store);
        Assert.Equal(3, cli.Exit);
        Assert.Contains("read-only standby", cli.Err, StringComparison.Ordinal);

        await PgCtlAsync("start", Primary, "-l", Path.Combine(folder, "primary.log"), "-o", ServerOptions(primaryPort));
        var back = Stopwatch.StartNew();
        while (!(await HealthAsync(a)).Writable && back.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(250);
        Assert.True((await HealthAsync(a)).Writable, "the primary is back, but the portal still says read only");
        (status, answer) = await FollowAsync(a, slug);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("Databasen kan kun læses", answer, StringComparison.Ordinal);
    }

    async Task<HttpClient> StartNodeAsync(string name)
    {
        var app = PortalApp.Build(["--urls", "http://127.0.0.1:0", "--Protokol:Database", Store,
            "--Protokol:Search:Folder", Path.Combine(folder, "search-" + name), "--Protokol:SigningKey", Path.Combine(folder, "signing-key.pem"),
            "--Protokol:DemoData="]);
        nodes.Add(app);
        await app.StartAsync();
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.Urls.First()) };
    }

    static async Task<(string Status, bool Writable)> HealthAsync(HttpClient node)
    {
        var json = JsonDocument.Parse(await node.GetStringAsync(new Uri("/sundhed", UriKind.Relative))).RootElement;
        return (json.GetProperty("status").GetString()!, json.GetProperty("database").GetProperty("writable").GetBoolean());
    }

    /// <summary>A citizen asks to follow the body: a change (a subscription row and a message in the outbox).</summary>
    static async Task<(HttpStatusCode, string)> FollowAsync(HttpClient node, string slug)
    {
        var form = await node.GetStringAsync(new Uri($"/foelg?udvalg={slug}", UriKind.Relative));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await node.PostAsync(new Uri($"/foelg?udvalg={slug}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "borger@example.dk",
            ["__RequestVerificationToken"] = token,
        }));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    async Task StartClustersAsync()
    {
        if (Root)
        {
            await RunAsync("chown", "postgres", folder);
            user = "postgres";
        }
        (primaryPort, standbyPort) = (FreePort(), FreePort());
        await RunAsPostgresAsync(Path.Combine(Bin, "initdb"), "-D", Primary, "-U", user, "--auth=trust", "--no-locale", "-E", "UTF8");
        await PgCtlAsync("start", Primary, "-l", Path.Combine(folder, "primary.log"), "-o", ServerOptions(primaryPort));
        // A copy of the primary that follows its log and answers reads (-R writes the standby's settings).
        await RunAsPostgresAsync(Path.Combine(Bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", $"{primaryPort}", "-U", user, "-D", Standby, "-R", "-X", "stream");
        await PgCtlAsync("start", Standby, "-l", Path.Combine(folder, "standby.log"), "-o", ServerOptions(standbyPort));
    }

    string ServerOptions(int port) =>
        $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{folder}' -c fsync=off -c hot_standby=on -c max_wal_senders=4";

    /// <summary>Until the standby has replayed everything the primary wrote so far.</summary>
    async Task ReplayedAsync()
    {
        string lsn;
        await using (var p = new NpgsqlConnection(Direct(primaryPort)))
        {
            await p.OpenAsync();
            lsn = (string)(await new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", p).ExecuteScalarAsync())!;
        }
        await using var s = new NpgsqlConnection(Direct(standbyPort));
        await s.OpenAsync();
        var waited = Stopwatch.StartNew();
        while (await new NpgsqlCommand($"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn", s).ExecuteScalarAsync() is not true)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the standby did not catch up with the primary");
            await Task.Delay(100);
        }
    }

    static Task PgCtlAsync(string what, string data, params string[] more) =>
        RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), [what, "-D", data, "-w", "-t", "60", .. more]);

    static Task RunAsPostgresAsync(string program, params string[] args) =>
        Root ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {await output}{await error}");
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        foreach (var data in new[] { Standby, Primary })
            if (Directory.Exists(data)) await PgCtlAsync("stop", data, "-m", "immediate").ContinueWith(_ => { }, TaskScheduler.Default);
        Directory.Delete(folder, recursive: true);
    }
}
