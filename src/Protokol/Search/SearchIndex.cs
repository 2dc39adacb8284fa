using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Search;

/// <summary>
/// The search index (Lucene.NET), a folder beside the database that anyone can rebuild from it: it holds every
/// item, closed ones included, and records in each commit the last change row it applied. It follows the
/// database by applying change rows, never by being written beside a change, so it is never silently stale:
/// what it lacks is exactly the change rows after its sequence.
/// </summary>
public sealed partial class SearchIndex : IDisposable
{
    const string SequenceKey = "sequence", FormatKey = "format", PositionKey = "position", LexiconKey = "lexicon";
    /// <summary>What <see cref="ItemDocument"/> writes; an index of another format is built again from the change rows.</summary>
    const string Format = "2";
    /// <summary>The words compounds are split into; an index split with another list is built again, like another format.</summary>
    readonly Lexicon lexicon;
    readonly FSDirectory directory;
    /// <summary>Null when another process writes this folder: this one then follows that one's commits.</summary>
    readonly IndexWriter? writer;
    bool rebuild;
    readonly SearcherManager searchers;
    readonly SemaphoreSlim applying = new(1, 1);
    long applied;
    /// <summary>The last final change row applied (<see cref="ChangeFeed"/>); on SQLite the same as <see cref="AppliedSequence"/>.</summary>
    ChangeFeed.Position position;
    /// <summary>PostgreSQL: rows applied before they were final, not to be applied again when they are.</summary>
    readonly HashSet<long> early = [];

    /// <summary>The index folder for a SQLite file: beside it, named after it.</summary>
    public static string FolderFor(string databasePath) => Path.GetFullPath(databasePath) + ".search";

    /// <summary>
    /// The portal's index folder: Protokol:Search:Folder, else beside a SQLite file (protokol.db.search), else for
    /// PostgreSQL in data/ beside the program, named after the server and database (data/search-host-5432-protokol).
    /// Every web node keeps its own.
    /// </summary>
    public static string FolderFor(IConfiguration config)
    {
        if (config["Protokol:Search:Folder"] is { Length: > 0 } folder) return Path.GetFullPath(folder);
        var store = Database.Configured(config);
        if (!Database.IsPostgres(store)) return FolderFor(store);
        var at = new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ConnectionString(store));
        var name = string.Concat($"search-{at.Host}-{at.Port}-{at.Database}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Database.DataFolder(store), name);
    }

    /// <summary>How many change rows a search applies itself before answering, so a change is found at once (read your writes); more wait for the background.</summary>
    public int ApplyBeforeSearch { get; }

    /// <summary>The last change row whose change the index holds.</summary>
    public long AppliedSequence => Interlocked.Read(ref applied);

    SearchIndex(FSDirectory directory, IndexWriter? writer, int applyBeforeSearch, Lexicon lexicon)
    {
        ApplyBeforeSearch = applyBeforeSearch;
        this.lexicon = lexicon;
        this.directory = directory;
        this.writer = writer;
        searchers = writer is null ? new SearcherManager(directory, new Bm25Searchers()) : new SearcherManager(writer, true, new Bm25Searchers());
        var data = writer?.CommitData ?? DirectoryReader.ListCommits(directory)[^1].UserData;
        rebuild = data.Count > 0 && !(data.TryGetValue(FormatKey, out var f) && f == Format && data.TryGetValue(LexiconKey, out var l) && l == lexicon.Identity);
        applied = rebuild ? 0 : Sequence(data);
        position = rebuild ? default : Position(data);
    }

