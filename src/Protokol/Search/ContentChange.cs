using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Protokol.Meetings;

namespace Protokol.Search;

/// <summary>
/// One change to searchable content, written in the transaction of the change itself: a whole meeting (its
/// state, date, bodies or items as a whole) or one item (its title, closedness or sections). The sequence only
/// grows, so a search index that records the last sequence it applied knows exactly what it lacks.
/// </summary>
public sealed class ContentChange
{
    public long Sequence { get; set; }
    public int? MeetingId { get; set; }
    public int? ItemId { get; set; }

    /// <summary>What a save is about to change, read before saving; keys of new rows are read once saved (<see cref="Complete"/>).</summary>
    public static List<EntityEntry> Collect(ChangeTracker tracker) =>
        tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Meeting or MeetingBody or AgendaItem or ItemSection).ToList();

    /// <summary>The rows for the saved changes: one per meeting, and one per item of a meeting not already named.</summary>
    public static List<ContentChange> Complete(IEnumerable<EntityEntry> entries)
    {
        var meetings = new HashSet<int>();
        var items = new Dictionary<int, int?>();
        foreach (var e in entries)
            switch (e.Entity)
            {
                case Meeting m: meetings.Add(m.Id); break;
                case MeetingBody b: meetings.Add(b.MeetingId); break;
                case AgendaItem i: items[i.Id] = i.MeetingId; break;
                case ItemSection s: items.TryAdd(s.AgendaItemId, null); break;
            }
        return [.. meetings.Where(id => id > 0).Order().Select(id => new ContentChange { MeetingId = id }),
            .. items.Where(i => i.Key > 0 && !(i.Value is { } m && meetings.Contains(m))).Select(i => i.Key).Order().Select(id => new ContentChange { ItemId = id })];
    }
}
