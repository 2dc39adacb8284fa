using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Protokol.Storage;

/// <summary>The store on PostgreSQL: how a --db URL becomes a connection, and a schema update that never hangs.</summary>
public static partial class Postgres
{
    /// <summary>
    /// An Npgsql connection string for a postgres:// or postgresql:// URL (user, password, host, port, database;
    /// query parameters are connection-string keywords, e.g. ?sslmode=require), or the connection string itself.
    /// </summary>
    public static string ConnectionString(string store)
    {
        if (!store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try { return new NpgsqlConnectionStringBuilder($"Max Auto Prepare={AutoPrepared};{store}").ConnectionString; } // the store's own setting comes later and wins
            catch (ArgumentException e) { throw new StoreUnavailableException($"The PostgreSQL connection string is not usable ({e.Message}); give --db as postgres://user:password@host:port/database.", e); }
        }
        // libpq's form for a primary and its standbys, postgres://user@primary:5432,standby:5433/db: Npgsql takes the
        // same host list; Uri takes one host, so it reads the rest with the first standing in.
        var hosts = HostList().Match(store);
        var several = hosts.Success && hosts.Groups["hosts"].Value.Contains(',', StringComparison.Ordinal);
        var single = several ? store.Remove(hosts.Groups["hosts"].Index, hosts.Groups["hosts"].Length).Insert(hosts.Groups["hosts"].Index, "hosts") : store;
        if (!Uri.TryCreate(single, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new StoreUnavailableException($"{Redacted(store)} is not a usable PostgreSQL address; write it as postgres://user:password@host:port/database.");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = several ? hosts.Groups["hosts"].Value : url.Host.Trim('[', ']'),
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : null,
            // A host that does not answer is reported after 10 s, never waited for.
            Timeout = 10,
            MaxAutoPrepare = AutoPrepared,
        };
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            try { builder[key] = Uri.UnescapeDataString(eq < 0 ? "" : pair[(eq + 1)..]); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new StoreUnavailableException($"{Redacted(store)}: the parameter {key} is not a PostgreSQL connection setting.", e);
            }
        }
        // Changes go to the primary while it answers; reads go on from a standby when it does not (StoreStatus).
        if (several && builder.TargetSessionAttributes is null) builder.TargetSessionAttributes = "prefer-primary";
        return builder.ConnectionString;
    }

    /// <summary>
    /// How many of the statements a connection sends again and again (an import's look-ups and inserts, the portal's
    /// queries) are prepared on the server after their fifth use, so it plans each once per connection instead of
    /// every time: an import took a fifth less time. The store's own Max Auto Prepare wins (0 where a pooler in
    /// transaction mode cannot keep them).
    /// </summary>
    const int AutoPrepared = 64;

    [System.Text.RegularExpressions.GeneratedRegex(@"^postgres(ql)?://([^@/?#]*@)?(?<hosts>[^/?#]*)")]
    private static partial System.Text.RegularExpressions.Regex HostList();

    /// <summary>Every context of a request or command asks; the URL is read once.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Parsed = new(StringComparer.Ordinal);

    public static void Use(DbContextOptionsBuilder options, string store) =>
        options.UseNpgsql(Parsed.TryGetValue(store, out var known) ? known : Parsed.GetOrAdd(store, ConnectionString(store)));

