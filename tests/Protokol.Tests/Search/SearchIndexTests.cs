using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Meetings;
using Protokol.Search;

namespace Protokol.Tests.Search;

/// <summary>The index follows the database through change rows written with every change, whatever made it.</summary>
public sealed class SearchIndexTests : IDisposable
{
    readonly TempDatabase database = new();
    string IndexFolder => database.SearchFolder;

    static async Task<int> Found(SearchIndex index, Protokol.Storage.ProtokolDb db, string q) =>
        (await index.SearchAsync(db, new SearchQuery(q, Access: ReadAccess.From(null)), default)).Total;

    [Fact]
    public async Task A_new_import_of_a_meeting_replaces_its_items_in_the_index()
    {
        var path = Path.Combine(database.Folder, "referat.txt");
        var text = Samples.KoldingText(Samples.Feb2025);
        await File.WriteAllTextAsync(path, text);
        await using var db = database.Open();
        using var index = SearchIndex.Open(IndexFolder, applyBeforeSearch: 0);

        await new ArchiveImport(db).ImportAsync(path);
        Assert.Equal(0, await Found(index, db, "Trapholt")); // not applied yet: the index is behind, and says so
        Assert.Equal(1, (await index.SearchAsync(db, new SearchQuery("Trapholt"), default)).IndexLag);
        await index.CatchUpAsync(db, default);
        Assert.True(await Found(index, db, "Trapholt") > 0);

        await File.WriteAllTextAsync(path, text.Replace("Trapholt", "Kunstmuseet", StringComparison.Ordinal));
        await new ArchiveImport(db).ImportAsync(path);
        Assert.Equal(1, await index.CatchUpAsync(db, default));
        Assert.Equal(0, await Found(index, db, "Trapholt"));
        Assert.True(await Found(index, db, "Kunstmuseet") > 0);
        Assert.Equal(await db.Items.CountAsync(), index.Documents);
    }

