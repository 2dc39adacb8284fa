using Microsoft.Data.Sqlite;
using Protokol.Storage;

namespace Protokol.Tests;

/// <summary>A real SQLite file in a temporary folder, created by running the migrations; deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("protokol-test-").FullName;
    public string Path => System.IO.Path.Combine(Folder, "protokol.db");

    public ProtokolDb Open() => Database.OpenSqlite(Path);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
