using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Meetings;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Tests.Search;

/// <summary>
/// Recall and precision of three ways to match Danish words, on the Greve archive and the judged queries in
/// compound-judgments.tsv: today's exact stems, every stem a prefix (as the old FTS5 engine did), and the product's
/// search with compounds split. The first two are references built here over the public items; the third is
/// <see cref="SearchIndex"/> itself.
/// </summary>
public sealed class CompoundQuality : IAsyncDisposable
{
    public const int Depth = 10;
    public static readonly string[] Methods = ["exact stems", "stem prefixes", "compounds split"];

    readonly TempDatabase database = new();
    readonly RAMDirectory plain = new();
    ProtokolDb db = null!;
    SearchIndex index = null!;
    DirectoryReader reader = null!;
    Dictionary<int, string> keys = [];

    /// <summary>Imports the 198 Greve meetings into a new database and builds the indexes (about a minute).</summary>
    public static async Task<CompoundQuality> BuildAsync()
    {
        var q = new CompoundQuality();
        q.db = q.database.Open();
        foreach (var f in Samples.GreveFiles) await new ArchiveImport(q.db).ImportAsync(f);
        q.index = SearchIndex.Open(q.database.SearchFolder, applyBeforeSearch: 0);
        await q.index.CatchUpAsync(q.db, default);
        var items = await q.db.Items.AsNoTracking().Include(i => i.Sections).Include(i => i.Meeting)
            .Where(i => !i.IsClosed && (i.Meeting.State == MeetingState.AgendaPublished || i.Meeting.State == MeetingState.MinutesPublished))
            .OrderBy(i => i.Id).ToListAsync();
        using (var writer = new IndexWriter(q.plain, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() }))
            foreach (var item in items)
                writer.AddDocument(
                [
                    new StringField("id", item.Id.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
                    new TextField(ItemDocument.Title, DanishText.Stems(item.Title), Field.Store.NO),
                    new TextField(ItemDocument.Body, DanishText.Stems(string.Join('\n', item.Sections.Select(s => s.Text).Prepend(item.CaseNumber ?? ""))), Field.Store.NO),
                ]);
        q.reader = DirectoryReader.Open(q.plain);
        q.keys = await q.db.Items.AsNoTracking().Select(i => new { i.Id, i.Number, i.Meeting.SourceKey }).ToDictionaryAsync(i => i.Id, i => Key(i.SourceKey, i.Number));
        return q;
    }

    /// <summary>An item named as the archive names it: its meeting's source (the publication site's id) and its number.</summary>
    public static string Key(string sourceKey, string number) => $"{sourceKey}#{number}";

    /// <summary>Every item a method finds for the query, best first, by key.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string method, string text)
    {
        if (method == Methods[2])
        {
            var result = await index.SearchAsync(db, new SearchQuery(text, PageSize: 10_000), default);
            return [.. result.Hits.Select(h => keys[h.ItemId])];
        }
        var match = new BooleanQuery();
        foreach (var asked in new SearchQuery(text).Asked)
        {
            var word = new BooleanQuery();
            foreach (var stem in method == Methods[0] ? asked.Forms : [DanishText.Stem(asked.Word)])
                foreach (var (field, boost) in new[] { (ItemDocument.Title, 4f), (ItemDocument.Body, 1f) })
                    word.Add(method == Methods[0]
                        ? new TermQuery(new Term(field, stem)) { Boost = boost }
                        : new PrefixQuery(new Term(field, stem)) { Boost = boost, MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(512) }, Occur.SHOULD);
            match.Add(word, Occur.MUST);
        }
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var top = searcher.Search(match, 10_000);
        return [.. top.ScoreDocs.Select(d => keys[int.Parse(searcher.Doc(d.Doc).Get("id", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)])];
    }

    /// <summary>The item's title and a passage around the words a search for the query marks, for judging it.</summary>
    public async Task<string> DescribeAsync(string key, string query)
    {
        var id = keys.First(k => k.Value == key).Key;
        var item = await db.Items.AsNoTracking().Include(i => i.Sections).SingleAsync(i => i.Id == id);
        var asked = new SearchQuery(query).Asked;
        var stems = asked.SelectMany(a => a.Forms.Concat(Decompounder.Split(a.Word, Lexicon.Installed.Contains).SelectMany(DanishText.Forms))).ToHashSet(StringComparer.Ordinal);
        var text = string.Join("\n", item.Sections.OrderBy(s => s.Order).Select(s => s.Text));
        var passage = Snippet.Html(text, stems, s => Lexicon.Installed.Contains(s) || stems.Contains(s), 300);
        return $"{item.Title} :: {System.Net.WebUtility.HtmlDecode(passage).ReplaceLineEndings(" ")}";
    }

    /// <summary>Precision at <see cref="Depth"/> and recall (of the judged relevant items, how many the method finds at all), averaged over the queries.</summary>
    public async Task<(double Precision, double Recall)> MeasureAsync(string method, IReadOnlyList<Judgment> judged)
    {
        var each = await EachAsync(method, judged);
        return (each.Average(e => e.Precision), each.Average(e => e.Recall));
    }

    /// <summary>Precision at <see cref="Depth"/> and recall of each query.</summary>
    public async Task<List<(double Precision, double Recall)>> EachAsync(string method, IReadOnlyList<Judgment> judged)
    {
        var each = new List<(double, double)>();
        foreach (var j in judged)
        {
            var found = await FindAsync(method, j.Query);
            each.Add((found.Take(Depth).Count(j.Relevant.Contains) / (double)Depth,
                j.Relevant.Count == 0 ? 1 : found.Count(j.Relevant.Contains) / (double)j.Relevant.Count)); // nothing to find: nothing missed
        }
        return each;
    }

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        plain.Dispose();
        index.Dispose();
        await db.DisposeAsync();
        database.Dispose();
    }
}

/// <summary>A judged query: the pooled items read and found relevant, and all it was judged on.</summary>
public sealed record Judgment(string Query, IReadOnlySet<string> Relevant, IReadOnlySet<string> Judged)
{
    public static readonly string File = Path.Combine(Samples.RepoRoot, "tests", "Protokol.Tests", "Search", "compound-judgments.tsv");

    /// <summary>Lines of "query TAB item key TAB 1 or 0"; # starts a comment.</summary>
    public static IReadOnlyList<Judgment> Load() =>
        [.. System.IO.File.ReadLines(File).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'))
            .GroupBy(f => f[0], StringComparer.Ordinal)
            .Select(g => new Judgment(g.Key, g.Where(f => f[2] == "1").Select(f => f[1]).ToHashSet(StringComparer.Ordinal), g.Select(f => f[1]).ToHashSet(StringComparer.Ordinal)))];
}
