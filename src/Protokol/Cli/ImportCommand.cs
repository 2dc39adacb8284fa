using Protokol.Import;
using Protokol.Storage;
using Spectre.Console;

namespace Protokol.Cli;

static class ImportCommand
{
    public static async Task<int> RunAsync(string dbPath, string[] paths, CancellationToken ct)
    {
        var files = ArchiveImport.Expand(paths);
        await using var db = Database.OpenSqlite(dbPath);
        db.Actor = Accounts.Viewer.CommandLine().Actor;
        var import = new ArchiveImport(db);
        var results = new List<FileImportResult>();
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Importerer", maxValue: Math.Max(1, files.Count));
            foreach (var f in files)
            {
                results.Add(await import.ImportAsync(f, ct));
                task.Increment(1);
            }
        });
        Print(results);
        return results.Any(r => r.Outcome == FileOutcome.Failed) ? 1 : 0;
    }

    static void Print(List<FileImportResult> results)
    {
        var table = new Table().AddColumns("Result", "Files");
        foreach (var outcome in Enum.GetValues<FileOutcome>())
            table.AddRow(outcome.ToString().ToLowerInvariant(), results.Count(r => r.Outcome == outcome).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        foreach (var r in results.Where(r => r.Outcome == FileOutcome.Failed))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]failed[/] {r.File}: {r.Reason}");
        var warnings = results.Sum(r => r.Diagnostics.Count(d => d.Severity >= Severity.Warning));
        if (warnings > 0) AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"{warnings} warnings; run 'protokol check <file>' to see them");
    }
}
