using System.Reflection;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>
/// /sundhed, for monitoring and load balancers: whether the database answers (503 if not), how many change rows
/// the search index lacks, whether changes are possible (not while only a standby answers), and which version runs.
/// </summary>
public static class Health
{
    static readonly string Version = typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/sundhed", async (ProtokolDb db, SearchIndex index, StoreStatus store, CancellationToken ct) =>
    {
        long? latest, lag;
        try
        {
            latest = await SearchIndex.LatestSequenceAsync(db, ct);
            lag = await index.LagAsync(db, ct);
        }
        catch (System.Data.Common.DbException) { (latest, lag) = (null, null); }
        var applied = index.AppliedSequence;
        // A node reading from a standby serves reads: healthy for a load balancer, but it takes no changes.
        var writable = latest is null ? (bool?)null : !await store.ReadOnlyAsync(ct);
        return Results.Json(new
        {
            status = latest is null ? "database unreachable" : writable == false ? "read only" : lag > 0 ? "search index behind" : "ok",
            version = Version,
            database = new { reachable = latest is not null, writable },
            search = new { appliedSequence = applied, latestSequence = latest, lag },
        }, statusCode: latest is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    });
}
