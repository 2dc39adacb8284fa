using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Protokol.Search;

/// <summary>
/// Two parts of a compound near each other in one field, in either order ("reform af skolen" for "skolereform"):
/// a match is an occurrence of a stem of each within <c>distance</c> positions. What a <see cref="Lucene.Net.Search.Spans.SpanNearQuery"/>
/// of two <see cref="Lucene.Net.Search.Spans.SpanOrQuery"/>s with slop <c>distance - 1</c> matches, scored the same
/// way (BM25 over the sum of the matches' slop factors), without the spans' objects and queues: at 1M items the
/// parts of "kommuneplan" both stand in most items, and the span query took most of a cold search's 390 ms.
/// </summary>
public sealed class NearQuery(string fieldName, IReadOnlyList<string> first, IReadOnlyList<string> second, int distance) : Query
{
    public string Field => fieldName;
    public IReadOnlyList<string> First => first;
    public IReadOnlyList<string> Second => second;
    public int Distance => distance;

    public override Weight CreateWeight(IndexSearcher searcher) => new NearWeight(this, searcher);

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var stem in first.Concat(second)) terms.Add(new Term(fieldName, stem));
    }

    public override string ToString(string field) =>
        $"near({fieldName}:{string.Join('|', first)}, {fieldName}:{string.Join('|', second)}, {distance})^{Boost}";

    public override bool Equals(object? obj) =>
        obj is NearQuery o && o.Boost == Boost && o.Field == fieldName && o.Distance == distance && o.First.SequenceEqual(first) && o.Second.SequenceEqual(second);

    public override int GetHashCode() => HashCode.Combine(fieldName, distance, string.Join('|', first), string.Join('|', second), Boost);

    sealed class NearWeight : Weight
    {
        readonly NearQuery query;
        readonly Similarity similarity;
        readonly Similarity.SimWeight stats;
        readonly (Term Term, TermContext Context)[] firsts, seconds;

        public NearWeight(NearQuery query, IndexSearcher searcher)
        {
            this.query = query;
            similarity = searcher.Similarity;
            (Term, TermContext)[] Contexts(IEnumerable<string> stems) =>
                [.. stems.Distinct(StringComparer.Ordinal).Select(s => new Term(query.Field, new BytesRef(s))).Select(t => (t, TermContext.Build(searcher.TopReaderContext, t)))];
            (firsts, seconds) = (Contexts(query.First), Contexts(query.Second));
            var terms = firsts.Concat(seconds).DistinctBy(t => t.Term.Text).Select(t => searcher.TermStatistics(t.Term, t.Context)).ToArray();
            stats = similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Field), terms);
        }

        public override Query Query => query;

        public override float GetValueForNormalization() => stats.GetValueForNormalization();

        public override void Normalize(float norm, float topLevelBoost) => stats.Normalize(norm, topLevelBoost);

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            var terms = context.AtomicReader.GetTerms(query.Field);
            if (terms is null) return null;
            var a = Positions(context, terms, firsts, acceptDocs);
            var b = a.Length == 0 ? [] : Positions(context, terms, seconds, acceptDocs);
            return b.Length == 0 ? null : new NearScorer(this, a, b, query.Distance, similarity.GetSimScorer(stats, context));
        }

        static DocsAndPositionsEnum[] Positions(AtomicReaderContext context, Terms terms, (Term Term, TermContext Context)[] stems, IBits acceptDocs)
        {
            var found = new List<DocsAndPositionsEnum>();
            foreach (var (term, termContext) in stems)
            {
                if (termContext.Get(context.Ord) is not { } state) continue;
                var each = terms.GetEnumerator();
                each.SeekExact(term.Bytes, state);
                if (each.DocsAndPositions(acceptDocs, null, DocsAndPositionsFlags.NONE) is { } docs) found.Add(docs);
            }
            return [.. found];
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var scorer = GetScorer(context, context.AtomicReader.LiveDocs);
            if (scorer is null || scorer.Advance(doc) != doc) return new Explanation(0, "no match");
            return new Explanation(scorer.GetScore(), $"{query}, matches weighing {((NearScorer)scorer).Weighed}");
        }
    }

    /// <summary>The documents holding a stem of each part (leapfrogging the two), kept where two occurrences stand near each other.</summary>
    sealed class NearScorer(Weight weight, DocsAndPositionsEnum[] first, DocsAndPositionsEnum[] second, int distance, Similarity.SimScorer scorer) : Scorer(weight)
    {
        int doc = -1;
        int[] a = new int[16], b = new int[16];

        /// <summary>The current document's matches, each weighed by how near (1 beside, less further apart).</summary>
        public float Weighed { get; private set; }

        public override int DocID => doc;

        public override int Freq => (int)Math.Ceiling(Weighed);

        public override float GetScore() => scorer.Score(doc, Weighed);

        public override long GetCost() => Math.Min(first.Sum(d => d.GetCost()), second.Sum(d => d.GetCost()));

        public override int NextDoc() => Advance(doc + 1);

        public override int Advance(int target)
        {
            while (true)
            {
                var x = AtLeast(first, target);
                if (x == NO_MORE_DOCS) return doc = NO_MORE_DOCS;
                var y = AtLeast(second, x);
                if (y == NO_MORE_DOCS) return doc = NO_MORE_DOCS;
                if (y == x && Near(x)) return doc = x;
                target = y == x ? x + 1 : y;
            }
        }

        /// <summary>Moves each enum of a part to its first document at or after <paramref name="target"/>; the least of them.</summary>
        static int AtLeast(DocsAndPositionsEnum[] part, int target)
        {
            var least = NO_MORE_DOCS;
            foreach (var d in part)
            {
                var at = d.DocID;
                if (at < target) at = d.Advance(target);
                least = Math.Min(least, at);
            }
            return least;
        }

        bool Near(int at)
        {
            var (n, m) = (Read(first, at, ref a), Read(second, at, ref b));
            var weighed = 0f;
            // For each occurrence of the first part, the nearest of the second (both lists in order).
            for (int i = 0, j = 0; i < n; i++)
            {
                while (j + 1 < m && b[j + 1] <= a[i]) j++;
                var gap = Math.Abs(b[j] - a[i]);
                if (j + 1 < m) gap = Math.Min(gap, b[j + 1] - a[i]);
                if (gap <= distance) weighed += scorer.ComputeSlopFactor(gap + 1);
            }
            Weighed = weighed;
            return weighed > 0;
        }

        /// <summary>The positions of a part's stems in document <paramref name="at"/>, in order.</summary>
        static int Read(DocsAndPositionsEnum[] part, int at, ref int[] into)
        {
            var n = 0;
            var merged = 0;
            foreach (var d in part)
            {
                if (d.DocID != at) continue;
                var freq = d.Freq;
                if (into.Length < n + freq) Array.Resize(ref into, Math.Max(n + freq, into.Length * 2));
                for (var k = 0; k < freq; k++) into[n++] = d.NextPosition();
                merged++;
            }
            if (merged > 1) Array.Sort(into, 0, n);
            return n;
        }
    }
}
