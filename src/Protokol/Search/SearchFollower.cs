using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Protokol.Search;

/// <summary>
/// Keeps the portal's search index up with the database: from start-up on (catching up from the change rows, not
/// rebuilding), then every Protokol:Search:PollSeconds (default 1), which also finds changes other processes made
/// (a command-line import, another web node). On PostgreSQL it also listens for the notice every transaction that
/// writes change rows sends at commit (<see cref="Channel"/>), so another node's change is applied at once; polling
/// stays, in case the listening connection is lost. The portal serves meanwhile; the search page says when the
/// index is behind.
/// </summary>
public sealed class SearchFollower(SearchIndex index, IServiceScopeFactory scopes, IConfiguration config, ILogger<SearchFollower> log) : BackgroundService
{
    /// <summary>The PostgreSQL notification channel a trigger on the change rows notifies (migration ChangeNotifications).</summary>
    public const string Channel = "protokol_changes";
    bool listenFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Protokol:Search:PollSeconds", 1.0));
        string? postgres = null;
        NpgsqlConnection? listener = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<Storage.ProtokolDb>();
                    if (db is Storage.PostgresProtokolDb) postgres ??= db.Database.GetConnectionString();
                    var applied = await index.CatchUpAsync(db, stoppingToken);
                    if (applied > 0 && log.IsEnabled(LogLevel.Information)) log.LogInformation("Search index: applied {Count} change rows", applied);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e) { log.LogError(e, "Search index: applying change rows failed; trying again in {Seconds} s", every.TotalSeconds); }
                try { listener = await WaitAsync(postgres, listener, every, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
        finally
        {
            if (listener is not null) await listener.DisposeAsync();
        }
    }

    /// <summary>Until a notice arrives or <paramref name="every"/> has passed; returns the listening connection to keep.</summary>
    async Task<NpgsqlConnection?> WaitAsync(string? postgres, NpgsqlConnection? listener, TimeSpan every, CancellationToken ct)
    {
        if (postgres is null)
        {
            await Task.Delay(every, ct);
            return null;
        }
        try
        {
            if (listener is null)
            {
                listener = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await listener.OpenAsync(ct);
                await using var command = new NpgsqlCommand($"LISTEN {Channel}", listener);
                await command.ExecuteNonQueryAsync(ct);
            }
            listenFailed = false;
            await listener.WaitAsync(every, ct);
            return listener;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // Said once until listening works again (a standby, where LISTEN is refused, may serve for hours).
            if (!listenFailed && log.IsEnabled(LogLevel.Warning)) log.LogWarning("Search index: listening for changes failed ({Message}); polling every {Seconds} s", e.Message, every.TotalSeconds);
            listenFailed = true;
            if (listener is not null) await listener.DisposeAsync();
            await Task.Delay(every, ct);
            return null;
        }
    }
}
