using System.Buffers.Binary;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Search;

public sealed partial class SearchIndex
{
    /// <summary>
    /// Every word must occur, in the title (weighted 4) or the text, as one of its stems, or, when it is a compound
    /// of words the lexicon or the archive knows, as all of its parts within a few words of each other ("skolereform": "reform af skolen"; the index
    /// holds each compound's parts beside it, so a part finds its compounds as well): one pass over the matches filters
    /// them by what the asker may read, counts them and their facets, and keeps the best page; the page's items
    /// come from the database, which has the last word on what the asker may read.
    /// </summary>
    public async Task<SearchResult> SearchAsync(ProtokolDb db, SearchQuery query, CancellationToken ct)
    {
        Interlocked.Increment(ref searching);
        try { return await AnswerAsync(db, query, ct); }
        finally { Interlocked.Decrement(ref searching); }
    }

    async Task<SearchResult> AnswerAsync(ProtokolDb db, SearchQuery query, CancellationToken ct)
    {
        var lag = await LagAsync(db, ct);
        if (writer is not null && lag > 0 && lag <= ApplyBeforeSearch)
        {
            await CatchUpAsync(db, ct);
            lag = await LagAsync(db, ct);
        }
        if (query.Words.Count == 0) return new(0, [], [], [], [], lag);

        int? body = query.Body is null ? null : await db.Bodies.Where(b => b.Slug == query.Body).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct) ?? -1;
        var page = Math.Max(1, query.Page);
        var searcher = searchers.Acquire();
        Found found;
        try { found = await FindAsync(searcher, query, body, page * query.PageSize, ct); }
        finally { searchers.Release(searcher); }
        var stems = query.Stems.Concat(found.Parts).ToHashSet(StringComparer.Ordinal);

