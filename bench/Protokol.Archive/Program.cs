using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Protokol.Archive;
using Protokol.Search;
using Protokol.Storage;

// protokol-archive generate <folder> <items> [seed]   JSON files of a generated archive
// protokol-archive search <database> [seconds] [engines]
//                                                      the search index built from the change rows (measured cold:
//                                                      no answers kept, and warm: as the portal keeps them), the FTS5
//                                                      reference built beside it, and PostgreSQL full-text search
//                                                      (GIN, RUM) in a throw-away cluster when PostgreSQL 15 is
//                                                      installed; latency and throughput of each. engines: any of
//                                                      lucene,fts5,postgres (default all)
// protokol-archive queries                             the 30 queries as portal paths, for wrk
// protokol-archive phases <database>                   per query, the best of 5 whole searches beside the best of 5
//                                                      without the page of hits (what loading and snippets cost)
var inv = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "generate" when args.Length >= 3:
        var clock = Stopwatch.StartNew();
        var (meetings, items) = Generator.Write(args[1], int.Parse(args[2], inv), args.Length > 3 ? int.Parse(args[3], inv) : 12);
        Console.WriteLine($"{meetings} meetings, {items} items in {args[1]} ({clock.Elapsed.TotalSeconds:0.0} s)");
        return 0;
    case "queries":
        foreach (var q in SearchBench.Queries) Console.WriteLine("/soeg?q=" + Uri.EscapeDataString(q));
        return 0;
    case "search" when args.Length >= 2:
        await SearchBench.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], inv) : 10, args.Length > 3 ? args[3].Split(',') : ["lucene", "fts5", "postgres"]);
        return 0;
    case "phases" when args.Length >= 2:
        await SearchBench.PhasesAsync(args[1]);
        return 0;
    default:
        Console.Error.WriteLine("usage: protokol-archive generate <folder> <items> [seed] | search <database> [seconds] | queries | phases <database>");
        return 2;
}

static class SearchBench
{
    /// <summary>Thirty things citizens and journalists look for in minutes: one to three words, common and rare.</summary>
    public static readonly string[] Queries =
    [
        "budget", "budgetopfølgning", "skole", "daginstitution", "lokalplan", "trafiksikkerhed", "klimaplan", "ældrepleje",
        "handicap", "beskæftigelse", "affald", "kollektiv trafik", "byggeri", "renovering af skolen", "ansøgning om tilskud",
        "regnskab", "anlægsbevilling", "høring", "kommuneplan", "borgerservice", "sundhedsaftale", "folkeskolereform",
        "idrætsanlæg", "biblioteket", "vandforsyning", "spildevand", "cykelsti", "forældrebestyrelse", "udbud", "tilsyn",
    ];

