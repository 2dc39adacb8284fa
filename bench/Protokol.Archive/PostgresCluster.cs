using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Protokol.Archive;

/// <summary>
/// A throw-away PostgreSQL 15 cluster on 127.0.0.1 for one benchmark run (initdb and pg_ctl in a temporary folder,
/// as scripts/postgres-cluster.sh starts one for the tests), stopped and removed when disposed. Debian's default
/// settings and durability (fsync on), but for JIT: it compiles plans that cost more than a short search takes.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    const string Bin = "/usr/lib/postgresql/15/bin";

    readonly string folder;

    PostgresCluster(string folder, NpgsqlDataSource source) => (this.folder, Source) = (folder, source);

    /// <summary>Connections to the cluster's postgres database (pooled; the 32 searches at once take 32).</summary>
    public NpgsqlDataSource Source { get; }

    /// <summary>
    /// CPU time the server's processes have used so far (the postmaster and its children alive now: the pooled
    /// connections' backends live through a run), from /proc, to put beside the client's own.
    /// </summary>
    public TimeSpan ServerCpu()
    {
        var postmaster = File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First();
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // gone since listed
            // After the command name in parentheses: state, ppid, … utime and stime are the 12th and 13th fields.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (Path.GetFileName(dir) == postmaster || fields[1] == postmaster)
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ: 100 on Linux
    }

    public static bool Installed => File.Exists(Path.Combine(Bin, "initdb"));

    public static async Task<PostgresCluster> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("protokol-pgfts.").FullName;
        // initdb refuses root: as root the server runs as the user postgres, as the test script does.
        var user = Environment.UserName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres", folder);
            user = "postgres";
        }
        var data = Path.Combine(folder, "data");
        // C.UTF-8, not --no-locale: the text search parser takes only ASCII letters as letters in the C locale, and æ, ø, å would split words.
        await RunAsync(Path.Combine(Bin, "initdb"), "-D", data, "-U", user, "--auth=trust", "--locale=C.UTF-8", "-E", "UTF8");
        var port = FreePort();
        await RunAsync(Path.Combine(Bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{folder}' -c jit=off");
        var connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = user, Database = "postgres", MaxPoolSize = 64, CommandTimeout = 0 };
        return new PostgresCluster(folder, NpgsqlDataSource.Create(connection.ConnectionString));
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try { await RunAsync(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "stop"); }
        finally { Directory.Delete(folder, true); }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess && program != "chown" ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.IsPrivilegedProcess && program != "chown") foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
    }
}