        var ids = found.Best.Skip((page - 1) * query.PageSize).Take(query.PageSize).ToList();
        // Split: one statement for the items with their meetings, one for their sections (joined, SQLite took 4× as long).
        var items = await db.Items.AsNoTracking().Include(i => i.Sections).Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body).AsSplitQuery()
            .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var readable = query.Readable.Meetings.ToHashSet();
        bool known(string s) => lexicon.Contains(s) || stems.Contains(s);
        var hits = ids.Select(id => items.GetValueOrDefault(id))
            // An item changed since the index last saw it may no longer be the asker's to read.
            .Where(i => i is not null && (query.Readable.All || readable.Contains(i.MeetingId) || (!i.IsClosed && i.Meeting.State is MeetingState.AgendaPublished or MeetingState.MinutesPublished)))
            .Select(i => new SearchHit(i!.Id, i.Number, i.Title, i.CaseNumber, i.MeetingId, i.Meeting.StartsAt, i.Meeting.BodyTitle,
                Snippet.Html(string.Join("\n", i.Sections.OrderBy(s => s.Kind == SectionKind.Decision ? 0 : 1).ThenBy(s => s.Order).Select(s => s.Text)), stems, known), i.IsClosed))
            .ToList();

        var counts = found.Bodies;
        var bodyIds = counts.Keys.ToList();
        var names = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var bodies = counts.Where(b => names.ContainsKey(b.Key)).Select(b => new Facet(names[b.Key].Slug, names[b.Key].Name, b.Value))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        var years = found.Years.OrderByDescending(y => y.Key)
            .Select(y => new Facet(y.Key.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), y.Key.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), y.Value)).ToList();
        var outcomes = Enum.GetValues<DecisionOutcome>().Where(o => found.Outcomes[(int)o] > 0).OrderByDescending(o => found.Outcomes[(int)o])
            .Select(o => new Facet(o.ToString(), DecisionOutcomes.Danish(o), found.Outcomes[(int)o])).ToList();
        return new(found.Total, hits, bodies, years, outcomes, lag);
    }

    /// <summary>What one pass over the matches found: the count, the facets, the best items' ids (best first), and the stems of compounds' parts asked for.</summary>
    sealed record Found(int Total, IReadOnlyList<int> Best, Dictionary<int, int> Bodies, IReadOnlyList<KeyValuePair<int, int>> Years, int[] Outcomes, IReadOnlyList<string> Parts);

    /// <summary>
    /// The searches one state of the index has answered (the count, facets and best ids; never the items themselves,
    /// which come from the database each time): an index that applies change rows opens a new state and starts
    /// afresh, so an answer is never staler than the index. Only the public's and those who may read everything are
    /// kept, a few thousand at most. A search being answered is kept as its task: the same search asked meanwhile
    /// waits for it instead of doing it again (32 people asking for a common word after a change cost one search).
    /// </summary>
    sealed record Answers(long Version, System.Collections.Concurrent.ConcurrentDictionary<string, Task<Found>> Found);

    Answers answers = new(-1, new(StringComparer.Ordinal));

    /// <summary>How many searches one state of the index keeps (past it they start again); 0 keeps none, so every search does the whole match.</summary>
    public int AnswersKept { get; set; } = 2000;

    /// <summary>How many best ids a search keeps at least, so the next pages are answered as well.</summary>
    const int KeptIds = 100;

    async Task<Found> FindAsync(IndexSearcher searcher, SearchQuery query, int? body, int wanted, CancellationToken ct)
    {
        var version = ((DirectoryReader)searcher.IndexReader).Version;
        var known = answers;
        if (known.Version < version) answers = known = new(version, new(StringComparer.Ordinal));
        var key = known.Version != version || AnswersKept <= 0 ? null : query.Readable switch
        {
            { All: true } => "all",
            { Meetings.Count: 0 } => "public",
            _ => null, // a member's or secretary's meetings: theirs alone
        } is { } who ? string.Join('\u001f', who, body, query.Year, query.Outcome, string.Join(' ', query.Asked.Select(a => a.Word))) : null;
        if (key is null) return Find(searcher, query, body, wanted, ct);
        while (true)
        {
            if (known.Found.Count >= AnswersKept) known.Found.Clear();
            var mine = new TaskCompletionSource<Found>(TaskCreationOptions.RunContinuationsAsynchronously);
            var asked = known.Found.GetOrAdd(key, mine.Task);
            if (asked == mine.Task)
            {
                try
                {
                    var found = Find(searcher, query, body, wanted == 0 ? 0 : Math.Max(wanted, KeptIds), ct);
                    mine.SetResult(found);
                    return found;
                }
                catch (Exception e)
                {
                    known.Found.TryRemove(KeyValuePair.Create(key, mine.Task));
                    if (e is OperationCanceledException) mine.SetCanceled(CancellationToken.None); else mine.SetException(e);
                    throw;
                }
            }
            Found kept;
            try { kept = await asked.WaitAsync(ct); }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                known.Found.TryRemove(KeyValuePair.Create(key, asked)); // the one asking first gave up, or failed: ask again
                continue;
            }
            if (kept.Best.Count >= Math.Min(wanted, kept.Total)) return kept;
            // A page past the kept ids: answered afresh, and kept so for the pages after it.
            var deeper = Find(searcher, query, body, wanted, ct);
            known.Found[key] = Task.FromResult(deeper);
            return deeper;
        }
    }

    Found Find(IndexSearcher searcher, SearchQuery query, int? body, int keep, CancellationToken ct)
    {
        var reader = searcher.IndexReader;
        var parts = new List<string>();
        var match = new BooleanQuery();
        foreach (var asked in query.Asked)
        {
            var split = Decompounder.Split(asked.Word, s => lexicon.Contains(s) || Occurs(reader, s)).Select(DanishText.Forms).ToList();
            if (split.Count == 0)
            {
                match.Add(AnyOf(asked.Forms), Occur.MUST);
                continue;
            }
            match.Add(new BooleanQuery { { AnyOf(asked.Forms), Occur.SHOULD }, { Near(split), Occur.SHOULD } }, Occur.MUST);
            parts.AddRange(split.SelectMany(f => f));
        }
        return Collect(searcher, match, () => new FacetCollector(query.Readable, body, query.Year, query.Outcome, keep, ct), keep, ct) with { Parts = parts };
    }

    /// <summary>How many parts one search's pass over the matches is cut into, each on its own core: by default as many as the machine has.</summary>
    public int SearchThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>An index of fewer items is searched in one pass: cutting it costs more than it saves.</summary>
    public int ParallelFromItems { get; set; } = 50_000;

    /// <summary>
    /// Searches being answered, and passes over the matches running, now: while another search is under way (in its
    /// pass, or reading its page from the database), the cores are taken, and a pass is not cut.
    /// </summary>
    int searching, passes;

    /// <summary>
    /// The pass over the matches, cut into ranges of equal numbers of documents across the segments, each counted
    /// and ranked on its own (the calling thread takes a range itself), then added up: the same count, facets and best
    /// ids as one pass, sooner when the cores are idle. When other searches are running the cores are busy already,
    /// and cutting would only add work (1M items, 32 at once: 19.6 searches/s cut, 23.3 in one pass).
    /// </summary>
    /// <summary>How many passes over the matches this index has made: searches not answered from <see cref="answers"/>.</summary>
    internal long PassesMade => Interlocked.Read(ref passesMade);
    long passesMade;

    Found Collect(IndexSearcher searcher, Query match, Func<FacetCollector> collector, int keep, CancellationToken ct)
    {
        Interlocked.Increment(ref passesMade);
        Interlocked.Increment(ref passes);
        try { return Collect(searcher, match, collector, keep, Volatile.Read(ref passes) > 1 || Volatile.Read(ref searching) > 1, ct); }
        finally { Interlocked.Decrement(ref passes); }
    }

    Found Collect(IndexSearcher searcher, Query match, Func<FacetCollector> collector, int keep, bool busy, CancellationToken ct)
    {
        var leaves = searcher.IndexReader.Leaves;
        var total = searcher.IndexReader.MaxDoc;
        var cuts = busy || total < ParallelFromItems ? 1 : Math.Max(1, SearchThreads);
        if (cuts == 1)
        {
            var one = collector();
            searcher.Search(match, one);
            return one.Result(keep);
        }
        var weight = searcher.CreateNormalizedWeight(match);
        var parts = new FacetCollector[cuts];
        try
        {
            Parallel.For(0, cuts, new ParallelOptions { MaxDegreeOfParallelism = cuts, CancellationToken = ct }, cut =>
            {
                var (from, to) = ((long)total * cut / cuts, (long)total * (cut + 1) / cuts);
                var part = parts[cut] = collector();
                foreach (var leaf in leaves)
                {
                    var (start, end) = (Math.Max(from - leaf.DocBase, 0), Math.Min(to - leaf.DocBase, leaf.AtomicReader.MaxDoc));
                    if (start >= end) continue;
                    var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                    if (scorer is null) continue;
                    part.SetNextReader(leaf);
                    part.SetScorer(scorer);
                    for (var doc = scorer.Advance((int)start); doc < end; doc = scorer.NextDoc()) part.Collect(doc);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Any(x => x is OperationCanceledException))
        {
            throw new OperationCanceledException(ct);
        }
        return FacetCollector.Result(parts, keep);
    }

    /// <summary>A word's stems, in the title (weighted 4) or the text.</summary>
    static BooleanQuery AnyOf(IReadOnlyList<string> forms)
    {
        var word = new BooleanQuery();
        foreach (var stem in forms)
        {
            word.Add(new TermQuery(new Term(ItemDocument.Title, stem)) { Boost = 4 }, Occur.SHOULD);
            word.Add(new TermQuery(new Term(ItemDocument.Body, stem)), Occur.SHOULD);
        }
        return word;
    }

    /// <summary>How far apart a compound's parts may stand and still be read as it: "reform af skolen", "skolens nye reform", within a sentence.</summary>
    const int PartsSlop = 8;

    /// <summary>
    /// All of a compound's parts near each other, in any order, in the title (weighted 4) or the text. Anywhere in
    /// an item would not do: "kommune" and "plan" each stand in most items, and "kommuneplan" would find them all.
    /// </summary>
    static BooleanQuery Near(List<IReadOnlyList<string>> parts)
    {
        var near = new BooleanQuery();
        foreach (var (field, boost) in new[] { (ItemDocument.Title, 4f), (ItemDocument.Body, 1f) })
        {
            if (parts.Count == 2)
            {
                near.Add(new NearQuery(field, parts[0], parts[1], PartsSlop + 1) { Boost = boost }, Occur.SHOULD);
                continue;
            }
            var each = parts.Select(forms => (SpanQuery)new SpanOrQuery([.. forms.Select(stem => (SpanQuery)new SpanTermQuery(new Term(field, stem)))])).ToArray();
            near.Add(new SpanNearQuery(each, PartsSlop, false) { Boost = boost }, Occur.SHOULD);
        }
        return near;
    }

    /// <summary>Whether an item the index holds now has the stem: terms of deleted items linger until merged, and must not count.</summary>
    static bool Occurs(IndexReader reader, string stem)
    {
        foreach (var field in (string[])[ItemDocument.Title, ItemDocument.Body])
        {
            if (reader.DocFreq(new Term(field, stem)) == 0) continue;
            var docs = MultiFields.GetTermDocsEnum(reader, MultiFields.GetLiveDocs(reader), field, new Lucene.Net.Util.BytesRef(stem));
            if (docs is not null && docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) return true;
        }
        return false;
    }

    /// <summary>
    /// Reads each match's per-document values once: whether the asker may read it, then the filters, counting each
    /// facet with every filter but its own (as a facet shows what choosing it would give) and keeping the best
    /// <c>keep</c> by score, then newest meeting.
    /// </summary>
    sealed class FacetCollector(ReadAccess access, int? body, int? year, DecisionOutcome? outcome, int keep, CancellationToken ct) : ICollector
    {
        readonly HashSet<int> readable = access.Meetings.ToHashSet();
        readonly PriorityQueue<int, (float Score, long StartsAt, int NegativeId)> best = new();
        readonly int[] years = new int[10_000];
        int[] bodyCounts = new int[256];
        Scorer scorer = null!;
        SegmentValues values = null!;
        int seen;

        public int Total { get; private set; }
        public Dictionary<int, int> Bodies => bodyCounts.Select((n, id) => (n, id)).Where(b => b.n > 0).ToDictionary(b => b.id, b => b.n);
        public IEnumerable<KeyValuePair<int, int>> Years => years.Select((n, y) => KeyValuePair.Create(y, n)).Where(y => y.Value > 0);
        public int[] Outcomes { get; } = new int[Enum.GetValues<DecisionOutcome>().Length];
        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => this.scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
            values = SegmentValues.Of(context.AtomicReader);
        }

        public void Collect(int doc)
        {
            if ((++seen & 1023) == 0) ct.ThrowIfCancellationRequested(); // an abandoned request stops its search
            var (flags, o, y) = ItemDocument.Unpack(values.Info[doc]);
            if (!access.All && flags != ItemDocument.PublicState && !readable.Contains(values.Meeting[doc])) return;
            var span = values.Bodies.AsSpan(values.BodyStart[doc], values.BodyStart[doc + 1] - values.BodyStart[doc]);
            var inBody = body is null || span.Contains(body.Value);
            var inYear = year is null || y == year;
            var inOutcome = outcome is null || (o & (1L << (int)outcome)) != 0;
            if (inYear && inOutcome)
                foreach (var b in span)
                {
                    if (b >= bodyCounts.Length) Array.Resize(ref bodyCounts, Math.Max(b + 1, bodyCounts.Length * 2));
                    bodyCounts[b]++;
                }
            if (inBody && inOutcome) years[y]++;
            if (inBody && inYear)
                for (var bits = o; bits != 0; bits &= bits - 1) Outcomes[System.Numerics.BitOperations.TrailingZeroCount(bits)]++;
            if (!(inBody && inYear && inOutcome)) return;
            Total++;
            if (keep == 0) return;
            var score = scorer.GetScore();
            if (best.Count < keep)
            {
                var id = values.Item[doc];
                best.Enqueue(id, (score, values.Starts[doc], -id));
                return;
            }
            // Most matches score below the worst kept one: their date and id are never read.
            best.TryPeek(out _, out var worst);
            if (score < worst.Score) return;
            var other = values.Item[doc];
            var rank = (score, values.Starts[doc], -other);
            if (rank.CompareTo(worst) > 0) best.DequeueEnqueue(other, rank);
        }

        /// <summary>What this pass found (once: the kept ids are taken out).</summary>
        public Found Result(int keep) => Result([this], keep);

        /// <summary>What passes over parts of the index found, added up: the best <c>keep</c> of all their kept ids, best first.</summary>
        public static Found Result(IReadOnlyList<FacetCollector> parts, int keep)
        {
            var (first, ranked) = (parts[0], new List<(int Id, (float, long, int) Rank)>());
            foreach (var part in parts)
            {
                while (part.best.TryDequeue(out var id, out var rank)) ranked.Add((id, rank));
                if (part == first) continue;
                first.Total += part.Total;
                for (var y = 0; y < part.years.Length; y++) first.years[y] += part.years[y];
                if (part.bodyCounts.Length > first.bodyCounts.Length) Array.Resize(ref first.bodyCounts, part.bodyCounts.Length);
                for (var b = 0; b < part.bodyCounts.Length; b++) first.bodyCounts[b] += part.bodyCounts[b];
                for (var o = 0; o < first.Outcomes.Length; o++) first.Outcomes[o] += part.Outcomes[o];
            }
            var best = ranked.OrderByDescending(r => r.Rank).Take(keep).Select(r => r.Id).ToList();
            return new(first.Total, best, first.Bodies, [.. first.Years], first.Outcomes, []);
        }
    }

    /// <summary>
    /// A segment's per-document values as plain arrays, read once per segment (segments never change; Lucene.NET's
    /// packed doc values cost ~0.3 µs a read, five times its own matching): ~30 bytes an item.
    /// </summary>
    sealed class SegmentValues
    {
        static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, Lazy<SegmentValues>> Cache = new();

        public required long[] Info { get; init; }
        public required long[] Starts { get; init; }
        public required int[] Item { get; init; }
        public required int[] Meeting { get; init; }
        /// <summary>Document d's bodies are Bodies[BodyStart[d]..BodyStart[d + 1]].</summary>
        public required int[] BodyStart { get; init; }
        public required int[] Bodies { get; init; }

        /// <summary>Read once however many ask at once (a million items take seconds to read; 32 searches reading them each took minutes).</summary>
        public static SegmentValues Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new(() => Read(reader))).Value;

        static SegmentValues Read(AtomicReader r)
        {
            var n = r.MaxDoc;
            var (info, starts, item, meeting) = (r.GetNumericDocValues(ItemDocument.Info), r.GetNumericDocValues(ItemDocument.StartsAt), r.GetNumericDocValues(ItemDocument.ItemId), r.GetNumericDocValues(ItemDocument.MeetingId));
            var bodyValues = r.GetBinaryDocValues(ItemDocument.Bodies);
            var (infos, dates, items, meetings, bodyStart, bodies) = (new long[n], new long[n], new int[n], new int[n], new int[n + 1], new List<int>(n));
            var bytes = new Lucene.Net.Util.BytesRef();
            for (var d = 0; d < n; d++)
            {
                (infos[d], dates[d], items[d], meetings[d]) = (info.Get(d), starts.Get(d), (int)item.Get(d), (int)meeting.Get(d));
                bodyValues.Get(d, bytes);
                for (var i = 0; i < bytes.Length; i += 4) bodies.Add(BinaryPrimitives.ReadInt32LittleEndian(bytes.Bytes.AsSpan(bytes.Offset + i)));
                bodyStart[d + 1] = bodies.Count;
            }
            return new SegmentValues { Info = infos, Starts = dates, Item = items, Meeting = meetings, BodyStart = bodyStart, Bodies = [.. bodies] };
        }
    }
}
