using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Search;

namespace Protokol.Storage;

public enum SaveOutcome { Imported, Updated, Unchanged }

/// <summary>
/// Puts an imported meeting into the store. A document is identified by its source key: the same
/// bytes again change nothing, new bytes replace the meeting whole, and every save is one transaction.
/// </summary>
public sealed class MeetingStore(ProtokolDb db)
{
    public async Task<SaveOutcome> SaveAsync(Meeting meeting, string sourceHash, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Meetings.Where(m => m.SourceKey == meeting.SourceKey)
            .Select(m => new { m.Id, m.SourceHash }).FirstOrDefaultAsync(ct);
        if (existing?.SourceHash == sourceHash) return SaveOutcome.Unchanged;
        var index = SearchIndexes.For(db);
        if (existing is not null)
        {
            await index.RemoveMeetingAsync(existing.Id, ct);
            await db.Meetings.Where(m => m.Id == existing.Id).ExecuteDeleteAsync(ct);
        }

        meeting.SourceHash = sourceHash;
        await ResolveBodiesAsync(meeting, ct);
        await ResolvePeopleAsync(meeting, ct);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        await index.IndexAsync(meeting.Items, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return existing is null ? SaveOutcome.Imported : SaveOutcome.Updated;
    }

    async Task ResolveBodiesAsync(Meeting meeting, CancellationToken ct)
    {
        foreach (var mb in meeting.Bodies)
        {
            var slug = mb.Body.Slug;
            mb.Body = await db.Bodies.FirstOrDefaultAsync(b => b.Slug == slug, ct) ?? mb.Body;
        }
    }

    /// <summary>Links names to people, and people to the body they met in (not for joint meetings: the seat is unknown).</summary>
    async Task ResolvePeopleAsync(Meeting meeting, CancellationToken ct)
    {
        var names = meeting.Participants.Select(p => p.Name)
            .Concat(meeting.Items.SelectMany(i => i.Absentees).Select(a => a.Name))
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var slugs = names.Select(Slug.From).Where(s => s.Length > 0).Distinct().ToList();
        var people = await db.People.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        foreach (var name in names)
        {
            var slug = Slug.From(name);
            if (slug.Length > 0 && !people.ContainsKey(slug)) people[slug] = db.People.Add(new Person { Name = name, Slug = slug }).Entity;
        }
        await db.SaveChangesAsync(ct);
        int? IdOf(string name) => people.TryGetValue(Slug.From(name), out var p) ? p.Id : null;
        foreach (var p in meeting.Participants) p.PersonId = IdOf(p.Name);
        foreach (var a in meeting.Items.SelectMany(i => i.Absentees)) a.PersonId = IdOf(a.Name);

        if (meeting.IsJoint || meeting.Bodies.Count == 0) return;
        var body = meeting.Bodies[0].Body;
        if (body.Id == 0) { db.Bodies.Add(body); await db.SaveChangesAsync(ct); }
        var memberIds = meeting.Participants.Select(p => p.PersonId).OfType<int>().Distinct().ToList();
        var seated = await db.Memberships.Where(m => m.BodyId == body.Id && memberIds.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(ct);
        foreach (var id in memberIds.Except(seated)) db.Memberships.Add(new Membership { BodyId = body.Id, PersonId = id });
    }
}
