using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Protokol.Meetings;

namespace Protokol.Portal;

/// <summary>
/// Evicts the cached pages a save changes, on this node, once the save has committed: so whoever publishes (and
/// the next citizen) sees the change at once, and no request between eviction and commit can cache the old page
/// again. Every tracked change counts, not only those that write change rows (participants, attachments, bodies,
/// seats); an entity type not known to stay off the public pages empties the whole cache.
/// </summary>
public sealed class PageCacheEviction(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Seen only by signed-in people or by nobody on a page: their changes evict nothing.</summary>
    static readonly HashSet<Type> NotOnPublicPages =
    [
        typeof(Accounts.Account), typeof(Accounts.SecretaryBody), typeof(Accounts.PasswordLink), typeof(Accounts.AuditEntry),
        typeof(Accounts.AccessLogEntry), typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        typeof(AgendaReview), typeof(WaitingCase), typeof(StoredFile), typeof(Mail.OutboundMail), typeof(Mail.Subscription),
        typeof(Search.ContentChange),
    ];

    /// <summary>Tags of changes saved but not yet committed, per context.</summary>
    readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = [];

    /// <summary>The tags of the pages that show an entity.</summary>
    public static void TagsOf(EntityEntry e, HashSet<string> tags)
    {
        switch (e.Entity)
        {
            case Meeting m: Meeting(tags, m.Id); break;
            case MeetingBody b: Meeting(tags, b.MeetingId); break;
            case Participant p: Meeting(tags, p.MeetingId); break;
            case TocEntry t: Meeting(tags, t.MeetingId); break;
            case Signing.Approval a: Meeting(tags, a.MeetingId); break;
            case AgendaItem i:
                Item(tags, i.Id);
                Meeting(tags, i.MeetingId);
                if (e.State == EntityState.Modified) Meeting(tags, (int)e.Property(nameof(AgendaItem.MeetingId)).OriginalValue!);
                break;
            case ItemSection s: Item(tags, s.AgendaItemId); break;
            case ItemAbsentee a: Item(tags, a.AgendaItemId); break;
            case Attachment a: Item(tags, a.AgendaItemId); break;
            // Seats, people and cases show on the committee, person and case pages, all of them lists.
            case Membership or Person or Case: tags.Add(PageCache.Lists); break;
            // A body's name heads its meetings' pages too; renaming one is rare enough to start afresh.
            case Body: tags.Add(PageCache.All); break;
            case var other when NotOnPublicPages.Contains(other.GetType()) || other.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true: break;
            default: tags.Add(PageCache.All); break;
        }
    }

    static void Meeting(HashSet<string> tags, int id)
    {
        tags.Add(PageCache.Lists);
        if (id > 0) tags.Add(PageCache.Meeting(id)); // a new meeting (no key yet) has no page to evict
    }

    static void Item(HashSet<string> tags, int id)
    {
        tags.Add(PageCache.Lists);
        if (id > 0) tags.Add(PageCache.Item(id));
    }

    public Task EvictAsync(IEnumerable<string> tags, CancellationToken ct = default) =>
        Task.WhenAll(tags.Select(t => store.EvictByTagAsync(t, ct).AsTask()));

    void Collect(DbContext? context)
    {
        if (context is null) return;
        var tags = pending.GetOrCreateValue(context);
        foreach (var e in context.ChangeTracker.Entries())
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) TagsOf(e, tags);
    }

    async Task FlushAsync(DbContext? context, CancellationToken ct)
    {
        if (context is null || !pending.TryGetValue(context, out var tags) || tags.Count == 0) return;
        var now = tags.ToList();
        tags.Clear();
        await EvictAsync(now.Contains(PageCache.All) ? [PageCache.All] : now, ct);
    }

    void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var tags)) tags.Clear();
    }

    /// <summary>Saved outside a transaction of the caller's: EF's own has committed by now.</summary>
    Task AfterSaveAsync(DbContext? context, CancellationToken ct) =>
        context?.Database.CurrentTransaction is null ? FlushAsync(context, ct) : Task.CompletedTask;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Forget(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        FlushAsync(eventData.Context, default).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        FlushAsync(eventData.Context, cancellationToken);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Evicts what other processes changed (another web node, a command-line import): reads the change rows written
/// since the last look, every Protokol:Search:PollSeconds (default 1), as the search index does.
/// </summary>
public sealed class PageCacheFollower(PageCacheEviction eviction, IServiceScopeFactory scopes, IConfiguration config, ILogger<PageCacheFollower> log) : BackgroundService
{
    /// <summary>More rows than this at once (an import): empty the cache rather than evict tag by tag.</summary>
    const int Batch = 500;

    /// <summary>A row naming neither a meeting nor an item (a body, a seat, a person) empties the cache; see <see cref="Search.ContentChange.Complete"/>.</summary>
    static IEnumerable<string> Tags(Search.ContentChange row) =>
        [PageCache.Lists, .. row.MeetingId is { } m ? [PageCache.Meeting(m)] : Array.Empty<string>(), .. row.ItemId is { } i ? [PageCache.Item(i)] : Array.Empty<string>()];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Protokol:Search:PollSeconds", 1.0));
        Search.ChangeFeed.Position? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<Storage.ProtokolDb>();
                // From start-up on: what came before is in no cache of this process. The change feed never skips a
                // row that commits after a later-numbered one (PostgreSQL), as "sequence > last" would.
                last ??= await Search.ChangeFeed.LatestFinalAsync(db, stoppingToken);
                var rows = await Search.ChangeFeed.FinalAsync(db, last.Value, Batch + 1, stoppingToken);
                if (rows.Count > Batch)
                {
                    // Past a large batch, emptying the cache covers the rest: go on after the newest final row, read first.
                    var newest = await Search.ChangeFeed.LatestFinalAsync(db, stoppingToken);
                    await eviction.EvictAsync([PageCache.All], stoppingToken);
                    last = newest;
                }
                else if (rows.Count > 0)
                {
                    await eviction.EvictAsync(rows.Any(r => r.Change.MeetingId is null && r.Change.ItemId is null) ? [PageCache.All] : rows.Select(r => r.Change).SelectMany(Tags).Distinct(), stoppingToken);
                    last = new(rows[^1].Transaction, rows[^1].Change.Sequence);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Page cache: reading change rows failed; trying again in {Seconds} s", every.TotalSeconds); }
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
