using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;

namespace Protokol.Storage;

/// <summary>
/// KeptText: the meeting came from its referat text, and a PDF of the same minutes does not replace it.
/// MadeHere: the meeting was made in Protokol, where alone it changes (its final minutes are frozen); a file never replaces or doubles it.
/// </summary>
public enum SaveOutcome { Imported, Updated, Unchanged, KeptText, MadeHere }

/// <summary>
/// Puts an imported meeting into the store. A document is identified by its source key: the same
/// bytes again change nothing, new bytes replace the meeting's content (keeping the meeting's id, and each
/// item's id where its number stays, so permalinks and feed ids hold), and every save is one transaction.
/// </summary>
public sealed class MeetingStore(ProtokolDb db)
{
    public async Task<SaveOutcome> SaveAsync(Meeting meeting, string sourceHash, CancellationToken ct = default)
    {
        db.ImportSource = $"{meeting.SourceFormat} {meeting.SourceKey} sha256:{sourceHash}";
        try { return await SaveImportedAsync(meeting, sourceHash, ct); }
        finally { db.ImportSource = null; }
    }

    async Task<SaveOutcome> SaveImportedAsync(Meeting meeting, string sourceHash, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Meetings.Where(m => m.SourceKey == meeting.SourceKey)
            .Select(m => new { m.Id, m.SourceHash, m.SourceFormat }).FirstOrDefaultAsync(ct);
        if (existing?.SourceHash == sourceHash) return SaveOutcome.Unchanged;
        // The same minutes as text and as PDF would otherwise replace each other on every run.
        if (existing?.SourceFormat == Import.SourceFormats.ReferatText && meeting.SourceFormat == Import.SourceFormats.ReferatPdf) return SaveOutcome.KeptText;
        var names = meeting.Bodies.Select(b => b.Body.Name).ToList();
        if (existing is null && await db.Meetings.AnyAsync(m => m.SourceKey.StartsWith(FinalMinutes.AppMade) && m.StartsAt == meeting.StartsAt && m.Bodies.Any(b => names.Contains(b.Body.Name)), ct))
            return SaveOutcome.MadeHere;
        if (existing is not null)
        {
            var itemIds = await db.Items.Where(i => i.MeetingId == existing.Id).Select(i => new { i.Id, i.Number }).ToListAsync(ct);
            await db.Items.Where(i => i.MeetingId == existing.Id).ExecuteDeleteAsync(ct);
            await db.Set<Participant>().Where(p => p.MeetingId == existing.Id).ExecuteDeleteAsync(ct);
            await db.Set<TocEntry>().Where(t => t.MeetingId == existing.Id).ExecuteDeleteAsync(ct);
            await db.Set<MeetingBody>().Where(b => b.MeetingId == existing.Id).ExecuteDeleteAsync(ct);
            meeting.Id = existing.Id;
            var byNumber = itemIds.GroupBy(i => i.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            foreach (var item in meeting.Items)
                if (byNumber.Remove(item.Number, out var id)) item.Id = id;
        }

        meeting.SourceHash = sourceHash;
        await ResolveBodiesAsync(meeting, ct);
        await ResolvePeopleAsync(meeting, ct);
        await Case.LinkAsync(db, meeting.Items, ct);
        db.Meetings.Add(meeting);
        if (existing is not null) db.Entry(meeting).State = EntityState.Modified; // the row stays; its content is new
        await db.SaveChangesAsync(ct);
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

    /// <summary>
    /// Links participants to people (creating them), absentees to the participants they name, and people to the
    /// body they met in (not for joint meetings: the seat is unknown). Only a participant becomes a person: a
    /// name found only in an absence list (perhaps of a closed item) never gets a public page.
    /// </summary>
    async Task ResolvePeopleAsync(Meeting meeting, CancellationToken ct)
    {
        var names = meeting.Participants.Select(p => p.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
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