    [Fact]
    public async Task A_search_asked_again_is_answered_as_before_page_by_page_until_the_index_changes()
    {
        await using var db = database.Open();
        foreach (var f in Samples.GreveFiles.Take(20)) await new ArchiveImport(db).ImportAsync(f);
        using var index = SearchIndex.Open(IndexFolder);
        await index.CatchUpAsync(db, default);
        var everyone = ReadAccess.From(null);
        // One page of everything, as a member sees it (their answers are never kept), against the public's pages of 7.
        var member = ReadAccess.From([.. await db.Meetings.Select(m => m.Id).ToListAsync()]);
        var whole = await index.SearchAsync(db, new SearchQuery("udvalget", PageSize: 10_000, Access: member), default);
        Assert.True(whole.Total > 150, $"{whole.Total} hits: too few to page past the kept ids");
        var paged = new List<int>();
        for (var page = 1; paged.Count < whole.Total; page++)
        {
            var answer = await index.SearchAsync(db, new SearchQuery("udvalget", Page: page, PageSize: 7, Access: everyone), default);
            Assert.Equal(whole.Total, answer.Total);
            Assert.Equal(whole.Years, answer.Years);
            Assert.Equal(whole.Bodies, answer.Bodies);
            Assert.NotEmpty(answer.Hits);
            paged.AddRange(answer.Hits.Select(h => h.ItemId));
        }
        Assert.Equal(whole.Hits.Select(h => h.ItemId), paged);

        // The same search asked by many at once, as after a change: one pass over the matches, one answer for all.
        var before = index.PassesMade;
        var together = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await using var own = database.Open();
            return await index.SearchAsync(own, new SearchQuery("budget udvalget", Access: everyone), default);
        })));
        Assert.Equal(1, index.PassesMade - before);
        Assert.All(together, t => Assert.Equal(together[0].Hits.Select(h => h.ItemId), t.Hits.Select(h => h.ItemId)));
        Assert.True(together[0].Total > 0);

        Assert.Equal(0, await Found(index, db, "qwyxtrup")); // kept as the answer of this state of the index
        var item = await db.Items.OrderBy(i => i.Id).FirstAsync();
        item.Title += " Qwyxtrup";
        await db.SaveChangesAsync();
        Assert.Equal(1, await Found(index, db, "qwyxtrup")); // the change opened a new state: asked afresh
        Assert.Equal(whole.Total, (await index.SearchAsync(db, new SearchQuery("udvalget", Access: everyone), default)).Total);
    }

    [Fact]
    public async Task A_search_cut_into_parts_on_several_cores_finds_what_one_pass_finds()
    {
        await using var db = database.Open();
        using var index = SearchIndex.Open(IndexFolder);
        index.AnswersKept = 0;
        foreach (var batch in Samples.GreveFiles.Take(24).Chunk(8)) // a segment a batch: the cuts run across segments
        {
            foreach (var f in batch) await new ArchiveImport(db).ImportAsync(f);
            await index.CatchUpAsync(db, default);
        }
        var body = await db.Bodies.OrderBy(b => b.Id).Select(b => b.Slug).FirstAsync();
        var year = await db.Meetings.Select(m => m.StartsAt.Year).FirstAsync();
        var asked = new List<SearchQuery>();
        foreach (var access in new[] { ReadAccess.None, ReadAccess.From(null) })
            foreach (var q in new[] { "udvalget", "budget", "lokalplan", "skole", "kommuneplan", "orientering tages til efterretning" })
            {
                asked.Add(new(q, Access: access));
                asked.Add(new(q, Page: 3, PageSize: 7, Access: access));
                asked.Add(new(q, Body: body, Year: year, Access: access));
                asked.Add(new(q, Outcome: DecisionOutcome.Approved, PageSize: 0, Access: access));
            }
        var checkedHits = 0;
        foreach (var query in asked)
        {
            (index.ParallelFromItems, index.SearchThreads) = (int.MaxValue, 1);
            var one = await index.SearchAsync(db, query, default);
            (index.ParallelFromItems, index.SearchThreads) = (0, 3);
            var cut = await index.SearchAsync(db, query, default);
            Assert.Equal(one.Total, cut.Total);
            Assert.Equal(one.Bodies, cut.Bodies);
            Assert.Equal(one.Years, cut.Years);
            Assert.Equal(one.Outcomes, cut.Outcomes);
            Assert.Equal(one.Hits.Select(h => h.ItemId), cut.Hits.Select(h => h.ItemId));
            checkedHits += one.Hits.Count;
        }
        Assert.True(checkedHits > 200, $"only {checkedHits} hits compared");
    }

    [Fact]
    public async Task Editing_a_section_writes_one_change_row_in_its_save_and_a_refused_save_writes_none()
    {
        await using var db = database.Open();
        await new ArchiveImport(db).ImportAsync(Samples.Kolding(Samples.Feb2025));
        using var index = SearchIndex.Open(IndexFolder);
        await index.CatchUpAsync(db, default);
        var before = await SearchIndex.LatestSequenceAsync(db, default);

        var section = await db.Sections.OrderBy(s => s.Id).FirstAsync(s => s.Kind == SectionKind.Decision);
        section.Text += " Udvalget bad om en ekstra redegørelse for vandrensningsanlægget.";
        await db.SaveChangesAsync();

        var rows = await db.ContentChanges.Where(c => c.Sequence > before).ToListAsync();
        Assert.Equal(section.AgendaItemId, Assert.Single(rows).ItemId);
        Assert.Equal(1, await Found(index, db, "vandrensningsanlæggets")); // a search applies a few pending rows itself
        Assert.Equal(0, await index.LagAsync(db, default));

        // Approved minutes made here are frozen: the save is refused whole, change row included.
        await db.Meetings.ExecuteUpdateAsync(s => s.SetProperty(m => m.SourceKey, FinalMinutes.AppMade + "test").SetProperty(m => m.State, MeetingState.MinutesApproved));
        var latest = await SearchIndex.LatestSequenceAsync(db, default);
        section.Text += " Mere.";
        await Assert.ThrowsAsync<FinalMinutesException>(() => db.SaveChangesAsync());
        Assert.Equal(latest, await SearchIndex.LatestSequenceAsync(db, default));
    }

    [Fact]
    public async Task A_restarted_index_applies_only_the_rows_it_lacks_and_a_lost_one_is_built_again_from_them()
    {
        await using var db = database.Open();
        foreach (var f in Samples.KoldingFiles) await new ArchiveImport(db).ImportAsync(f);
        var rows = await db.ContentChanges.CountAsync();
        using (var index = SearchIndex.Open(IndexFolder)) Assert.Equal(rows, await index.CatchUpAsync(db, default));

        var item = await db.Items.OrderBy(i => i.Id).FirstAsync();
        item.Title += " (revideret)";
        await db.SaveChangesAsync();
        using (var index = SearchIndex.Open(IndexFolder))
        {
            Assert.Equal(rows, index.AppliedSequence);
            Assert.Equal(1, await index.CatchUpAsync(db, default));
            Assert.Equal(1, await Found(index, db, "revideret"));
        }

        Directory.Delete(IndexFolder, recursive: true);
        using (var index = SearchIndex.Open(IndexFolder))
        {
            Assert.Equal(rows + 1, await index.CatchUpAsync(db, default));
            Assert.Equal(await db.Items.CountAsync(), index.Documents);
            Assert.Equal(1, await Found(index, db, "revideret"));
        }
    }

    public void Dispose() => database.Dispose();
}
