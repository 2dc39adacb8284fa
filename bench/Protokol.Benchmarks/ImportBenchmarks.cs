using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Protokol.Import;
using Protokol.Import.Greve;
using Protokol.Import.Referat;
using Protokol.Storage;

namespace Protokol.Benchmarks;

/// <summary>
/// Referat parsing in MB/s: the four Kolding samples (74 KB) parsed into meetings, beside the reference of
/// only splitting the same text into trimmed lines, which every line-based reader must do at least.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class ReferatParsing
{
    string[] texts = [];

    [GlobalSetup]
    public void Load() => texts = Directory.GetFiles(Paths.Samples("kolding"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    [Benchmark(Baseline = true, Description = "reference: split into trimmed lines")]
    public int SplitLines()
    {
        var n = 0;
        foreach (var t in texts) n += t.Split('\n').Select(l => l.TrimEnd()).Count(l => l.Length > 0);
        return n;
    }

    [Benchmark(Description = "ReferatParser.Parse")]
    public int Parse()
    {
        var n = 0;
        foreach (var t in texts) n += ReferatParser.Parse(t).Meeting!.Items.Count;
        return n;
    }
}

/// <summary>
/// All 198 Greve meetings from JSON into a fresh SQLite file (parse, HTML to Markdown, save, one transaction
/// each), beside the reference of only parsing the same JSON into a JsonDocument.
/// </summary>
[MedianColumn]
public class GreveImport
{
    byte[][] files = [];
    string[] names = [];

    [GlobalSetup]
    public void Load()
    {
        names = Directory.GetFiles(Paths.Samples("firstagenda-greve"), "*.json").Order(StringComparer.Ordinal).ToArray();
        files = names.Select(File.ReadAllBytes).ToArray();
    }


    [Benchmark(Baseline = true, Description = "reference: JsonDocument.Parse only")]
    public int JsonOnly()
    {
        var n = 0;
        foreach (var f in files) { using var d = JsonDocument.Parse(f); n += d.RootElement.GetProperty("Dagsordenpunkter").GetArrayLength(); }
        return n;
    }

    [Benchmark(Description = "GreveJson.Parse (no database)")]
    public int ParseOnly()
    {
        var n = 0;
        for (var i = 0; i < files.Length; i++) n += GreveJson.Parse(files[i], names[i]).Meeting!.Items.Count;
        return n;
    }

    /// <summary>A new database file each time (its creation and migration are part of the figure, ~1%).</summary>
    [Benchmark(Description = "import 198 meetings into SQLite")]
    public async Task<int> IntoSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("protokol-bench-").FullName;
        var n = 0;
        await using (var db = Database.Open(Path.Combine(folder, "bench.db")))
        {
            var import = new ArchiveImport(db);
            foreach (var name in names) n += (await import.ImportAsync(name)).Outcome == FileOutcome.Imported ? 1 : 0;
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
        return n;
    }
}

static class Paths
{
    public static string Samples(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Protokol.slnx"))) return Path.Combine(dir.FullName, "..", "shared", "samples", folder);
        throw new InvalidOperationException("run from inside the checkout");
    }
}
