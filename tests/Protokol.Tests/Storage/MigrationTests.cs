using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Protokol.Storage;

namespace Protokol.Tests.Storage;

/// <summary>Migrations that move data, run on a database holding data from before them.</summary>
public sealed class MigrationTests : IDisposable
{
    readonly TempDatabase database = new();

    [SqliteFact("about the SQLite migrations that moved data (PostgreSQL starts from one migration of today's model)")]
    public async Task An_archive_from_before_cases_gets_one_case_per_number_with_every_item_linked()
    {
        await using var db = new ProtokolDb(Database.SqliteOptions(database.Path));
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_Cases", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Meetings (Id, SourceKey, StartsAt, State, TocStyle) VALUES (1, 'a', '2024-01-10 10:00:00', 'MinutesPublished', 'Tabbed'), (2, 'b', '2024-02-10 10:00:00', 'MinutesPublished', 'Tabbed');
            INSERT INTO Items (Id, MeetingId, "Order", Number, Title, CaseNumber, IsClosed) VALUES
              (1, 2, 0, '1', 'Senere titel', '20/6391', 0), (2, 1, 0, '1', 'Første titel', '20-6391', 0), (3, 1, 1, '2', 'Uden sag', NULL, 0), (4, 2, 1, '2', 'Anden sag', 'EMN-2025-003383', 1);
            """);
        await migrator.MigrateAsync();
        var cases = await db.Cases.AsNoTracking().Include(c => c.Items).OrderBy(c => c.Key).ToListAsync();
        Assert.Equal(["20-6391", "EMN-2025-003383"], cases.Select(c => c.Key));
        Assert.Equal("Første titel", cases[0].Title);
        Assert.Equal([1, 2], cases[0].Items.Select(i => i.Id).Order());
        Assert.Null((await db.Items.AsNoTracking().SingleAsync(i => i.Id == 3)).CaseId);
    }

    [SqliteFact("about the SQLite migrations that moved data (PostgreSQL starts from one migration of today's model)")]
    public async Task An_archive_from_before_change_rows_gets_one_per_meeting_so_its_index_is_built_on_first_start()
    {
        await using var db = new ProtokolDb(Database.SqliteOptions(database.Path));
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_ContentChanges", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Meetings (Id, SourceKey, StartsAt, State, TocStyle) VALUES (7, 'a', '2024-01-10 10:00:00', 'MinutesPublished', 'Tabbed'), (3, 'b', '2024-02-10 10:00:00', 'MinutesPublished', 'Tabbed');
            """);
        await migrator.MigrateAsync();
        var rows = await db.ContentChanges.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal([3, 7], rows.Select(r => r.MeetingId));
        Assert.All(rows, r => Assert.Null(r.ItemId));
    }

    public void Dispose() => database.Dispose();
}
