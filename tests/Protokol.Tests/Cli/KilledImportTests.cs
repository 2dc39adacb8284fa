using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Protokol.Search;

namespace Protokol.Tests.Cli;

/// <summary>
/// `protokol import` killed (SIGKILL) at random moments and run again ends where one clean run ends: the same rows
/// in every table, and a search index (followed between the kills, as a running portal follows) that finds the same.
/// </summary>
public sealed class KilledImportTests : IDisposable
{
    readonly TempDatabase clean = new(), killed = new();

    /// <summary>Every eighth Greve meeting and the Kolding referat texts: both readers, ~400 items.</summary>
    static readonly string[] Files = [.. Samples.GreveFiles.Where((_, i) => i % 8 == 0), .. Samples.KoldingFiles];

    static readonly string[] Queries = ["budget", "skole", "lokalplan", "godkendt", "ældre", "vej", "borgmester", "budgetopfølgning", "social handicap", "fraværende"];

    [SqliteFact("compares rows with their ids; on PostgreSQL a killed transaction uses up identity values, so the same rows get other ids there")]
    public async Task A_killed_import_run_again_gives_the_database_and_index_of_a_clean_import()
    {
        const int seed = 2026;
        var (exit, _, error) = await ProtokolProcess.RunAsync(["import", .. Files, "--db", clean.Path]);
        Assert.True(exit == 0, error);
        var total = (int)Count(clean.Path, "Meetings");
        Assert.Equal(Files.Length, total);

        // Kill after a random number of stored meetings (plus a random moment of the next one's transaction), three times.
        var random = new Random(seed);
        var targets = Enumerable.Range(0, 3).Select(_ => random.Next(1, total - 2)).Order().ToList();
        var interrupted = 0;
        foreach (var target in targets)
        {
            var stored = await ImportUntilKilledAsync(target, TimeSpan.FromMilliseconds(random.Next(0, 120)));
            if (stored < total) interrupted++;
            await CatchUpAsync(killed.Path); // a portal beside the import applies the change rows it finds
        }
        Assert.True(interrupted > 0, "no kill landed before the import had finished");
        (exit, var output, error) = await ProtokolProcess.RunAsync(["import", .. Files, "--db", killed.Path]);
        Assert.True(exit == 0, output + error);

        foreach (var table in new[] { "Meetings", "MeetingBody", "Items", "Sections", "ItemAbsentee", "Attachment", "Participant", "TocEntry", "Bodies", "People", "Memberships", "Cases", "AuditTrail", "ContentChanges" })
            Assert.True(Rows(clean.Path, table).SequenceEqual(Rows(killed.Path, table)), $"{table} differs after the killed import and its re-run");

        using var cleanIndex = await CatchUpAsync(clean.Path, keep: true);
        using var killedIndex = await CatchUpAsync(killed.Path, keep: true);
        Assert.Equal(Count(clean.Path, "Items"), cleanIndex!.Documents);
        Assert.Equal(cleanIndex.Documents, killedIndex!.Documents);
        await using var cleanDb = clean.Open();
        await using var killedDb = killed.Open();
        var found = 0;
        foreach (var q in Queries)
        {
            var query = new SearchQuery(q, PageSize: 1000, Access: ReadAccess.From(null));
            var a = await cleanIndex.SearchAsync(cleanDb, query, CancellationToken.None);
            var b = await killedIndex.SearchAsync(killedDb, query, CancellationToken.None);
            Assert.Equal(a.Total, b.Total);
            Assert.Equal(a.Hits.Select(h => h.ItemId), b.Hits.Select(h => h.ItemId));
            Assert.Equal(a.Bodies, b.Bodies);
            Assert.Equal(a.Years, b.Years);
            Assert.Equal(a.Outcomes, b.Outcomes);
            found += a.Total;
        }
        Assert.True(found > 100, $"the queries found {found} items: too few to compare");
    }

    /// <summary>Starts an import and kills it once the database holds <paramref name="target"/> meetings and <paramref name="after"/> more has passed; returns the meetings then stored.</summary>
    async Task<long> ImportUntilKilledAsync(long target, TimeSpan after)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "protokol.dll"));
        foreach (var a in (string[])["import", .. Files, "--db", killed.Path]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && (!File.Exists(killed.Path) || SafeCount(killed.Path) < target) && waited.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(10);
        await Task.Delay(after);
        if (!process.HasExited) process.Kill(entireProcessTree: true); // SIGKILL: no finally block runs
        await process.WaitForExitAsync();
        await drained;
        SqliteConnection.ClearAllPools();
        return SafeCount(killed.Path);
    }

    static async Task<SearchIndex?> CatchUpAsync(string database, bool keep = false)
    {
        var index = SearchIndex.Open(SearchIndex.FolderFor(database));
        await using (var db = global::Protokol.Storage.Database.OpenSqlite(database)) await index.CatchUpAsync(db, CancellationToken.None);
        if (keep) return index;
        index.Dispose();
        return null;
    }

    /// <summary>The meetings stored so far, read beside a running import (0 while it is still creating the schema).</summary>
    static long SafeCount(string database)
    {
        try { return Count(database, "Meetings"); }
        catch (SqliteException) { return 0; }
    }

    static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every row of a table, in key order, as text; the audit trail's clock readings left out (they name when, not what).</summary>
    static List<string> Rows(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
                if (!(table == "AuditTrail" && reader.GetName(i) == "At"))
                    row.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            rows.Add(row.ToString());
        }
        return rows;
    }

    public void Dispose()
    {
        clean.Dispose();
        killed.Dispose();
    }
}
