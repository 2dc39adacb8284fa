using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Protokol.Storage;
using Protokol.Tests.Cli;

namespace Protokol.Tests.Storage;

/// <summary>A PostgreSQL store named on the command line: the URL, and a server that cannot be used, said in one sentence with exit code 3.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    readonly TempDatabase database = new();
    static readonly string DemoFile = Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt");

    static void AssertOneSentence(string err)
    {
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_names_user_password_host_port_database_and_settings()
    {
        var at = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString("postgresql://r%C3%A5d:p%40ss%3Aw@db.kommune.dk:6432/protokol?sslmode=require"));
        Assert.Equal(("råd", "p@ss:w", "db.kommune.dk", 6432, "protokol", SslMode.Require), (at.Username, at.Password, at.Host, at.Port, at.Database, at.SslMode));
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(Postgres.ConnectionString("postgres://u@localhost/x")).Port);
        Assert.Equal("postgres://u:***@h/x", Postgres.Redacted("postgres://u:secret@h/x"));
        Assert.True(Database.IsPostgres("postgres://u@h/x") && Database.IsPostgres("Host=h;Database=x") && !Database.IsPostgres("/var/lib/protokol/protokol.db"));
        var bad = Assert.Throws<StoreUnavailableException>(() => Postgres.ConnectionString("postgres://u:secret@h/x?colour=blue"));
        Assert.DoesNotContain("secret", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_with_a_primary_and_a_standby_prefers_the_primary_unless_it_says_otherwise()
    {
        var both = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString("postgres://u:p%40ss@db1.kommune.dk:5433,db2.kommune.dk/protokol?sslmode=require"));
        Assert.Equal(("db1.kommune.dk:5433,db2.kommune.dk", 5432, "u", "p@ss", "protokol", "prefer-primary", SslMode.Require),
            (both.Host, both.Port, both.Username, both.Password, both.Database, both.TargetSessionAttributes, both.SslMode));
        Assert.Equal("any", new NpgsqlConnectionStringBuilder(Postgres.ConnectionString("postgres://u@h1,h2/x?Target%20Session%20Attributes=any")).TargetSessionAttributes);
        Assert.Null(new NpgsqlConnectionStringBuilder(Postgres.ConnectionString("postgres://u@h1/x")).TargetSessionAttributes);
    }

    [Fact]
    public void Repeated_statements_are_prepared_unless_the_store_says_otherwise()
    {
        int Prepare(string store) => new NpgsqlConnectionStringBuilder(Postgres.ConnectionString(store)).MaxAutoPrepare;
        Assert.Equal((64, 64), (Prepare("postgres://u@h/x"), Prepare("Host=h;Database=x")));
        Assert.Equal((0, 0, 8), (Prepare("postgres://u@h/x?Max%20Auto%20Prepare=0"), Prepare("Host=h;Database=x;Max Auto Prepare=0"), Prepare("Host=h;MaxAutoPrepare=8")));
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_one_sentence_and_exit_3()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var (exit, _, err) = await ProtokolProcess.RunAsync("import", DemoFile, "--db", $"postgres://protokol:x@127.0.0.1:{port}/protokol");
        Assert.Equal(3, exit);
        AssertOneSentence(err);
        Assert.Contains($"PostgreSQL on 127.0.0.1:{port} cannot be reached", err, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_refused_login_is_one_sentence_and_exit_3()
    {
        var url = new Uri(database.Store);
        var (exit, _, err) = await ProtokolProcess.RunAsync("users", "list", "--db", $"postgres://ingen_saadan_bruger@{url.Host}:{url.Port}{url.AbsolutePath}");
        Assert.Equal(3, exit);
        AssertOneSentence(err);
        Assert.Contains("refused the login of ingen_saadan_bruger", err, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_schema_update_held_by_a_live_process_ends_the_command_with_what_to_do_then_works_once_it_is_done()
    {
        await using (var holder = new NpgsqlConnection(Postgres.ConnectionString(database.Store)))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE", holder, transaction)) await command.ExecuteNonQueryAsync();
            var waited = Stopwatch.StartNew();
            var (exit, _, err) = await ProtokolProcess.RunAsync("import", DemoFile, "--db", database.Store);
            Assert.Equal(3, exit);
            AssertOneSentence(err);
            Assert.Contains("Another Protokol process has been updating the schema", err, StringComparison.Ordinal);
            Assert.InRange(waited.Elapsed, Database.MigrationWait, Database.MigrationWait + TimeSpan.FromSeconds(20));
        }
        var done = await ProtokolProcess.RunAsync("import", DemoFile, "--db", database.Store);
        Assert.True(done.Exit == 0, done.Err);
    }

    public void Dispose() => database.Dispose();
}
