using Npgsql;

namespace Protokol.Storage;

/// <summary>
/// Whether the store takes changes now. On PostgreSQL with a streaming standby beside the primary
/// (<c>postgres://user@primary:5432,standby:5433/db</c>: the primary while it answers, else the standby), a portal
/// whose primary is gone keeps serving reads from the standby, and pages, forms and /sundhed say that changes
/// are unavailable. Asked at most every <see cref="Every"/>; SQLite always takes changes.
/// </summary>
public sealed class StoreStatus(IConfiguration config, TimeProvider clock)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    /// <summary>A connection of its own each time (no pool): a pooled one may be a broken link to a primary that is gone.</summary>
    readonly string? postgres = Database.Configured(config) is var store && Database.IsPostgres(store)
        ? new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(store)) { Pooling = false }.ConnectionString : null;
    int asking;
    /// <summary>When to look again (a timestamp of the clock; 0: at the next request).</summary>
    long lookAt;
    volatile bool readOnly;

    /// <summary>What the last look found: the store answers only as a read-only standby.</summary>
    public bool ReadOnly => readOnly;

    /// <summary>Raised when <see cref="ReadOnly"/> changes (pages that show it are evicted from the cache).</summary>
    public event Func<bool, Task>? Changed;

    /// <summary>Looks again when the last look is older than <see cref="Every"/>; never throws (an unreachable store is not a read-only one).</summary>
    public async Task<bool> ReadOnlyAsync(CancellationToken ct)
    {
        if (postgres is null || clock.GetTimestamp() < Interlocked.Read(ref lookAt)) return readOnly;
        if (Interlocked.Exchange(ref asking, 1) == 1) return readOnly; // another request is looking
        try
        {
            Interlocked.Exchange(ref lookAt, clock.GetTimestamp() + (long)(Every.TotalSeconds * clock.TimestampFrequency));
            bool now;
            try { now = await InRecoveryAsync(postgres, ct); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException) { return readOnly; }
            if (now != readOnly)
            {
                readOnly = now;
                // Pooled connections lead to the server that was left: broken ones to a lost primary, read-only ones
                // to the standby once the primary is back. New ones go where the URL's order now says.
                NpgsqlConnection.ClearAllPools();
                if (Changed is { } changed) await changed(now);
            }
            return now;
        }
        finally { Volatile.Write(ref asking, 0); }
    }

    /// <summary>A write was refused as read-only: look again at the next request instead of waiting out <see cref="Every"/>.</summary>
    public void WriteRefused() => Interlocked.Exchange(ref lookAt, 0);

    /// <summary>Whether the server this connection string reaches first is a standby replaying the primary's log.</summary>
    public static async Task<bool> InRecoveryAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>PostgreSQL refused a change because it is a standby (or another read-only transaction), anywhere in the chain.</summary>
    public static bool IsReadOnlyRefusal(Exception? e) =>
        e switch
        {
            null => false,
            PostgresException { SqlState: "25006" } => true,
            _ => IsReadOnlyRefusal(e.InnerException),
        };
}
