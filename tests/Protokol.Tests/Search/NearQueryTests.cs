using CsCheck;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Protokol.Search;

namespace Protokol.Tests.Search;

/// <summary>The near query for a compound's two parts against Lucene's own span query for the same thing.</summary>
public sealed class NearQueryTests
{
    /// <summary>A few words, so that parts meet often, and some stand in both parts' forms.</summary>
    static readonly string[] Words = ["kommun", "plan", "planer", "skol", "reform", "af", "og", "den", "budget", "budg"];

    static readonly (string[] First, string[] Second)[] Compounds =
        [(["kommun"], ["plan", "planer"]), (["skol"], ["reform"]), (["budg", "budget"], ["plan"]), (["plan"], ["plan"]), (["af"], ["kommun", "af"])];

    [Fact]
    public void It_finds_the_documents_a_span_query_with_the_same_reach_finds()
    {
        var texts = Gen.Int[0, Words.Length - 1].Array[0, 40].Select(w => string.Join(' ', w.Select(i => Words[i])));
        Gen.Select(texts.Array[1, 60], Gen.Int[0, Compounds.Length - 1], Gen.Int[1, 12]).Sample((docs, c, distance) =>
        {
            using var directory = new RAMDirectory();
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
                foreach (var (text, i) in docs.Select((t, i) => (t, i)))
                {
                    writer.AddDocument([new TextField("body", text, Field.Store.NO)]);
                    if (i % 17 == 16) writer.Commit(); // several segments
                }
            using var reader = DirectoryReader.Open(directory);
            var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
            var (first, second) = Compounds[c];
            SpanQuery Or(string[] forms) => new SpanOrQuery([.. forms.Select(f => (SpanQuery)new SpanTermQuery(new Term("body", f)))]);
            var spans = Matches(searcher, new SpanNearQuery([Or(first), Or(second)], distance - 1, false));
            var near = Matches(searcher, new NearQuery("body", first, second, distance));
            Assert.Equal(spans.Keys.Order(), near.Keys.Order());
            Assert.All(near.Values, score => Assert.True(score > 0));
        }, iter: 300);
    }

    [Fact]
    public void Parts_side_by_side_rank_above_parts_further_apart()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            writer.AddDocument([new TextField("body", "reform af den skol og den plan", Field.Store.NO)]);
            writer.AddDocument([new TextField("body", "skol reform og den plan af den", Field.Store.NO)]);
            writer.AddDocument([new TextField("body", "skol og og og og og og og og og og reform", Field.Store.NO)]); // 11 apart: no match
        }
        using var reader = DirectoryReader.Open(directory);
        var found = Matches(new IndexSearcher(reader) { Similarity = new BM25Similarity() }, new NearQuery("body", ["skol"], ["reform"], 9));
        Assert.Equal([1, 0], found.OrderByDescending(f => f.Value).Select(f => f.Key));
    }

    static Dictionary<int, float> Matches(IndexSearcher searcher, Query query) =>
        searcher.Search(query, Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
}
