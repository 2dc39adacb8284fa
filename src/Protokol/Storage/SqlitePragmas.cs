using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Protokol.Storage;

/// <summary>
/// Every SQLite connection: write-ahead log (readers never wait for the importer), fsync at checkpoints rather
/// than every commit (durable across a crash of the program; a power cut may lose the last commits), and
/// waiting up to 5 s for a lock instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

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
