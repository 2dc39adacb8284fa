using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Accounts;

/// <summary>How closed content was opened.</summary>
public enum AccessWay { Page, Search, Export, File }

/// <summary>One opening of a closed item's content: who, when, which item, and how.</summary>
public sealed class AccessLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? AccountId { get; set; }
    public required string Actor { get; set; }
    public int ItemId { get; set; }
    public AccessWay Way { get; set; }

    public static string Danish(AccessWay way) => way switch
    {
        AccessWay.Page => "side",
        AccessWay.Search => "søgning",
        AccessWay.Export => "eksport",
        _ => "fil",
    };
}

public static class AccessLog
{
    /// <summary>Records every closed item among those shown; saved with the caller's next SaveChanges.</summary>
    public static async Task RecordAsync(ProtokolDb db, Viewer viewer, IEnumerable<AgendaItem> shown, AccessWay way, CancellationToken ct)
    {
        var closed = shown.Where(i => i.IsClosed).Select(i => i.Id).Distinct().ToList();
        if (closed.Count == 0) return;
        var at = db.Clock.GetUtcNow().UtcDateTime;
        db.AccessLog.AddRange(closed.Select(id => new AccessLogEntry { At = at, AccountId = viewer.AccountId, Actor = viewer.Actor, ItemId = id, Way = way }));
        await db.SaveChangesAsync(ct);
    }
}
