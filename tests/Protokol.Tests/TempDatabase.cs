using Microsoft.Data.Sqlite;
using Npgsql;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Tests;

/// <summary>
/// A fresh, migrated store for one test, deleted afterwards: a real SQLite file in a temporary folder, or with
/// PROTOKOL_TEST_DB=postgres a new database on the PostgreSQL server PROTOKOL_TEST_PG names (test.sh starts a
/// throw-away one), copied from a template migrated once per test run. Every test body runs on either.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("protokol-test-").FullName;

    /// <summary>The SQLite file (also where a test may put another one); on PostgreSQL only tests about SQLite files use it.</summary>
    public string Path => System.IO.Path.Combine(Folder, "protokol.db");

    /// <summary>What --db and Protokol:Database take: the SQLite file, or the PostgreSQL database's URL.</summary>
    public string Store { get; }

    /// <summary>The search index folder the portal uses for this store (set as Protokol:Search:Folder on PostgreSQL).</summary>
    public string SearchFolder => TestStore.IsPostgres ? System.IO.Path.Combine(Folder, "search") : SearchIndex.FolderFor(Path);

    /// <summary>The signing key: beside the SQLite file, where the portal looks by default; set as Protokol:SigningKey for PostgreSQL.</summary>
    public string SigningKey => System.IO.Path.Combine(Folder, "signing-key.pem");

    /// <summary>The portal settings that point it at this store (and its index and key, which on PostgreSQL have no file to sit beside).</summary>
    public string[] PortalArgs => ["--Protokol:Database", Store, "--Protokol:Search:Folder", SearchFolder, "--Protokol:SigningKey", SigningKey];

    public TempDatabase() => Store = TestStore.IsPostgres ? TestStore.NewDatabase() : Path;

    public ProtokolDb Open(TimeProvider? clock = null) => Database.Open(Store, clock);

    public void Dispose()
    {
        if (TestStore.IsPostgres) TestStore.Drop(Store);
        else SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Which provider the suite runs on, and the PostgreSQL databases it makes.</summary>
public static class TestStore
{
    public static bool IsPostgres { get; } = string.Equals(Environment.GetEnvironmentVariable("PROTOKOL_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The maintenance database of the test server, e.g. postgres://postgres@127.0.0.1:5433/postgres.</summary>
    static string Server => Environment.GetEnvironmentVariable("PROTOKOL_TEST_PG")
        ?? throw new InvalidOperationException("PROTOKOL_TEST_DB=postgres needs PROTOKOL_TEST_PG, the URL of a PostgreSQL server's maintenance database (test.sh starts one)");

    static readonly Lazy<string> Template = new(MakeTemplate);

    /// <summary>The URL of database <paramref name="name"/> on the test server.</summary>
    public static string Url(string name) => Server[..(Server.LastIndexOf('/') + 1)] + name;

    /// <summary>A new database, a copy of the migrated template (much faster than migrating each).</summary>
    public static string NewDatabase()
    {
        var name = $"protokol_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return Url(name);
    }

    /// <summary>A new empty database (no schema), for tests of what migrating does.</summary>
    public static string NewEmptyDatabase()
    {
        var name = $"protokol_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        return Url(name);
    }

    public static void Drop(string url)
    {
        using (var connection = new NpgsqlConnection(Postgres.ConnectionString(url))) NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(url)).Database;
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    static string MakeTemplate()
    {
        var name = $"protokol_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50];
        Execute($"CREATE DATABASE \"{name}\"");
        Database.Open(Url(name)).Dispose();
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"); }
            catch (NpgsqlException) { } // the throw-away server may be gone already
        };
        return name;
    }

    static void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(Server)) { Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test about SQLite files themselves (a 0-byte file, rollback journal, the migration lock file): skipped on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute(string why = "about SQLite files themselves")
    {
        if (TestStore.IsPostgres) Skip = why + "; runs on SQLite only";
    }
}

/// <summary>A test of what only PostgreSQL does (its connection errors, its commit order): skipped on SQLite.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStore.IsPostgres) Skip = "about PostgreSQL itself; runs with PROTOKOL_TEST_DB=postgres (test.sh)";
    }
}
