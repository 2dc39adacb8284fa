using Protokol.Checks;
using Protokol.Import;
using Protokol.Meetings;

namespace Protokol.Cli;

static class CheckCommand
{
    public static int Run(string path)
    {
        if (!File.Exists(path)) { Terminal.Line($"{path}: no such file", "red"); return 2; }
        ParsedDocument parsed;
        string[] lines;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > ImportLimits.MaxFileBytes) { Terminal.Line($"{path}: {ImportLimits.FileTooLarge(length)}", "red"); return 1; }
            var bytes = File.ReadAllBytes(path);
            parsed = ArchiveImport.Parse(path, bytes);
            lines = path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? [] : System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        }
        catch (Exception e) when (e is not OperationCanceledException) // PdfPig throws many kinds on damaged files
        {
            Terminal.Line($"{path}: could not be read: {e.Message}", "red");
            return 2;
        }
        foreach (var d in parsed.Diagnostics) Terminal.Line($"{path}:{d}", d.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => null });
        if (parsed.Words is { } w)
            Terminal.Line($"words: {Terminal.Number(w.Source)} in the source, {Terminal.Number(w.Stored)} in the meeting with its labels, {Terminal.Number(w.Lost)} lost", w.Lost > 0 ? "yellow" : null);
        if (parsed.Meeting is null) return 1;
        var m = parsed.Meeting;
        Terminal.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{m.BodyTitle}, {m.StartsAt:yyyy-MM-dd HH:mm}: {m.Items.Count} items, {parsed.Diagnostics.Count} diagnostics{(parsed.Failed ? "; not importable while it has errors" : "")}"));
        foreach (var item in m.Items)
            foreach (var d in item.Decisions.Where(d => d.Outcome == DecisionOutcome.Mixed))
                Terminal.Line($"Punkt {item.Number}: decided point by point: " + string.Join("; ", DecisionOutcomes.Points(d.Text).Select(p =>
                    $"{(p.From == p.To ? Terminal.Number(p.From) : $"{Terminal.Number(p.From)}-{Terminal.Number(p.To)}")} {DecisionOutcomes.Danish(p.Outcome)}")));
        var reports = BudgetCheck.Check(m);
        foreach (var r in reports)
        {
            Terminal.Line($"Punkt {r.ItemNumber} ({r.ItemTitle}): table with {Terminal.Number(r.Report.Table.Rows.Count)} rows; rules: {string.Join("; ", r.Report.Rules)}");
            foreach (var f in r.Report.Findings)
            {
                var line = Array.FindIndex(lines, l => l.TrimEnd() == f.RowText.TrimEnd()) + 1;
                var where = line > 0 ? $"{path}:{line.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : path;
                Terminal.Line($"  {where}: {f}", "yellow");
            }
        }
        return parsed.Failed || reports.Any(r => r.Report.Findings.Count > 0) ? 1 : 0;
    }
}
