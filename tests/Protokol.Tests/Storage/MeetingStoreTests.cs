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
        var meeting = ReferatParser.Parse(Samples.KoldingText(Samples.Jun2020)).Meeting!;
        meeting.Items[1].Title = null!; // violates NOT NULL after people and bodies were already written in the transaction

        await Assert.ThrowsAsync<DbUpdateException>(() => new MeetingStore(db).SaveAsync(meeting, "hash"));

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

    static async Task<(int Meetings, int Items, int Sections, int People, int Absentees)> Counts(ProtokolDb db) =>
        (await db.Meetings.CountAsync(), await db.Items.CountAsync(), await db.Sections.CountAsync(),
         await db.People.CountAsync(), await db.Set<ItemAbsentee>().CountAsync());
}
