namespace Protokol.Search;

/// <summary>
/// Keeps the portal's search index up with the database: from start-up on (catching up from the change rows, not
/// rebuilding), then every Protokol:Search:PollSeconds (default 1), which also finds changes other processes made
/// (a command-line import). The portal serves meanwhile; the search page says when the index is behind.
/// </summary>
public sealed class SearchFollower(SearchIndex index, IServiceScopeFactory scopes, IConfiguration config, ILogger<SearchFollower> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Protokol:Search:PollSeconds", 1.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var applied = await index.CatchUpAsync(scope.ServiceProvider.GetRequiredService<Storage.ProtokolDb>(), stoppingToken);
                if (applied > 0 && log.IsEnabled(LogLevel.Information)) log.LogInformation("Search index: applied {Count} change rows", applied);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Search index: applying change rows failed; trying again in {Seconds} s", every.TotalSeconds); }
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
