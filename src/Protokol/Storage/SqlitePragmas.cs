using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Protokol.Storage;

/// <summary>
/// Every SQLite connection: fsync at checkpoints rather than every commit (durable across a crash of the program;
/// a power cut may lose the last commits), and waiting up to 5 s for a lock instead of failing. Write-ahead
/// logging is set once, when the schema is brought up to date (<see cref="Database.Migrate"/>): it is a property of
/// the file, and setting it here would fail on the read-only connections EF Core opens to look at the file.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
