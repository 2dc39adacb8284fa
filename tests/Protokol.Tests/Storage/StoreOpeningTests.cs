using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Protokol.Tests.Cli;

namespace Protokol.Tests.Storage;

/// <summary>
/// What a kill at a bad moment, or a file made by another tool, leaves behind: every command either works or
/// says in one sentence what to do. The program runs as its own process, as a person runs it.
/// </summary>
public sealed class StoreOpeningTests : IDisposable
{
    readonly TempDatabase database = new();
    static readonly string DemoFile = Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt");

    async Task<(int Exit, string Out, string Err)> Protokol(params string[] args) => await ProtokolProcess.RunAsync([.. args, "--db", database.Path]);

    static void AssertOneSentence(string err)
    {
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    static void Sql(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static string Scalar(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [SqliteFact]
    public async Task A_migration_lock_left_by_a_killed_process_is_taken_over()
    {
        Assert.Equal(0, (await Protokol("import", DemoFile)).Exit);
        Sql(database.Path, "INSERT INTO __EFMigrationsLock (Id, Timestamp) VALUES (1, '2026-11-25 03:00:00+00:00')");

        var export = await Protokol("export", "1");

        Assert.Equal(0, export.Exit);
        Assert.StartsWith("REFERAT", export.Out, StringComparison.Ordinal);
        Assert.Equal("0", Scalar(database.Path, "SELECT count(*) FROM __EFMigrationsLock"));
    }

    [SqliteFact]
    public async Task A_migration_lock_held_by_a_live_process_ends_the_command_with_what_to_do()
    {
        Assert.Equal(0, (await Protokol("import", DemoFile)).Exit);
        Sql(database.Path, "INSERT INTO __EFMigrationsLock (Id, Timestamp) VALUES (1, '2026-11-25 03:00:00+00:00')");
        // This test process plays the live migrator: it holds the OS lock a migrating Protokol holds.
        using (new FileStream(database.Path + ".migrations-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var export = await Protokol("export", "1");
            Assert.Equal(3, export.Exit);
            AssertOneSentence(export.Err);
            Assert.Contains("Another Protokol process", export.Err, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await Protokol("export", "1")).Exit);
    }

    [SqliteFact]
    public async Task An_empty_database_file_becomes_a_new_database()
    {
        await File.WriteAllBytesAsync(database.Path, []);

        var import = await Protokol("import", DemoFile);

        Assert.Equal(0, import.Exit);
        Assert.Equal("", import.Err);
        Assert.StartsWith("REFERAT", (await Protokol("export", "1")).Out, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_file_that_is_no_database_is_named_in_one_sentence()
    {
        await File.WriteAllTextAsync(database.Path, "Dette er ikke en database, men en indkøbsliste.\n");

        var export = await Protokol("export", "1");

        Assert.Equal(3, export.Exit);
        AssertOneSentence(export.Err);
        Assert.Contains("not a usable SQLite database", export.Err, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_database_in_rollback_journal_mode_is_served()
    {
        Assert.Equal(0, (await Protokol("import", DemoFile)).Exit);
        Sql(database.Path, "PRAGMA journal_mode = DELETE");
        Assert.Equal("delete", Scalar(database.Path, "PRAGMA journal_mode"));

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "protokol.dll"), "serve", "--db", database.Path, "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(a);
        using var serve = Process.Start(start)!;
        var err = serve.StandardError.ReadToEndAsync();
        _ = serve.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpStatusCode? status = null;
            for (var i = 0; i < 120 && status is null && !serve.HasExited; i++)
            {
                try { status = (await http.GetAsync(new Uri("/moeder/1", UriKind.Relative))).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(500); }
            }
            Assert.False(serve.HasExited, await (serve.HasExited ? err : Task.FromResult("")));
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
        Assert.Equal("wal", Scalar(database.Path, "PRAGMA journal_mode"));
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose() => database.Dispose();
}
