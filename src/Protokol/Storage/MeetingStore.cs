using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;

namespace Protokol.Storage;

/// <summary>
/// KeptText: the meeting came from its referat text, and a PDF of the same minutes does not replace it.
/// MadeHere: the meeting was made in Protokol, where alone it changes (its final minutes are frozen); a file never replaces or doubles it.
/// </summary>
public enum SaveOutcome { Imported, Updated, Unchanged, KeptText, MadeHere }

/// <summary>
/// Puts imported meetings into the store. A document is identified by its source key: the same bytes again change
/// nothing, new bytes replace the meeting's content (keeping the meeting's id, and each item's id where its number
/// stays, so permalinks and feed ids hold). Every save is one transaction, of one file's meeting or of several
/// (an import's files stored together: each look-up made once for all of them, one commit).
/// </summary>
public sealed class MeetingStore(ProtokolDb db)
{
    public async Task<SaveOutcome> SaveAsync(Meeting meeting, string sourceHash, CancellationToken ct = default) =>
        (await SaveAsync([(meeting, sourceHash)], ct))[0];

    /// <summary>Several files' meetings (of distinct source keys) in one transaction: all of them are saved, or none.</summary>
    public async Task<SaveOutcome[]> SaveAsync(IReadOnlyList<(Meeting Meeting, string SourceHash)> files, CancellationToken ct = default)
    {
        if (files.Select(f => f.Meeting.SourceKey).Distinct(StringComparer.Ordinal).Count() != files.Count)
            throw new ArgumentException("one transaction saves each source key once", nameof(files));
        // A failure anywhere rolls the whole transaction back, so a savepoint around each save inside would only cost round trips.
        var (importing, savepoints) = (db.Importing, db.Database.AutoSavepointsEnabled);
        (db.Importing, db.Database.AutoSavepointsEnabled) = (true, false);
        try { return await SaveImportedAsync(files, ct); }
        finally { (db.Importing, db.Database.AutoSavepointsEnabled) = (importing, savepoints); }
    }

