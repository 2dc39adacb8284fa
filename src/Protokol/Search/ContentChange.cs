using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Protokol.Meetings;

namespace Protokol.Search;

/// <summary>
/// One change to searchable content, written in the transaction of the change itself: a whole meeting (its
/// state, date, bodies or items as a whole) or one item (its title, closedness or sections). The sequence only
/// grows, so a search index that records the last sequence it applied knows exactly what it lacks. The published
/// pages' cache reads the same rows (Portal/PageCacheEviction.cs), so they also name what is shown but not searched.
/// </summary>
public sealed class ContentChange
{
    public long Sequence { get; set; }
    public int? MeetingId { get; set; }
    public int? ItemId { get; set; }

    /// <summary>What a save is about to change, read before saving; keys of new rows are read once saved (<see cref="Complete"/>).</summary>
    public static List<EntityEntry> Collect(ChangeTracker tracker) =>
        tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (e.Entity is Meeting or MeetingBody or AgendaItem or ItemSection
                // Not searched, but shown on the published pages, which other web nodes evict by these rows.
                or Participant or TocEntry or Signing.Approval or ItemAbsentee or Attachment or Membership
                // A body, person or case added alone (an import resolving names before it saves the meeting) is on no page yet.
                || (e.Entity is Body or Person or Case && e.State is not EntityState.Added))).ToList();

    /// <summary>
    /// The rows for the saved changes: one per meeting, one per item of a meeting not already named, and one naming
    /// neither for what shows beyond any one meeting: a body renamed or removed, or seats, people or cases changed
    /// on their own.
    /// </summary>
    public static List<ContentChange> Complete(IEnumerable<EntityEntry> entries)
    {
        var meetings = new HashSet<int>();
        var items = new Dictionary<int, int?>();
        var beyond = false;
        var lone = false;
        foreach (var e in entries)
            switch (e.Entity)
            {
                case Meeting m: meetings.Add(m.Id); break;
                case MeetingBody b: meetings.Add(b.MeetingId); break;
                case Participant p: meetings.Add(p.MeetingId); break;
                case TocEntry t: meetings.Add(t.MeetingId); break;
                case Signing.Approval a: meetings.Add(a.MeetingId); break;
                case AgendaItem i: items[i.Id] = i.MeetingId; break;
                case ItemSection s: items.TryAdd(s.AgendaItemId, null); break;
                case ItemAbsentee a: items.TryAdd(a.AgendaItemId, null); break;
                case Attachment a: items.TryAdd(a.AgendaItemId, null); break;
                // A body renamed or removed heads pages of every kind; seats, people and cases show only on lists,
                // which a meeting's row in the same save evicts too.
                case Body: beyond = true; break;
                case Membership or Person or Case: lone = true; break;
            }
        return [.. meetings.Where(id => id > 0).Order().Select(id => new ContentChange { MeetingId = id }),
            .. items.Where(i => i.Key > 0 && !(i.Value is { } m && meetings.Contains(m))).Select(i => i.Key).Order().Select(id => new ContentChange { ItemId = id }),
            .. beyond || (lone && meetings.Count == 0 && items.Count == 0) ? [new ContentChange()] : Array.Empty<ContentChange>()];
    }
}
