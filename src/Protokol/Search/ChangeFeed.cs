using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Search;

/// <summary>
/// Reads change rows so that none is ever skipped. On SQLite one transaction writes at a time, so sequences commit
/// in order and "after the last sequence applied" is exact. On PostgreSQL a sequence is handed out at insert and
/// transactions commit in another order: a reader that saw 11 may later see 10 commit. There every row also holds
/// the id of the transaction that wrote it, and a row is final once its transaction is older than the oldest one
/// still open anywhere (the snapshot's xmin): every row of such a transaction is visible, or never will be. The
/// index's position is the last final row applied, in (transaction, sequence) order; committed rows of newer
/// transactions are applied early too (so a search finds a change at once), remembered, and not applied again
/// when they become final.
/// </summary>
public static class ChangeFeed
{
    /// <summary>Where the index stands: every final row up to (Transaction, Sequence) is applied. On SQLite Transaction is 0.</summary>
    public readonly record struct Position(long Transaction, long Sequence);

    /// <summary>A change row and the transaction that wrote it (0 on SQLite).</summary>
    public sealed class Row
    {
        public required ContentChange Change { get; init; }
        public long Transaction { get; init; }
    }

    /// <summary>Final rows after <paramref name="after"/>, in position order.</summary>
    public static async Task<List<Row>> FinalAsync(ProtokolDb db, Position after, int batch, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb)
            return [.. (await db.ContentChanges.AsNoTracking().Where(c => c.Sequence > after.Sequence).OrderBy(c => c.Sequence).Take(batch).ToListAsync(ct))
                .Select(c => new Row { Change = c })];
        var horizon = await HorizonAsync(db, ct);
        return await After(db, after).Where(r => r.Transaction < horizon)
            .OrderBy(r => r.Transaction).ThenBy(r => r.Change.Sequence).Take(batch).ToListAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: the committed rows after <paramref name="after"/> not yet applied (none on SQLite, where every
    /// visible row is final): asked right after <see cref="FinalAsync"/> found none, these are the rows of transactions
    /// that were not final then (some may be by now: they are applied all the same, and skipped when they come as final).
    /// </summary>
    public static async Task<List<ContentChange>> AheadAsync(ProtokolDb db, Position after, IReadOnlyCollection<long> early, int batch, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb) return [];
        var known = early.ToArray();
        return await After(db, after).Where(r => !known.Contains(r.Change.Sequence))
            .OrderBy(r => r.Change.Sequence).Take(batch).Select(r => r.Change).ToListAsync(ct);
    }

    /// <summary>How many rows after <paramref name="after"/> are not yet applied (those in <paramref name="early"/> are).</summary>
    public static async Task<long> PendingAsync(ProtokolDb db, Position after, IReadOnlyCollection<long> early, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb) return await db.ContentChanges.LongCountAsync(c => c.Sequence > after.Sequence, ct);
        var list = early.ToArray();
        return await After(db, after).LongCountAsync(r => !list.Contains(r.Change.Sequence), ct);
    }

    /// <summary>The position just past every final row: where a reader that only wants what comes next starts.</summary>
    public static async Task<Position> LatestFinalAsync(ProtokolDb db, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb) return new(0, await db.ContentChanges.MaxAsync(c => (long?)c.Sequence, ct) ?? 0);
        var horizon = await HorizonAsync(db, ct);
        var last = await After(db, new(0, 0)).Where(r => r.Transaction < horizon)
            .OrderByDescending(r => r.Transaction).ThenByDescending(r => r.Change.Sequence).FirstOrDefaultAsync(ct);
        return last is null ? new(0, 0) : new(last.Transaction, last.Change.Sequence);
    }

    static IQueryable<Row> After(ProtokolDb db, Position after) =>
        db.ContentChanges.AsNoTracking()
            .Select(c => new Row { Change = c, Transaction = EF.Property<long>(c, PostgresProtokolDb.TransactionColumn) })
            .Where(r => r.Transaction > after.Transaction || (r.Transaction == after.Transaction && r.Change.Sequence > after.Sequence));

    /// <summary>The oldest transaction still open on the server: every older one has committed or rolled back.</summary>
    static async Task<long> HorizonAsync(ProtokolDb db, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<long>("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(ct);
}