    async Task<SaveOutcome[]> SaveImportedAsync(IReadOnlyList<(Meeting Meeting, string SourceHash)> files, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = files.Select(f => f.Meeting.SourceKey).ToList();
        var stored = await db.Meetings.Where(m => keys.Contains(m.SourceKey))
            .Select(m => new { m.Id, m.SourceKey, m.SourceHash, m.SourceFormat }).ToDictionaryAsync(m => m.SourceKey, StringComparer.Ordinal, ct);
        var madeHere = await MadeHereAsync([.. files.Select(f => f.Meeting).Where(m => !stored.ContainsKey(m.SourceKey))], ct);
        var outcomes = new SaveOutcome[files.Count];
        var saving = new List<Meeting>();
        for (var i = 0; i < files.Count; i++)
        {
            var (meeting, hash) = files[i];
            var existing = stored.GetValueOrDefault(meeting.SourceKey);
            outcomes[i] = existing switch
            {
                null => madeHere.Contains(meeting) ? SaveOutcome.MadeHere : SaveOutcome.Imported,
                _ when existing.SourceHash == hash => SaveOutcome.Unchanged,
                // The same minutes as text and as PDF would otherwise replace each other on every run.
                _ when existing.SourceFormat == Import.SourceFormats.ReferatText && meeting.SourceFormat == Import.SourceFormats.ReferatPdf => SaveOutcome.KeptText,
                _ => SaveOutcome.Updated,
            };
            if (outcomes[i] is not (SaveOutcome.Imported or SaveOutcome.Updated)) continue;
            if (existing is not null) await ClearAsync(meeting, existing.Id, ct);
            meeting.SourceHash = hash;
            saving.Add(meeting);
        }
        if (saving.Count == 0) return outcomes;

        await ResolveBodiesAsync(saving, ct);
        await ResolvePeopleAsync(saving, ct);
        await Case.LinkAsync(db, saving.SelectMany(m => m.Items), ct);
        var leaves = saving.Select(Leaves.Take).ToList();
        try
        {
            foreach (var meeting in saving)
            {
                db.Meetings.Add(meeting);
                if (meeting.Id != 0) db.Entry(meeting).State = EntityState.Modified; // the row stays; its content is new
            }
            // The meetings' own rows name their files in the audit trail and write their change rows; their leaves follow in bulk.
            await db.SaveChangesAsync(ct);
            await Leaves.InsertAsync(db, leaves, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            foreach (var l in leaves) l.Restore();
        }
        return outcomes;
    }

    /// <summary>Empties a stored meeting for its new content, which takes over its id and the ids of items whose numbers stay.</summary>
    async Task ClearAsync(Meeting meeting, int id, CancellationToken ct)
    {
        var itemIds = await db.Items.Where(i => i.MeetingId == id).Select(i => new { i.Id, i.Number }).ToListAsync(ct);
        await db.Items.Where(i => i.MeetingId == id).ExecuteDeleteAsync(ct);
        await db.Set<Participant>().Where(p => p.MeetingId == id).ExecuteDeleteAsync(ct);
        await db.Set<TocEntry>().Where(t => t.MeetingId == id).ExecuteDeleteAsync(ct);
        await db.Set<MeetingBody>().Where(b => b.MeetingId == id).ExecuteDeleteAsync(ct);
        meeting.Id = id;
        var byNumber = itemIds.GroupBy(i => i.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        foreach (var item in meeting.Items)
            if (byNumber.Remove(item.Number, out var itemId)) item.Id = itemId;
    }

    /// <summary>New meetings at the time of a meeting made in Protokol in one of their bodies: a file never doubles those.</summary>
    async Task<HashSet<Meeting>> MadeHereAsync(List<Meeting> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0) return [];
        var (from, to) = (fresh.Min(m => m.StartsAt), fresh.Max(m => m.StartsAt));
        var made = await db.Meetings.Where(m => m.SourceKey.StartsWith(FinalMinutes.AppMade) && m.StartsAt >= from && m.StartsAt <= to)
            .Select(m => new { m.StartsAt, Names = m.Bodies.Select(b => b.Body.Name).ToList() }).ToListAsync(ct);
        return [.. fresh.Where(m => made.Any(h => h.StartsAt == m.StartsAt && m.Bodies.Any(b => h.Names.Contains(b.Body.Name))))];
    }

    /// <summary>
    /// The rows below a meeting that nothing refers to (sections, absentees, attachments, participants, contents),
    /// most of an import's rows: taken off the graph before EF Core saves it, then inserted many rows a statement.
    /// </summary>
    sealed record Leaves(Meeting Meeting, List<ItemSection>[] Sections, List<ItemAbsentee>[] Absentees, List<Attachment>[] Attachments, List<Participant> Participants, List<TocEntry> Toc)
    {
        public static Leaves Take(Meeting m)
        {
            var leaves = new Leaves(m, [.. m.Items.Select(i => i.Sections)], [.. m.Items.Select(i => i.Absentees)], [.. m.Items.Select(i => i.Attachments)], m.Participants, m.Toc);
            foreach (var item in m.Items) (item.Sections, item.Absentees, item.Attachments) = ([], [], []);
            (m.Participants, m.Toc) = ([], []);
            return leaves;
        }

        /// <summary>Every meeting's leaves, once the meetings and items are saved and have their ids.</summary>
        public static async Task InsertAsync(ProtokolDb db, List<Leaves> all, CancellationToken ct)
        {
            foreach (var l in all)
            {
                var m = l.Meeting;
                for (var i = 0; i < m.Items.Count; i++)
                {
                    foreach (var s in l.Sections[i]) s.AgendaItemId = m.Items[i].Id;
                    foreach (var a in l.Absentees[i]) a.AgendaItemId = m.Items[i].Id;
                    foreach (var a in l.Attachments[i]) a.AgendaItemId = m.Items[i].Id;
                }
                foreach (var p in l.Participants) p.MeetingId = m.Id;
                foreach (var t in l.Toc) t.MeetingId = m.Id;
            }
            await BulkInsert.InsertAsync(db, ct, [.. all.SelectMany(l => l.Sections.SelectMany(s => s))], [.. all.SelectMany(l => l.Absentees.SelectMany(a => a))],
                [.. all.SelectMany(l => l.Attachments.SelectMany(a => a))], [.. all.SelectMany(l => l.Participants)], [.. all.SelectMany(l => l.Toc)]);
        }

        public void Restore()
        {
            var m = Meeting;
            for (var i = 0; i < m.Items.Count; i++) (m.Items[i].Sections, m.Items[i].Absentees, m.Items[i].Attachments) = (Sections[i], Absentees[i], Attachments[i]);
            (m.Participants, m.Toc) = (Participants, Toc);
        }
    }

    /// <summary>Each body named by its stored row; a body new to the store is one object for every meeting naming it.</summary>
    async Task ResolveBodiesAsync(List<Meeting> meetings, CancellationToken ct)
    {
        var slugs = meetings.SelectMany(m => m.Bodies).Select(b => b.Body.Slug).Distinct(StringComparer.Ordinal).ToList();
        var bodies = await db.Bodies.Where(b => slugs.Contains(b.Slug)).ToDictionaryAsync(b => b.Slug, StringComparer.Ordinal, ct);
        foreach (var mb in meetings.SelectMany(m => m.Bodies))
            mb.Body = bodies.TryGetValue(mb.Body.Slug, out var body) ? body : bodies[mb.Body.Slug] = mb.Body;
    }

    /// <summary>
    /// Links participants to people (creating them), absentees to the participants they name, and people to the
    /// body they met in (not for joint meetings: the seat is unknown). Only a participant becomes a person: a
    /// name found only in an absence list (perhaps of a closed item) never gets a public page.
    /// </summary>
    async Task ResolvePeopleAsync(List<Meeting> meetings, CancellationToken ct)
    {
        var names = meetings.SelectMany(m => m.Participants).Select(p => p.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var slugs = names.Select(Slug.From).Where(s => s.Length > 0).Distinct().ToList();
        var people = await db.People.Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, ct);
        foreach (var name in names)
        {
            var slug = Slug.From(name);
            if (slug.Length > 0 && !people.ContainsKey(slug)) people[slug] = db.People.Add(new Person { Name = name, Slug = slug }).Entity;
        }
        // Bodies new to the store are saved with the people (in the order the meetings name them, as one file at a
        // time would number them), so that seats have their ids.
        foreach (var body in meetings.SelectMany(m => m.Bodies).Select(b => b.Body).Where(b => b.Id == 0).Distinct()) db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        int? IdOf(string name) => people.TryGetValue(Slug.From(name), out var p) ? p.Id : null;
        foreach (var p in meetings.SelectMany(m => m.Participants)) p.PersonId = IdOf(p.Name);
        foreach (var a in meetings.SelectMany(m => m.Items).SelectMany(i => i.Absentees)) a.PersonId = IdOf(a.Name);

        var seats = meetings.Where(m => !m.IsJoint && m.Bodies.Count > 0);
        var members = seats.SelectMany(m => m.Participants.Select(p => p.PersonId).OfType<int>().Select(id => (Body: m.Bodies[0].Body.Id, Person: id))).Distinct().ToList();
        if (members.Count == 0) return;
        var (bodyIds, personIds) = (members.Select(m => m.Body).Distinct().ToList(), members.Select(m => m.Person).Distinct().ToList());
        var seated = (await db.Memberships.Where(m => bodyIds.Contains(m.BodyId) && personIds.Contains(m.PersonId))
            .Select(m => new { m.BodyId, m.PersonId }).ToListAsync(ct)).Select(m => (m.BodyId, m.PersonId)).ToHashSet();
        foreach (var (body, person) in members)
            if (!seated.Contains((body, person))) db.Memberships.Add(new Membership { BodyId = body, PersonId = person });
    }
}
