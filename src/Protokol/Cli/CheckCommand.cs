using Protokol.Checks;
using Protokol.Import;
using Spectre.Console;

namespace Protokol.Cli;

static class CheckCommand
{
    public static int Run(string path)
    {
        if (!File.Exists(path)) { AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{path}: no such file[/]"); return 2; }
        ParsedDocument parsed;
        string[] lines;
        try
        {
            var bytes = File.ReadAllBytes(path);
            parsed = ArchiveImport.Parse(path, bytes);
            lines = path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? [] : System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        }
        catch (Exception e) when (e is not OperationCanceledException) // PdfPig throws many kinds on damaged files
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{path}: could not be read: {e.Message}[/]");
            return 2;
        }
        foreach (var d in parsed.Diagnostics) AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"{path}:{d}");
        if (parsed.Meeting is null) return 1;
        var m = parsed.Meeting;
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"{m.BodyTitle}, {m.StartsAt:yyyy-MM-dd HH:mm}: {m.Items.Count} items, {parsed.Diagnostics.Count} diagnostics");
        var reports = BudgetCheck.Check(m);
        foreach (var r in reports)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Punkt {r.ItemNumber} ({r.ItemTitle}): table with {r.Report.Table.Rows.Count} rows; rules: {string.Join("; ", r.Report.Rules)}");
            foreach (var f in r.Report.Findings)
            {
                var line = Array.FindIndex(lines, l => l.TrimEnd() == f.RowText.TrimEnd()) + 1;
                var where = line > 0 ? $"{path}:{line}" : path;
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"  [yellow]{where}: {f}[/]");
            }
        }
        return parsed.Diagnostics.Any(d => d.Severity == Severity.Error) || reports.Any(r => r.Report.Findings.Count > 0) ? 1 : 0;
    }
}
