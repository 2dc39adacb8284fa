using Npgsql;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>
/// The portal while its primary database is gone and a standby answers (<see cref="StoreStatus"/>): pages are read
/// as usual and carry a notice, a change is answered with a 503 page that says changes are unavailable, and a read
/// that met a connection the lost primary broke is read again on a new one.
/// </summary>
public static class ReadOnlyStore
{
    public static IServiceCollection AddStoreStatus(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var status = new StoreStatus(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>());
            // Cached pages carry the notice, or lack it: none of them is right any more.
            status.Changed += _ => sp.GetRequiredService<PageCacheEviction>().EvictAsync([PageCache.All]);
            return status;
        });

    /// <summary>Before the output cache, so that a change of state evicts the pages before one is answered from it.</summary>
    public static IApplicationBuilder UseStoreStatus(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var status = http.RequestServices.GetRequiredService<StoreStatus>();
        await status.ReadOnlyAsync(http.RequestAborted);
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        try { await next(http); }
        catch (Exception e) when (ConnectionLost(e) && !http.Response.HasStarted)
        {
            // Every pooled connection to the lost server is broken alike: drop them all, and read once more.
            NpgsqlConnection.ClearAllPools();
            status.WriteRefused();
            await status.ReadOnlyAsync(http.RequestAborted);
            await next(http);
        }
    });

    /// <summary>Whether this request's page should say that changes are unavailable.</summary>
    public static bool IsReadOnly(this HttpContext http) => http.RequestServices.GetService<StoreStatus>()?.ReadOnly == true;

    /// <summary>The connection's server went away (shut down, restarted, unreachable), anywhere in the chain.</summary>
    static bool ConnectionLost(Exception? e) => e switch
    {
        null => false,
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException } => true,
        NpgsqlException n when n.IsTransient => true,
        _ => ConnectionLost(e.InnerException),
    };
}
