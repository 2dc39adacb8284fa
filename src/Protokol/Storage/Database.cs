using Microsoft.EntityFrameworkCore;

namespace Protokol.Storage;

public static class Database
{
    /// <summary>The SQLite file the portal and CLI use unless told otherwise.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "protokol.db");

    public static string SqliteConnectionString(string path) => $"Data Source={path};Foreign Keys=True;Pooling=True";

    public static DbContextOptions<ProtokolDb> SqliteOptions(string path)
    {
        var options = new DbContextOptionsBuilder<ProtokolDb>();
        UseSqlite(options, path);
        return options.Options;
    }

    public static void UseSqlite(DbContextOptionsBuilder options, string path) =>
        options.UseSqlite(SqliteConnectionString(path)).AddInterceptors(new SqlitePragmas());

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    public static ProtokolDb OpenSqlite(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var db = new ProtokolDb(SqliteOptions(path));
        db.Database.Migrate();
        return db;
    }
}