    public static async Task RunAsync(string path, int seconds, string[] wanted)
    {
        var inv = CultureInfo.InvariantCulture;
        await using (var db = Database.Open(path)) { } // the schema brought up to date once: the 32 searchers below only open it
        var folder = SearchIndex.FolderFor(path);
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        using var index = SearchIndex.Open(folder);
        var clock = Stopwatch.StartNew();
        await using (var db = Database.Open(path)) await index.CatchUpAsync(db, default);
        Console.WriteLine($"Lucene.NET: index built from {index.AppliedSequence:N0} change rows in {clock.Elapsed.TotalSeconds:0.0} s ({index.Documents:N0} items)");
        SqliteConnection.ClearAllPools();
        var before = Size(path);
        var engines = new List<(string Name, Func<ProtokolDb, SearchQuery, Task<SearchResult>> Search)>
        {
            // Cold: every search matches, counts and ranks afresh (one pass: on one core, as before the pass was cut into a
            // range a core). Warm: the portal's default, a search asked before (the 30 queries, over and over) answered
            // from what this state of the index found; the page still comes from SQLite.
            ("Lucene.NET, cold, one pass", (db, q) => { (index.AnswersKept, index.ParallelFromItems) = (0, int.MaxValue); return index.SearchAsync(db, q, default); }),
            ("Lucene.NET, cold", (db, q) => { (index.AnswersKept, index.ParallelFromItems) = (0, 50_000); return index.SearchAsync(db, q, default); }),
            ("Lucene.NET, warm", (db, q) => { (index.AnswersKept, index.ParallelFromItems) = (2000, 50_000); return index.SearchAsync(db, q, default); }),
        };
        if (wanted.Contains("fts5"))
        {
            clock.Restart();
            await using (var db = Database.Open(path)) await new Fts5Reference(db).BuildAsync(default);
            Console.WriteLine($"FTS5 reference: table built in {clock.Elapsed.TotalSeconds:0.0} s");
            SqliteConnection.ClearAllPools();
            engines.Add(("FTS5 (before)", (db, q) => new Fts5Reference(db).SearchAsync(q, default)));
        }
        Console.WriteLine($"sizes: database {before / 1e6:0.0} MB, FTS5 table adds {(Size(path) - before) / 1e6:0.0} MB, Lucene index {Size(folder) / 1e6:0.0} MB");
        await using var postgres = !wanted.Contains("postgres") ? null : PostgresCluster.Installed ? await PostgresCluster.StartAsync() : null;
        if (postgres is null) Console.WriteLine(wanted.Contains("postgres") ? "PostgreSQL: not measured (no /usr/lib/postgresql/15/bin; apt-get install -y postgresql-15 postgresql-15-rum)" : "PostgreSQL: not asked for");
        else
        {
            await using (var db = Database.Open(path))
            {
                var built = await PostgresFtsReference.LoadAsync(db, postgres.Source, default);
                Console.WriteLine(string.Create(inv, $"PostgreSQL 15: items copied from SQLite and stemmed in {built.Copy.TotalSeconds:0.0} s (table {built.Table / 1e6:0.0} MB), GIN index built in {built.GinIndex.TotalSeconds:0.0} s ({built.GinSize / 1e6:0.0} MB); RUM: table copied in {built.RumTable.TotalSeconds:0.0} s, index built in {built.RumIndex.TotalSeconds:0.0} s ({built.RumSize / 1e6:0.0} MB)"));
            }
            SqliteConnection.ClearAllPools();
            engines.Add(("PostgreSQL GIN, ts_rank", (_, q) => new PostgresFtsReference(postgres.Source, PostgresFtsReference.Gin).SearchAsync(q, default)));
            engines.Add(("PostgreSQL RUM, <=> top-k", (_, q) => new PostgresFtsReference(postgres.Source, PostgresFtsReference.Rum).SearchAsync(q, default)));
        }
        // Under load, 32 server processes get more of a shared machine than one process's threads: CPU a search is the fairer figure.
        TimeSpan Cpu(bool server) => Process.GetCurrentProcess().TotalProcessorTime + (server && postgres is not null ? postgres.ServerCpu() : TimeSpan.Zero);
        Console.WriteLine("| engine | searches | hits (sum over the 30 queries) | p50 | p95 | p99 | searches/s, 32 at once | CPU a search, 32 at once |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, search) in engines)
        {
            await using var db = Database.Create(path);
            var hits = 0L;
            foreach (var q in Queries) hits += (await search(db, new SearchQuery(q))).Total; // warm-up, and the work done
            var times = new List<double>();
            for (var r = 0; r < 3; r++)
                foreach (var q in Queries)
                {
                    var t = Stopwatch.GetTimestamp();
                    await search(db, new SearchQuery(q));
                    times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            times.Sort();
            var done = 0L;
            var server = name.StartsWith("PostgreSQL", StringComparison.Ordinal);
            var cpu = Cpu(server);
            var until = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
            {
                await using var own = Database.Create(path);
                for (var i = w; until.Elapsed.TotalSeconds < seconds; i++)
                {
                    await search(own, new SearchQuery(Queries[i % Queries.Length]));
                    Interlocked.Increment(ref done);
                }
            })));
            Console.WriteLine(string.Create(inv, $"| {name} | {times.Count} | {hits:N0} | {P(times, 50):0.0} ms | {P(times, 95):0.0} ms | {P(times, 99):0.0} ms | {done / until.Elapsed.TotalSeconds:0.0} | {(Cpu(server) - cpu).TotalMilliseconds / done:0.0} ms |"));
        }
    }

    /// <summary>The index as it stands beside the database (catching up first), one search at a time.</summary>
    public static async Task PhasesAsync(string path)
    {
        using var index = SearchIndex.Open(SearchIndex.FolderFor(path));
        index.AnswersKept = 0; // every run does the whole search
        await using var db = Database.Create(path);
        await index.CatchUpAsync(db, default);
        async Task<double> BestAsync(string q, int pageSize)
        {
            var best = double.MaxValue;
            for (var r = 0; r < 6; r++) // the first a warm-up
            {
                var t = Stopwatch.GetTimestamp();
                await index.SearchAsync(db, new SearchQuery(q, PageSize: pageSize), default);
                if (r > 0) best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            return best;
        }
        // One pass over all of them first: the code of every kind of query compiled and the index's files read
        // before anything is timed, so the first queries are not charged for it.
        foreach (var q in Queries) await index.SearchAsync(db, new SearchQuery(q), default);
        var (whole, bare) = (0.0, 0.0);
        foreach (var q in Queries)
        {
            var (w, b) = (await BestAsync(q, 20), await BestAsync(q, 0));
            (whole, bare) = (whole + w, bare + b);
            var hits = (await index.SearchAsync(db, new SearchQuery(q), default)).Total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{q,-24} {hits,8:N0} hits  whole {w,6:0.0} ms  without the page {b,6:0.0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"30 queries: whole {whole:0} ms, without the page {bare:0} ms"));
    }

    static double P(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    static long Size(string path) => File.Exists(path)
        ? new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0)
        : Directory.GetFiles(path).Sum(f => new FileInfo(f).Length);
}
