using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Protokol.Storage;

/// <summary>The store could not be opened; the message says, in one sentence, what to do.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public static class Database
{
    /// <summary>The SQLite file the portal and CLI use unless told otherwise.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "protokol.db");

    /// <summary>How long a process waits for another one that is updating the schema of the same database.</summary>
    public static readonly TimeSpan MigrationWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The store the portal is configured with: Protokol:Database (what --db sets), else ConnectionStrings:Protokol,
    /// else <see cref="DefaultPath"/>. Either a SQLite file or a PostgreSQL database (<see cref="IsPostgres"/>).
    /// </summary>
    public static string Configured(IConfiguration config) =>
        config["Protokol:Database"] is { Length: > 0 } store ? store
        : config.GetConnectionString("Protokol") is { Length: > 0 } connection ? connection
        : DefaultPath;

    /// <summary>A postgres:// or postgresql:// URL, or an Npgsql connection string (Host=…); anything else is a SQLite file.</summary>
    public static bool IsPostgres(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || store.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where files that belong with the store live unless configured (the signing key, the search index): the SQLite file's folder, or data/ beside the program.</summary>
    public static string DataFolder(string store) =>
        IsPostgres(store) ? Path.Combine(AppContext.BaseDirectory, "data") : Path.GetDirectoryName(Path.GetFullPath(store))!;

    /// <summary>The one way the portal and every command reach the store: the provider follows from <paramref name="store"/>.</summary>
    public static void Use(DbContextOptionsBuilder options, string store)
    {
        if (IsPostgres(store)) Postgres.Use(options, store);
        else UseSqlite(options, store);
    }

    /// <summary>A context for the store, of the type whose migrations fit its provider; the schema is not touched (see <see cref="Open"/>).</summary>
    public static ProtokolDb Create(string store, TimeProvider? clock = null)
    {
        var options = new DbContextOptionsBuilder<ProtokolDb>();
        Use(options, store);
        return Create(store, options.Options, clock);
    }

    static ProtokolDb Create(string store, DbContextOptions<ProtokolDb> options, TimeProvider? clock) =>
        IsPostgres(store) ? new PostgresProtokolDb(options, clock) : new ProtokolDb(options, clock);

    /// <summary>Registers <see cref="ProtokolDb"/> (scoped) on the store <paramref name="store"/> names, read when the first context is made.</summary>
    public static IServiceCollection AddProtokolDb(this IServiceCollection services, Func<IServiceProvider, string> store)
    {
        services.AddDbContext<ProtokolDb>((sp, o) => Use(o, store(sp)));
        services.Replace(ServiceDescriptor.Scoped(sp =>
            Create(store(sp), sp.GetRequiredService<DbContextOptions<ProtokolDb>>(), sp.GetService<TimeProvider>())));
        return services;
    }

    public static string SqliteConnectionString(string path) => $"Data Source={path};Foreign Keys=True;Pooling=True";

    public static DbContextOptions<ProtokolDb> SqliteOptions(string path)
    {
        var options = new DbContextOptionsBuilder<ProtokolDb>();
        UseSqlite(options, path);
        return options.Options;
    }

    public static void UseSqlite(DbContextOptionsBuilder options, string path) =>
        options.UseSqlite(SqliteConnectionString(path)).AddInterceptors(new SqlitePragmas());

    /// <summary>A SQLite file, opened and brought up to date (for code that holds a file; <see cref="Open"/> takes either store).</summary>
    public static ProtokolDb OpenSqlite(string path)
    {
        var db = new ProtokolDb(SqliteOptions(path));
        try { Migrate(db); }
        catch { db.Dispose(); throw; }
        return db;
    }

    /// <summary>Opens the store (creating a SQLite file, or a PostgreSQL database the user may create, if needed) and brings its schema up to date.</summary>
    public static ProtokolDb Open(string store, TimeProvider? clock = null)
    {
        var db = Create(store, clock);
        try { Migrate(db); }
        catch { db.Dispose(); throw; }
        return db;
    }

    /// <summary>
    /// Brings the schema up to date, never hanging: while this process holds the file's migration lock (an OS lock,
    /// gone with its owner), a row left in __EFMigrationsLock is a dead process's and is removed; a file in
    /// rollback-journal mode (or empty) is switched to write-ahead logging first.
    /// </summary>
    public static void Migrate(ProtokolDb db)
    {
        if (db is PostgresProtokolDb)
        {
            Postgres.Migrate(db);
            return;
        }
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var _ = MigrationLock(path);
            using (var connection = new SqliteConnection(SqliteConnectionString(path)))
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = 5000");
                Execute(connection, "PRAGMA journal_mode = WAL");
                if (Execute(connection, "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsLock'") is > 0L)
                    Execute(connection, "DELETE FROM __EFMigrationsLock");
            }
            // Migrate also compares the model with the migrations' snapshot each time (a tenth of a second): only when one is due.
            if (db.Database.GetPendingMigrations().Any()) db.Database.Migrate();
        }
        catch (SqliteException e) { throw Explain(e, path); }
        catch (UnauthorizedAccessException e) { throw new StoreUnavailableException($"Protokol may not write in the folder of {path}: give the user running it write access there.", e); }
    }

    static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>One sentence for what SQLite reports when a file cannot be used.</summary>
    public static StoreUnavailableException Explain(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        5 or 6 => new($"The database {path} is locked by another program (waited 5 s); close it (an open sqlite3 shell or backup) and try again.", e),
        8 => new($"The database {path} is read-only for this user; give the user running Protokol write access to the file and its folder.", e),
        14 => new($"The database {path} cannot be opened; check that the folder exists and that this user may write in it.", e),
        11 or 26 => new($"{path} is not a usable SQLite database (damaged or another kind of file); restore it from a backup or point --db elsewhere.", e),
        _ => new($"The database {path} cannot be used: {e.Message}", e),
    };

    /// <summary>An exclusive OS lock on a file beside the database, held while migrating; the OS drops it when its process dies.</summary>
    static FileStream MigrationLock(string path)
    {
        var lockFile = path + ".migrations-lock";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try { return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (waited.Elapsed < MigrationWait) { Thread.Sleep(200); }
            catch (IOException e)
            {
                throw new StoreUnavailableException($"Another Protokol process has been updating the schema of {path} for over {MigrationWait.TotalSeconds:0} s; let it finish (or stop it) and try again.", e);
            }
        }
    }
}