    /// <param name="lexicon">The words compounds split into; by default Debian's hunspell-da list when installed (<see cref="Lexicon.Installed"/>).</param>
    public static SearchIndex Open(string folder, int applyBeforeSearch = 1000, Lexicon? lexicon = null)
    {
        lexicon ??= Lexicon.Installed;
        System.IO.Directory.CreateDirectory(folder);
        var directory = FSDirectory.Open(folder);
        try { return new SearchIndex(directory, NewWriter(directory, OpenMode.CREATE_OR_APPEND), applyBeforeSearch, lexicon); }
        catch (LockObtainFailedException) when (DirectoryReader.IndexExists(directory)) { return new SearchIndex(directory, null, applyBeforeSearch, lexicon); }
        // A damaged or foreign folder: the index is only ever a copy of the database, so start it again.
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            return new SearchIndex(directory, NewWriter(directory, OpenMode.CREATE), applyBeforeSearch, lexicon);
        }
    }

    static IndexWriter NewWriter(FSDirectory directory, OpenMode mode)
    {
        var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        });
        if (mode == OpenMode.CREATE || !DirectoryReader.IndexExists(directory)) writer.Commit();
        return writer;
    }

    static long Sequence(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(SequenceKey, out var s) ? long.Parse(s, CultureInfo.InvariantCulture) : 0;

    /// <summary>"transaction:sequence"; an index written before positions were recorded stands at its sequence.</summary>
    static ChangeFeed.Position Position(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(PositionKey, out var p) && p.Split(':') is [var t, var s]
            ? new(long.Parse(t, CultureInfo.InvariantCulture), long.Parse(s, CultureInfo.InvariantCulture))
            : new(0, Sequence(data));

    /// <summary>How many items the index holds.</summary>
    public int Documents
    {
        get
        {
            var searcher = searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { searchers.Release(searcher); }
        }
    }

    /// <summary>The newest change row in the database (0 when there is none).</summary>
    public static async Task<long> LatestSequenceAsync(ProtokolDb db, CancellationToken ct) =>
        await db.ContentChanges.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;

    /// <summary>How many change rows the index lacks.</summary>
    public async Task<long> LagAsync(ProtokolDb db, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb || writer is null) return Math.Max(0, await LatestSequenceAsync(db, ct) - AppliedSequence);
        long[] known;
        ChangeFeed.Position at;
        lock (early)
        {
            known = [.. early];
            at = position;
        }
        return await ChangeFeed.PendingAsync(db, at, known, ct);
    }

    /// <summary>
    /// Applies every change row after the index's sequence, a batch at a time, each batch one commit that records
    /// its last sequence; returns how many rows it applied. Following another process's index: only looks at its newest commit.
    /// </summary>
    public async Task<int> CatchUpAsync(ProtokolDb db, CancellationToken ct, int batch = 1000)
    {
        if (writer is null)
        {
            searchers.MaybeRefresh();
            Interlocked.Exchange(ref applied, Sequence(DirectoryReader.ListCommits(directory)[^1].UserData));
            return 0;
        }
        await applying.WaitAsync(ct);
        try
        {
            // An index ahead of its database belongs to another copy of it (a restored backup), or was written by
            // another version: start again.
            if (rebuild || AppliedSequence > await LatestSequenceAsync(db, ct))
            {
                writer.DeleteAll();
                rebuild = false;
                Interlocked.Exchange(ref applied, 0);
                lock (early)
                {
                    position = default;
                    early.Clear();
                }
            }
            var done = 0;
            while (true)
            {
                var rows = await ChangeFeed.FinalAsync(db, position, batch, ct);
                if (rows.Count == 0) break;
                List<ContentChange> fresh;
                lock (early) fresh = [.. rows.Where(r => !early.Remove(r.Change.Sequence)).Select(r => r.Change)];
                await ApplyAsync(writer, db, fresh, ct);
                Commit(new(rows[^1].Transaction, rows[^1].Change.Sequence), rows.Max(r => r.Change.Sequence));
                done += fresh.Count;
            }
            // PostgreSQL: rows whose transactions committed while an older one is still open.
            while (true)
            {
                long[] known;
                lock (early) known = [.. early];
                var ahead = await ChangeFeed.AheadAsync(db, position, known, batch, ct);
                if (ahead.Count == 0) return done;
                await ApplyAsync(writer, db, ahead, ct);
                lock (early) early.UnionWith(ahead.Select(r => r.Sequence));
                Commit(position, ahead.Max(r => r.Sequence));
                done += ahead.Count;
            }
        }
        finally { applying.Release(); }
    }

    /// <summary>One index commit that records where it stands.</summary>
    void Commit(ChangeFeed.Position at, long highest)
    {
        var sequence = Math.Max(AppliedSequence, highest);
        writer!.SetCommitData(new Dictionary<string, string>
        {
            [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture),
            [PositionKey] = string.Create(CultureInfo.InvariantCulture, $"{at.Transaction}:{at.Sequence}"),
            [FormatKey] = Format,
            [LexiconKey] = lexicon.Identity,
        });
        writer.Commit();
        searchers.MaybeRefresh();
        lock (early) position = at;
        Interlocked.Exchange(ref applied, sequence);
    }

    /// <summary>Each named meeting's items and each named item, as the database holds them now (gone when deleted).</summary>
    async Task ApplyAsync(IndexWriter writer, ProtokolDb db, List<ContentChange> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Where(r => r.MeetingId is not null).Select(r => r.MeetingId!.Value).Distinct().Chunk(100))
        {
            var meetings = await db.Meetings.AsNoTracking().Where(m => chunk.Contains(m.Id))
                .Include(m => m.Bodies).Include(m => m.Items).ThenInclude(i => i.Sections).AsSplitQuery().ToListAsync(ct);
            foreach (var id in chunk) writer.DeleteDocuments(new Term(ItemDocument.Meeting, id.ToString(CultureInfo.InvariantCulture)));
            foreach (var document in DocumentsFor([.. meetings.SelectMany(m => m.Items.Select(i => (i, m)))], ct)) writer.AddDocument(document);
        }
        foreach (var chunk in rows.Where(r => r.ItemId is not null).Select(r => r.ItemId!.Value).Distinct().Chunk(500))
        {
            var items = await db.Items.AsNoTracking().Where(i => chunk.Contains(i.Id))
                .Include(i => i.Sections).Include(i => i.Meeting).ThenInclude(m => m.Bodies).AsSplitQuery().ToListAsync(ct);
            foreach (var id in chunk) writer.DeleteDocuments(new Term(ItemDocument.Item, id.ToString(CultureInfo.InvariantCulture)));
            foreach (var document in DocumentsFor([.. items.Select(i => (i, i.Meeting))], ct)) writer.AddDocument(document);
        }
    }

    /// <summary>
    /// The items' documents, in their order. Stemming and splitting every word is most of an item's indexing: a
    /// batch large enough to gain is made on every core (a whole archive at start-up), a few items on this thread.
    /// </summary>
    IEnumerable<Document> DocumentsFor(List<(AgendaItem Item, Meeting Meeting)> items, CancellationToken ct) =>
        items.Count < 64 ? items.Select(x => ItemDocument.For(x.Item, x.Meeting, lexicon))
            : items.AsParallel().AsOrdered().WithCancellation(ct).Select(x => ItemDocument.For(x.Item, x.Meeting, lexicon)).ToList();

    public void Dispose()
    {
        searchers.Dispose();
        writer?.Dispose();
        directory.Dispose();
        applying.Dispose();
    }

    sealed class Bm25Searchers : SearcherFactory
    {
        /// <summary>A new state of the index, its new segments' values read before any search uses it (by the one opening it, never by a request).</summary>
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves) SegmentValues.Of(leaf.AtomicReader);
            return new(reader) { Similarity = new BM25Similarity() };
        }
    }
}
