using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Meetings;

/// <summary>Thrown when something tries to change approved minutes; the operations refuse first, this is the backstop.</summary>
public sealed class FinalMinutesException(string message) : InvalidOperationException(message);

/// <summary>
/// Approved minutes are final: whatever code saves, nothing of such a meeting changes but its state (published,
/// or reopened by a secretary). Checked in every SaveChanges, so no page, command or import can get round it.
/// </summary>
public static class FinalMinutes
{
    static readonly MeetingState[] Final = [MeetingState.MinutesApproved, MeetingState.MinutesPublished];

    /// <summary>The source key of every meeting made in Protokol rather than imported.</summary>
    public const string AppMade = "protokol:";

    public static async Task GuardAsync(ProtokolDb db, CancellationToken ct)
    {
        var meetings = new HashSet<int>();
        var items = new HashSet<int>();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (e.Entity)
            {
                case Meeting m when e.State == EntityState.Modified && m.SourceKey.StartsWith(AppMade, StringComparison.Ordinal) && Final.Contains((MeetingState)e.Property(nameof(Meeting.State)).OriginalValue!)
                        && e.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(Meeting.State)):
                    throw new FinalMinutesException($"Referatet af møde {m.Id} er godkendt og kan ikke ændres.");
                case AgendaItem i: meetings.Add(i.MeetingId); break;
                case Participant p: meetings.Add(p.MeetingId); break;
                case MeetingBody b: meetings.Add(b.MeetingId); break;
                case TocEntry t: meetings.Add(t.MeetingId); break;
                case ItemSection s: items.Add(s.AgendaItemId); break;
                case ItemAbsentee a: items.Add(a.AgendaItemId); break;
                case Attachment a: items.Add(a.AgendaItemId); break;
            }
        }
        items.Remove(0);
        if (items.Count > 0) meetings.UnionWith(await db.Items.Where(i => items.Contains(i.Id)).Select(i => i.MeetingId).ToListAsync(ct));
        meetings.Remove(0);
        if (meetings.Count == 0) return;
        // Imported archives are replaced by importing their file again; the minutes made here are frozen once approved.
        var frozen = await db.Meetings.AsNoTracking()
            .Where(m => meetings.Contains(m.Id) && Final.Contains(m.State) && m.SourceKey.StartsWith(AppMade))
            .Select(m => m.Id).FirstOrDefaultAsync(ct);
        if (frozen != 0) throw new FinalMinutesException($"Referatet af møde {frozen} er godkendt og kan ikke ændres.");
    }
}
