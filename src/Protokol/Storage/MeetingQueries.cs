using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;

namespace Protokol.Storage;

public static class MeetingQueries
{
    /// <summary>A meeting with everything the documents print: bodies, participants, contents, items and their parts.</summary>
    public static IQueryable<Meeting> Whole(this IQueryable<Meeting> meetings) => meetings
        .Include(m => m.Bodies).ThenInclude(b => b.Body)
        // In their order: PostgreSQL, unlike SQLite, returns rows in no particular order once they have been updated.
        .Include(m => m.Participants.OrderBy(p => p.Order))
        .Include(m => m.Toc.OrderBy(t => t.Order))
        .Include(m => m.Items.OrderBy(i => i.Order)).ThenInclude(i => i.Sections)
        .Include(m => m.Items.OrderBy(i => i.Order)).ThenInclude(i => i.Absentees.OrderBy(a => a.Order))
        .Include(m => m.Items.OrderBy(i => i.Order)).ThenInclude(i => i.Attachments.OrderBy(a => a.Order))
        .AsSplitQuery();

    public static Task<Meeting?> FindAsync(ProtokolDb db, int id, CancellationToken ct = default) =>
        db.Meetings.AsNoTracking().Whole().FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>Finds a meeting by id, by source key, or by "body-slug/yyyy-mm-dd".</summary>
    public static async Task<Meeting?> FindAsync(ProtokolDb db, string reference, CancellationToken ct = default)
    {
        if (int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return await FindAsync(db, id, ct);
        var all = db.Meetings.AsNoTracking().Whole();
        var bySource = await all.FirstOrDefaultAsync(m => m.SourceKey == reference, ct);
        if (bySource is not null) return bySource;
        var parts = reference.Split('/');
        if (parts.Length == 2 && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var (from, to) = (date.ToDateTime(TimeOnly.MinValue), date.AddDays(1).ToDateTime(TimeOnly.MinValue));
            return await all.Where(m => m.StartsAt >= from && m.StartsAt < to && m.Bodies.Any(b => b.Body.Slug == parts[0]))
                .OrderBy(m => m.StartsAt).FirstOrDefaultAsync(ct);
        }
        return null;
    }
}
