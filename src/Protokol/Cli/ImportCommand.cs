using Protokol.Import;
using Protokol.Storage;
using Spectre.Console;

namespace Protokol.Cli;

static class ImportCommand
{
    public static async Task<int> RunAsync(string dbPath, string[] paths, CancellationToken ct)
    {
        var list = ArchiveImport.Scan(paths);
        if (list.Files.Count == 0)
        {
            PrintSkipped(list.Skipped);
            Terminal.Line(list.Skipped.Count == 0
                ? $"nothing to import: {string.Join(", ", paths)} holds no files"
                : $"nothing to import: none of the {Terminal.Count(list.Skipped.Count, "file", "files")} in {string.Join(", ", paths)} is a referat (.txt, .pdf) or a publication-site meeting (.json)", "red");
            return 2;
        }
        // The first files are parsed while the store opens (for a new file, the schema's migrations take a second).
        var opening = Task.Run(() =>
        {
            var db = Database.Open(dbPath);
            db.Actor = Accounts.Viewer.CommandLine().Actor;
            return db;
        }, CancellationToken.None);
        var results = new List<FileImportResult>();
        try
        {
            await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Importerer", maxValue: list.Files.Count);
                await foreach (var result in new ImportRun(opening).ImportAsync(list.Files, ct))
                {
                    results.Add(result);
                    task.Increment(1);
                }
            });
        }
        finally
        {
            await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // stopped early: closed once open
            if (opening.IsCompletedSuccessfully) await opening.Result.DisposeAsync();
        }
        Print(results, list.Skipped);
        return results.Any(r => r.Outcome == FileOutcome.Failed) ? 1 : 0;
    }

    static void Print(List<FileImportResult> results, List<(string File, string Why)> skipped)
    {
        var table = new Table().AddColumns("Result", "Files");
        foreach (var outcome in Enum.GetValues<FileOutcome>())
            table.AddRow(outcome.ToString().ToLowerInvariant(), Terminal.Number(results.Count(r => r.Outcome == outcome)));
        table.AddRow("skipped", Terminal.Number(skipped.Count));
        AnsiConsole.Write(table);
        foreach (var r in results.Where(r => r.Outcome == FileOutcome.Failed)) Terminal.Line($"failed {r.File}: {r.Reason}", "red");
        PrintSkipped(skipped);

        var measured = results.Where(r => r.Words is not null).ToList();
        var lost = measured.Where(r => r.Words!.Lost > 0).ToList();
        if (measured.Count > 0)
            Terminal.Line($"Words: {Terminal.Count(measured.Sum(r => r.Words!.Source), "word", "words")} read, {Terminal.Number(measured.Sum(r => r.Words!.Lost))} lost"
                + (lost.Count == 0 ? "." : $" in {Terminal.Count(lost.Count, "file", "files")}:"), lost.Count == 0 ? null : "yellow");
        foreach (var r in lost) Terminal.Line($"  {r.File}: {Terminal.Count(r.Words!.Lost, "word", "words")} of {Terminal.Number(r.Words.Source)} not imported", "yellow");

        var errors = results.Sum(r => r.Diagnostics.Count(d => d.Severity == Severity.Error));
        var warnings = results.Sum(r => r.Diagnostics.Count(d => d.Severity == Severity.Warning));
        var warned = results.Count(r => r.Diagnostics.Any(d => d.Severity == Severity.Warning));
        if (errors + warnings == 0) return;
        var parts = new List<string>();
        if (errors > 0) parts.Add($"{Terminal.Count(errors, "error", "errors")} (the {(results.Count(r => r.Outcome == FileOutcome.Failed) == 1 ? "file was" : "files were")} not imported)");
        if (warnings > 0) parts.Add($"{Terminal.Count(warnings, "warning", "warnings")} in {Terminal.Count(warned, "file", "files")}");
        Terminal.Line($"{string.Join(", ", parts)}; run 'protokol check <file>' to see them", errors > 0 ? "red" : "yellow");
    }

    static void PrintSkipped(List<(string File, string Why)> skipped)
    {
        foreach (var (file, why) in skipped) Terminal.Line($"skipped {file}: {why}", "yellow");
    }
}
