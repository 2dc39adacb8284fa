using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Protokol.Storage;

/// <summary>
/// The store on PostgreSQL: the same model as <see cref="ProtokolDb"/>, with its own migrations
/// (Storage/Migrations/Postgres), which EF Core tells apart by this context type. Where the providers differ:
/// <list type="bullet">
/// <item>Every DateTime is a <c>timestamp without time zone</c> written as it is: meeting times are Copenhagen local
/// time and the rest UTC, as on SQLite, which keeps no kind either (read back as Unspecified on both).</item>
/// <item>DateTimeOffset (an account's lockout end) is stored as UTC, which is all PostgreSQL's timestamptz holds.</item>
/// <item>Each change row records the transaction that wrote it, so the search index follows rows in commit order
/// (<see cref="Search.ChangeFeed"/>): a sequence is handed out at insert, and transactions commit in another order.</item>
/// </list>
/// </summary>
public sealed class PostgresProtokolDb(DbContextOptions<ProtokolDb> options, TimeProvider? clock = null) : ProtokolDb(options, clock)
{
    /// <summary>The shadow column of <see cref="Search.ContentChange"/> holding the writing transaction's id.</summary>
    public const string TransactionColumn = "Transaction";

    static readonly ValueConverter<DateTime, DateTime> AsWritten = new(v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);
    static readonly ValueConverter<DateTimeOffset, DateTimeOffset> AsUtc = new(v => v.ToUniversalTime(), v => v);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(DateTime))
                {
                    property.SetValueConverter(AsWritten);
                    property.SetColumnType("timestamp without time zone");
                }
                else if (type == typeof(DateTimeOffset)) property.SetValueConverter(AsUtc);
            }
        builder.Entity<Search.ContentChange>(e =>
        {
            // The 64-bit transaction id (never wraps), set by the database in the writing transaction.
            e.Property<long>(TransactionColumn).HasDefaultValueSql("pg_current_xact_id()::text::bigint").ValueGeneratedOnAdd();
            e.HasIndex(TransactionColumn, nameof(Search.ContentChange.Sequence));
        });
    }
}
