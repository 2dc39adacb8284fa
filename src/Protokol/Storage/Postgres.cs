using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Protokol.Storage;

/// <summary>The store on PostgreSQL: how a --db URL becomes a connection, and a schema update that never hangs.</summary>
public static class Postgres
{
    /// <summary>
    /// An Npgsql connection string for a postgres:// or postgresql:// URL (user, password, host, port, database;
    /// query parameters are connection-string keywords, e.g. ?sslmode=require), or the connection string itself.
    /// </summary>
    public static string ConnectionString(string store)
    {
        if (!store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try { return new NpgsqlConnectionStringBuilder(store).ConnectionString; }
            catch (ArgumentException e) { throw new StoreUnavailableException($"The PostgreSQL connection string is not usable ({e.Message}); give --db as postgres://user:password@host:port/database.", e); }
        }
        if (!Uri.TryCreate(store, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new StoreUnavailableException($"{Redacted(store)} is not a usable PostgreSQL address; write it as postgres://user:password@host:port/database.");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host.Trim('[', ']'),
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : null,
            // A host that does not answer is reported after 10 s, never waited for.
            Timeout = 10,
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
        return builder.ConnectionString;
    }

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
        try { migrating.Database.Migrate(); }
        catch (Exception e) when (Explain(e, builder) is { } clear) { throw clear; }
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
