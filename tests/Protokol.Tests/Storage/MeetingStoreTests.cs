using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Import.Referat;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Tests.Storage;

public class MeetingStoreTests
{
    [Fact]
    public async Task Importing_the_same_documents_twice_changes_nothing()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        var import = new ArchiveImport(db);
        var files = Samples.KoldingFiles.Concat(Samples.GreveFiles.Take(5)).ToList();

        var first = new List<FileImportResult>();
        foreach (var f in files) first.Add(await import.ImportAsync(f));
        var counts = await Counts(db);
        var second = new List<FileImportResult>();
        foreach (var f in files) second.Add(await import.ImportAsync(f));

        Assert.All(first, r => Assert.Equal(FileOutcome.Imported, r.Outcome));
        Assert.All(second, r => Assert.Equal(FileOutcome.Unchanged, r.Outcome));
        Assert.Equal(counts, await Counts(db));
        Assert.Equal(9, counts.Meetings);
    }

    [Fact]
    public async Task A_changed_document_replaces_its_meeting_without_duplicates()
    {
        using var temp = new TempDatabase();
        var path = System.IO.Path.Combine(temp.Folder, "referat.txt");
        var text = Samples.KoldingText(Samples.Feb2025);
        await File.WriteAllTextAsync(path, text);
        await using var db = temp.Open();
        var import = new ArchiveImport(db);
        Assert.Equal(FileOutcome.Imported, (await import.ImportAsync(path)).Outcome);
        var ids = await db.Items.OrderBy(i => i.Order).Select(i => i.Id).ToListAsync();
        var meetingId = await db.Meetings.Select(m => m.Id).SingleAsync();

        await File.WriteAllTextAsync(path, text.Replace("Orienteringen blev taget til efterretning.", "Godkendt.", StringComparison.Ordinal));
        Assert.Equal(FileOutcome.Updated, (await import.ImportAsync(path)).Outcome);

        Assert.Equal(1, await db.Meetings.CountAsync());
        Assert.Equal(11, await db.Items.CountAsync());
        // Permalinks and feed ids hold: the meeting and its items keep their ids.
        Assert.Equal(ids, await db.Items.OrderBy(i => i.Order).Select(i => i.Id).ToListAsync());
        Assert.Equal(meetingId, await db.Meetings.Select(m => m.Id).SingleAsync());
        var stored = await MeetingQueries.FindAsync(db, "social-og-arbejdsmarked/2025-02-04");
        Assert.Equal("Godkendt.", stored!.Items.OrderBy(i => i.Order).First().Decisions.Single().Text);
    }

    [Fact]
    public async Task A_save_that_fails_leaves_the_database_as_it_was()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        var good = ReferatParser.Parse(Samples.KoldingText(Samples.Feb2025)).Meeting!;
        var meeting = ReferatParser.Parse(Samples.KoldingText(Samples.Jun2020)).Meeting!;
        meeting.Items[1].Title = null!; // violates NOT NULL after people and bodies were already written in the transaction

        await Assert.ThrowsAsync<DbUpdateException>(() => new MeetingStore(db).SaveAsync(meeting, "hash"));
        db.ChangeTracker.Clear();
        Assert.Equal(default, await Counts(db));
        // Several files' meetings in one transaction: all of them, or none.
        var broken = ReferatParser.Parse(Samples.KoldingText(Samples.Jun2020)).Meeting!;
        broken.Items[1].Title = null!;
        await Assert.ThrowsAsync<DbUpdateException>(() => new MeetingStore(db).SaveAsync([(good, "a"), (broken, "b")]));

        db.ChangeTracker.Clear();
        Assert.Equal(default, await Counts(db));
        Assert.Equal(0, await db.Bodies.CountAsync());
    }

    [Fact]
    public async Task A_document_that_cannot_be_read_is_reported_and_nothing_is_written()
    {
        using var temp = new TempDatabase();
        var path = System.IO.Path.Combine(temp.Folder, "broken.json");
        await File.WriteAllTextAsync(path, "{ \"Id\": \"x\",\n  \"Udvalg\": ");
        await using var db = temp.Open();

        var result = await new ArchiveImport(db).ImportAsync(path);

        Assert.Equal(FileOutcome.Failed, result.Outcome);
        Assert.Contains("line 2", result.Reason, StringComparison.Ordinal);
        Assert.Equal(default, await Counts(db));
    }

    [Fact]
    public async Task Stored_meetings_write_the_same_referat_as_before_storing()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        foreach (var f in Samples.KoldingFiles) await new ArchiveImport(db).ImportAsync(f);
        foreach (var f in Samples.KoldingFiles)
        {
            var text = await File.ReadAllTextAsync(f);
            var key = ReferatParser.Parse(text).Meeting!.SourceKey;
            var stored = await MeetingQueries.FindAsync(db, key);
            Assert.Equal(Import.ReferatImportTests.Normalise(text), Import.ReferatImportTests.Normalise(ReferatWriter.Write(stored!)));
        }
    }

    [Fact]
    public async Task Members_are_linked_to_their_committee_and_people_are_not_duplicated()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        foreach (var f in Samples.KoldingFiles) await new ArchiveImport(db).ImportAsync(f);

        Assert.Equal(await db.People.CountAsync(), await db.People.Select(p => p.Slug).Distinct().CountAsync());
        var body = await db.Bodies.Include(b => b.Memberships).ThenInclude(m => m.Person).SingleAsync(b => b.Name == "Social og Arbejdsmarked");
        Assert.Equal(9, body.Memberships.Count);
        Assert.Contains(body.Memberships, m => m.Person.Name == "Ole Martensen");
        // Trille Nikolajsen sits in several bodies: one person, several memberships.
        Assert.Single(await db.People.Where(p => p.Name == "Trille Nikolajsen").ToListAsync());
    }

    [Fact]
    public async Task Files_stored_together_in_one_transaction_give_the_rows_of_files_stored_one_at_a_time()
    {
        // The Greve files bring bodies, people and cases that later files share; the Kolding referats need the bodies
        // stored before them to find their committee, so a transaction ends before a referat whose body is not stored yet.
        // The joint Kolding meeting's new bodies and the first Greve file's share a transaction: numbered as one at a time would.
        var joint = Samples.Kolding(Samples.Jun2020);
        var files = Samples.GreveFiles.Take(10).Prepend(joint).Concat(Samples.KoldingFiles.Where(f => f != joint)).Concat(Samples.GreveFiles.Skip(10).Take(10)).ToList();
        using var alone = new TempDatabase();
        using var together = new TempDatabase();
        await using var one = alone.Open();
        foreach (var f in files) Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(one).ImportAsync(f)).Outcome);
        await using var all = together.Open();

        var results = await new ArchiveImport(all).StoreAsync([.. files.Select(f => ArchiveImport.Read(f, null, []))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(FileOutcome.Imported, r.Outcome));
        Assert.Equal(files, results.Select(r => r.File));
        foreach (var table in new[] { "Meetings", "MeetingBody", "Items", "Sections", "ItemAbsentee", "Attachment", "Participant", "TocEntry", "Bodies", "People", "Memberships", "Cases" })
            Assert.Equal(await Rows(one, table, "Id"), await Rows(all, table, "Id"));
        // The trail and the change rows hold the same rows, in another order (each file's people are saved before the meetings).
        Assert.Equal(await Rows(one, "AuditTrail", "Id", "At"), await Rows(all, "AuditTrail", "Id", "At"));
        Assert.Equal(await Rows(one, "ContentChanges", "Sequence", "Transaction"), await Rows(all, "ContentChanges", "Sequence", "Transaction"));
        Assert.Equal(Samples.KoldingFiles.Length + 20, await all.Meetings.CountAsync());
    }

    [Fact]
    public async Task A_file_the_store_refuses_fails_alone_and_the_other_files_of_its_transaction_are_stored()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        var files = Samples.GreveFiles.Take(8).ToList();
        var meetings = files.Select(f => ArchiveImport.Read(f, null, []).Parsed!.Meeting!).ToList();
        var refused = meetings[4];
        var others = meetings.Where(m => m != refused).SelectMany(m => m.Items).Select(i => i.Title).ToHashSet();
        var title = refused.Items.Select(i => i.Title).First(t => !others.Contains(t)).Replace("'", "''", StringComparison.Ordinal);
        await db.Database.ExecuteSqlRawAsync(TestStore.IsPostgres
            ? $$"""CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW."Title" = '{{title}}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $f$; CREATE TRIGGER refuse BEFORE INSERT ON "Items" FOR EACH ROW EXECUTE FUNCTION refuse()"""
            : $"""CREATE TRIGGER refuse BEFORE INSERT ON "Items" WHEN NEW."Title" = '{title}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END""");

        var results = await new ArchiveImport(db).StoreAsync([.. files.Select(f => ArchiveImport.Read(f, null, []))], CancellationToken.None);

        Assert.Equal(FileOutcome.Failed, results[4].Outcome);
        Assert.Contains("refused by the test", results[4].Reason, StringComparison.Ordinal);
        Assert.All(results.Where((_, i) => i != 4), r => Assert.Equal(FileOutcome.Imported, r.Outcome));
        Assert.Equal(7, await db.Meetings.CountAsync());
        Assert.False(await db.Meetings.AnyAsync(m => m.SourceKey == refused.SourceKey));
        Assert.Equal(7, await db.AuditTrail.CountAsync(a => a.Action == "Imported"));
        Assert.Equal(await db.Meetings.CountAsync(), await db.ContentChanges.CountAsync(c => c.MeetingId != null));
    }

    [Fact]
    public async Task A_meeting_that_names_one_committee_twice_fails_alone_with_what_is_wrong()
    {
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        var path = System.IO.Path.Combine(temp.Folder, "to-gange.txt");
        await File.WriteAllTextAsync(path, Samples.KoldingText(Samples.Jun2020).Replace(
            "Fællesmøde mellem Social- og Sundhedsudvalget og Socialøkonomi-, Handicap- og Hjælpemiddeludvalget", "Fællesmøde mellem Fooudvalget og fooudvalget", StringComparison.Ordinal));
        var files = new[] { Samples.GreveFiles[0], path, Samples.GreveFiles[1] };

        var results = await new ArchiveImport(db).StoreAsync([.. files.Select(f => ArchiveImport.Read(f, null, []))], CancellationToken.None);

        Assert.Equal([FileOutcome.Imported, FileOutcome.Failed, FileOutcome.Imported], results.Select(r => r.Outcome));
        Assert.Contains("names the committee 'Fooudvalget' twice ('Fooudvalget', 'fooudvalget')", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, await db.Meetings.CountAsync());
        Assert.False(await db.Bodies.AnyAsync(b => b.Name == "Fooudvalget"));
    }

    [Fact]
    public async Task Two_files_of_one_meeting_in_one_transaction_end_as_stored_one_at_a_time_the_last_wins()
    {
        // b.json is stored; a.json is the same meeting with other bytes, listed before it: a replaces b, then b replaces a.
        using var temp = new TempDatabase();
        await using var db = temp.Open();
        var (a, b) = (System.IO.Path.Combine(temp.Folder, "a.json"), System.IO.Path.Combine(temp.Folder, "b.json"));
        File.Copy(Samples.GreveFiles[2], b);
        var json = await File.ReadAllTextAsync(b);
        var word = ArchiveImport.Read(b, null, []).Parsed!.Meeting!.Items[0].Title.Split(' ')[0];
        await File.WriteAllTextAsync(a, json.Replace(word, word + "x", StringComparison.Ordinal));
        Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(db).ImportAsync(b)).Outcome);
        var stored = await db.Meetings.AsNoTracking().ToDictionaryAsync(m => m.SourceHash!, m => m.SourceKey);

        var results = await new ArchiveImport(db).StoreAsync([ArchiveImport.Read(a, stored, []), ArchiveImport.Read(b, stored, [])], CancellationToken.None);

        Assert.True(results.All(r => r.Outcome == FileOutcome.Updated), string.Join("; ", results.Select(r => $"{r.Outcome} {r.Reason}")));
        var meeting = await db.Meetings.SingleAsync();
        Assert.Equal(stored.Keys.Single(), meeting.SourceHash);
    }

    /// <summary>A table's rows as text, sorted, without the columns named (numbers a run hands out in its own order).</summary>
    static async Task<List<string>> Rows(ProtokolDb db, string table, params string[] without)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Where(i => !without.Contains(reader.GetName(i)))
                .Select(i => reader.GetName(i) + "=" + Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    static async Task<(int Meetings, int Items, int Sections, int People, int Absentees)> Counts(ProtokolDb db) =>
        (await db.Meetings.CountAsync(), await db.Items.CountAsync(), await db.Sections.CountAsync(),
         await db.People.CountAsync(), await db.Set<ItemAbsentee>().CountAsync());
}
