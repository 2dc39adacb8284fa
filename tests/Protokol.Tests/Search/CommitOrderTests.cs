using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Tests.Search;

/// <summary>
/// On PostgreSQL a change row's sequence is handed out at insert, and transactions commit in another order: the
/// index must never skip a row that commits after one with a larger sequence (<see cref="ChangeFeed"/>).
/// </summary>
public sealed class CommitOrderTests : IDisposable
{
    readonly TempDatabase database = new();

    static async Task<int> Found(SearchIndex index, ProtokolDb db, string q) =>
        (await index.SearchAsync(db, new SearchQuery(q, Access: ReadAccess.From(null)), default)).Total;

    static async Task<long> XactId(ProtokolDb db) =>
        await db.Database.SqlQueryRaw<long>("SELECT pg_current_xact_id()::text::bigint AS \"Value\"").SingleAsync();

    [PostgresFact]
    public async Task A_change_that_commits_after_a_later_numbered_one_is_still_applied()
    {
        await using (var setup = database.Open())
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(setup).ImportAsync(Samples.Kolding(Samples.Feb2025))).Outcome);
        await using var reader = database.Open();
        using var index = SearchIndex.Open(database.SearchFolder, applyBeforeSearch: 0);
        await index.CatchUpAsync(reader, default);
        var items = await reader.Items.OrderBy(i => i.Id).Select(i => i.Id).Take(2).ToListAsync();

        await using var first = database.Open();
        await using var second = database.Open();
        // The second transaction is the older one (its id is taken first), but writes its change row last.
        await using var secondTx = await second.Database.BeginTransactionAsync();
        var secondId = await XactId(second);
        await using var firstTx = await first.Database.BeginTransactionAsync();
        Assert.True(await XactId(first) > secondId);
        (await first.Items.SingleAsync(i => i.Id == items[0])).Title = "Skøjtebanen på Axeltorv";
        await first.SaveChangesAsync();
        (await second.Items.SingleAsync(i => i.Id == items[1])).Title = "Cykelstien langs fjorden";
        await second.SaveChangesAsync();
        var firstRow = await first.ContentChanges.MaxAsync(c => c.Sequence);
        var secondRow = await second.ContentChanges.MaxAsync(c => c.Sequence);
        Assert.True(firstRow < secondRow); // numbered in the order written

        // The larger number commits first; the smaller is still in flight.
        await secondTx.CommitAsync();
        await index.CatchUpAsync(reader, default);
        Assert.Equal(1, await Found(index, reader, "cykelstien")); // applied at once, though not final
        Assert.Equal(0, await Found(index, reader, "skøjtebanen"));
        Assert.Equal(0, await index.LagAsync(reader, default)); // nothing visible is missing

        await firstTx.CommitAsync();
        Assert.Equal(1, await index.LagAsync(reader, default));
        await index.CatchUpAsync(reader, default);
        Assert.Equal(1, await Found(index, reader, "skøjtebanen")); // a follower reading "after 11" would never apply 10
        Assert.Equal(1, await Found(index, reader, "cykelstien"));
        Assert.Equal(0, await index.LagAsync(reader, default));
        Assert.Equal(secondRow, index.AppliedSequence);

        // A reopened index stands at its last final row (rows it applied early, while other transactions on the
        // server were open, it applies again): nothing is lost, nothing is doubled.
        index.Dispose();
        using var reopened = SearchIndex.Open(database.SearchFolder, applyBeforeSearch: 0);
        await reopened.CatchUpAsync(reader, default);
        Assert.Equal(0, await reopened.LagAsync(reader, default));
        Assert.Equal(1, await Found(reopened, reader, "skøjtebanen"));
        Assert.Equal(1, await Found(reopened, reader, "cykelstien"));
        Assert.Equal(await reader.Items.CountAsync(), reopened.Documents);
    }

    [PostgresFact]
    public async Task A_rolled_back_change_leaves_a_gap_that_holds_nothing_up()
    {
        await using (var setup = database.Open())
            await new ArchiveImport(setup).ImportAsync(Samples.Kolding(Samples.Feb2025));
        await using var reader = database.Open();
        using var index = SearchIndex.Open(database.SearchFolder, applyBeforeSearch: 0);
        await index.CatchUpAsync(reader, default);
        var item = await reader.Items.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();

        await using (var abandoned = database.Open())
        {
            await using var tx = await abandoned.Database.BeginTransactionAsync();
            (await abandoned.Items.SingleAsync(i => i.Id == item)).Title = "Fortrudt titel";
            await abandoned.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await using (var kept = database.Open())
        {
            (await kept.Items.SingleAsync(i => i.Id == item)).Title = "Havnebadet åbner";
            await kept.SaveChangesAsync();
        }
        await index.CatchUpAsync(reader, default);
        Assert.Equal(1, await Found(index, reader, "havnebadet"));
        Assert.Equal(0, await Found(index, reader, "fortrudt"));
        Assert.Equal(0, await index.LagAsync(reader, default));
    }

    public void Dispose() => database.Dispose();
}
