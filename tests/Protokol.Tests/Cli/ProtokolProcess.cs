using System.Diagnostics;

namespace Protokol.Tests.Cli;

/// <summary>The `protokol` program run as a person runs it: in its own process, its output read whole.</summary>
public static class ProtokolProcess
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "protokol.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Generous: a loaded CI machine starts .NET slowly; a hang still ends the test.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        return (process.ExitCode, await output, await error);
    }
}
