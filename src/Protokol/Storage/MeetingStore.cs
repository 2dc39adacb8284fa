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
        // A failure anywhere rolls the whole file back, so a savepoint around each save inside would only cost round trips.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try { return await SaveImportedAsync(meeting, sourceHash, ct); }
        finally { (db.ImportSource, db.Database.AutoSavepointsEnabled) = (null, savepoints); }
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
        var leaves = Leaves.Take(meeting);
        try
        {
            db.Meetings.Add(meeting);
            if (existing is not null) db.Entry(meeting).State = EntityState.Modified; // the row stays; its content is new
            // The meeting's own row names the file in the audit trail and writes its change row; its leaves follow in bulk.
            await db.SaveChangesAsync(ct);
            await leaves.InsertAsync(db, meeting, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            leaves.Restore(meeting);
        }
        return existing is null ? SaveOutcome.Imported : SaveOutcome.Updated;
    }

    /// <summary>
    /// The rows below a meeting that nothing refers to (sections, absentees, attachments, participants, contents),
    /// most of an import's rows: taken off the graph before EF Core saves it, then inserted many rows a statement.
    /// </summary>
    sealed record Leaves(List<ItemSection>[] Sections, List<ItemAbsentee>[] Absentees, List<Attachment>[] Attachments, List<Participant> Participants, List<TocEntry> Toc)
    {
        public static Leaves Take(Meeting m)
        {
            var leaves = new Leaves([.. m.Items.Select(i => i.Sections)], [.. m.Items.Select(i => i.Absentees)], [.. m.Items.Select(i => i.Attachments)], m.Participants, m.Toc);
            foreach (var item in m.Items) (item.Sections, item.Absentees, item.Attachments) = ([], [], []);
            (m.Participants, m.Toc) = ([], []);
            return leaves;
        }

        public async Task InsertAsync(ProtokolDb db, Meeting m, CancellationToken ct)
        {
            for (var i = 0; i < m.Items.Count; i++)
            {
                foreach (var s in Sections[i]) s.AgendaItemId = m.Items[i].Id;
                foreach (var a in Absentees[i]) a.AgendaItemId = m.Items[i].Id;
                foreach (var a in Attachments[i]) a.AgendaItemId = m.Items[i].Id;
            }
            foreach (var p in Participants) p.MeetingId = m.Id;
            foreach (var t in Toc) t.MeetingId = m.Id;
            await BulkInsert.InsertAsync(db, ct, [.. Sections.SelectMany(s => s)], [.. Absentees.SelectMany(a => a)], [.. Attachments.SelectMany(a => a)], Participants, Toc);
        }

        public void Restore(Meeting m)
        {
            for (var i = 0; i < m.Items.Count; i++) (m.Items[i].Sections, m.Items[i].Absentees, m.Items[i].Attachments) = (Sections[i], Absentees[i], Attachments[i]);
            (m.Participants, m.Toc) = (Participants, Toc);
        }
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
