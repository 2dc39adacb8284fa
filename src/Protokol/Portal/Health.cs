using System.Reflection;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>
/// /sundhed, for monitoring and load balancers: whether the database answers (503 if not), how many change rows
/// the search index lacks, and which version runs.
/// </summary>
public static class Health
{
    static readonly string Version = typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/sundhed", async (ProtokolDb db, SearchIndex index, CancellationToken ct) =>
    {
        long? latest, lag;
        try
        {
            latest = await SearchIndex.LatestSequenceAsync(db, ct);
            lag = await index.LagAsync(db, ct);
        }
        catch (System.Data.Common.DbException) { (latest, lag) = (null, null); }
        var applied = index.AppliedSequence;
        return Results.Json(new
        {
            status = latest is null ? "database unreachable" : lag > 0 ? "search index behind" : "ok",
            version = Version,
            database = new { reachable = latest is not null },
            search = new { appliedSequence = applied, latestSequence = latest, lag },
        }, statusCode: latest is null ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    });
}