    /// <summary>
    /// Brings the schema up to date (creating the database when the user may). EF Core locks the migrations history
    /// while it works; a lock held by a live process is waited for <see cref="Database.MigrationWait"/> at most (one
    /// held by a dead process goes with its connection), and an unreachable server or refused login is one sentence.
    /// </summary>
    public static void Migrate(ProtokolDb db)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            Options = $"-c lock_timeout={(int)Database.MigrationWait.TotalMilliseconds}",
            Pooling = false,
        };
        var options = new DbContextOptionsBuilder<ProtokolDb>().UseNpgsql(builder.ConnectionString).Options;
        using var migrating = new PostgresProtokolDb(options);
        try
        {
            // A standby (the primary is gone) takes no lock and no change: it serves as it is, if its schema is current.
            var (exists, standby) = State(builder.ConnectionString);
            var due = !exists || migrating.Database.GetPendingMigrations().Any();
            if (standby && due)
                throw new StoreUnavailableException($"The database {builder.Database} on {builder.Host}:{builder.Port} answers only as a read-only standby and its schema is older than this version of Protokol; start it when the primary is back.");
            // Migrate also compares the model with the migrations' snapshot each time (a tenth of a second): only when one is due.
            if (due) migrating.Database.Migrate();
        }
        catch (Exception e) when (Explain(e, builder) is { } clear) { throw clear; }
    }

    /// <summary>
    /// Fresh statistics (ANALYZE) for the tables an import fills, on PostgreSQL (SQLite plans every statement anew).
    /// A connection keeps the plans of its prepared statements and of the foreign-key checks behind every insert, made
    /// for the tables as they were: a plan made while Items was nearly empty reads the whole table for each section
    /// inserted, until statistics change and the plans are made again.
    /// </summary>
    public static async Task AnalyzeAsync(ProtokolDb db, CancellationToken ct)
    {
        if (db is not PostgresProtokolDb) return;
        var tables = new[] { typeof(Meetings.Meeting), typeof(Meetings.AgendaItem), typeof(Meetings.ItemSection), typeof(Meetings.Case), typeof(Meetings.Person), typeof(Meetings.Participant), typeof(Meetings.MeetingBody), typeof(Meetings.Membership), typeof(Meetings.Body) }
            .Select(t => db.Model.FindEntityType(t)!.GetTableName()!);
        var analyze = "ANALYZE " + string.Join(", ", tables.Select(t => $"\"{t}\"")); // names from the model, never from input
        await db.Database.ExecuteSqlRawAsync(analyze, ct);
    }

    /// <summary>Whether the database exists yet (Migrate creates it), and whether it answers as a read-only standby.</summary>
    static (bool Exists, bool Standby) State(string connectionString)
    {
        // Synchronously: Migrate runs on callers' threads, and blocking them on async I/O starves the thread pool when
        // many open at once (16 contexts opened together on 2 cores timed their connections out after 10 s).
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            return (true, command.ExecuteScalar() is true);
        }
        catch (PostgresException e) when (e.SqlState == "3D000") { return (false, false); }
    }

    /// <summary>One sentence for what PostgreSQL (or the way to it) reports when the store cannot be used; null for anything else.</summary>
    public static StoreUnavailableException? Explain(Exception e, NpgsqlConnectionStringBuilder at)
    {
        var where = $"{at.Host}:{at.Port}";
        return e switch
        {
            PostgresException { SqlState: "55P03" } => new($"Another Protokol process has been updating the schema of the database {at.Database} on {where} for over {Database.MigrationWait.TotalSeconds:0} s; let it finish (or stop it) and try again.", e),
            PostgresException { SqlState: "28P01" or "28000" } => new($"PostgreSQL on {where} refused the login of {at.Username} to {at.Database}: check the user and password in --db (and pg_hba.conf).", e),
            PostgresException { SqlState: "42501" } p => new($"The user {at.Username} may not use or create the database {at.Database} on {where} ({p.MessageText}); create it for them (createdb -O {at.Username} {at.Database}) or grant the rights.", e),
            PostgresException { SqlState: "3D000" } => new($"The database {at.Database} does not exist on {where}; create it (createdb {at.Database}) and try again.", e),
            PostgresException p => new($"The database {at.Database} on {where} cannot be used: {p.MessageText}", e),
            NpgsqlException { InnerException: SocketException or TimeoutException or IOException } or TimeoutException => new($"PostgreSQL on {where} cannot be reached ({Innermost(e).Message}); check that it runs and that --db names the right host and port.", e),
            NpgsqlException n => new($"PostgreSQL on {where} cannot be used: {Innermost(n).Message}", e),
            _ => null,
        };
    }

    static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>The address without its password, for messages.</summary>
    public static string Redacted(string store) => System.Text.RegularExpressions.Regex.Replace(store, "(?<=://[^:/@]*:)[^@]*(?=@)", "***");
}
