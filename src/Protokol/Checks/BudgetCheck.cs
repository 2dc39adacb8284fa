using System.Text.RegularExpressions;
using Protokol.Meetings;

namespace Protokol.Checks;

/// <summary>A row whose printed amount differs from what the table's own arithmetic says it should be.</summary>
/// <remarks>Line is the row's line within the section text; RowText lets a caller find it in the source document.</remarks>
public sealed record BudgetFinding(string Row, int Line, string RowText, string Column, decimal Expected, decimal Found, string Rule)
{
    public override string ToString() =>
        $"row '{Row}', column '{Column}': expected {DanishNumber.Format(Expected)}, found {DanishNumber.Format(Found)} ({Rule})";
}

public sealed record TableReport(PipeTable Table, IReadOnlyList<string> Rules, IReadOnlyList<BudgetFinding> Findings);

public sealed record ItemTableReport(string ItemNumber, string ItemTitle, SectionKind Section, TableReport Report);

/// <summary>
/// Works out which columns of a number table are meant to add up — row arithmetic (budget + income =
/// corrected budget) and totals (sub-rows sum to their total) — from the rows that agree, and reports
/// every row that does not.
/// </summary>
public static partial class BudgetCheck
{
    [GeneratedRegex(@"(^|\s)(i alt|total|totalt|sum|samlet|hovedtotal)(\s|,|:|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TotalLabel();

    const double Agreement = 0.75;

    public static List<ItemTableReport> Check(Meeting meeting) =>
        meeting.Items.OrderBy(i => i.Order)
            .SelectMany(i => i.OrderedSections.SelectMany(s => CheckText(s.Text).Select(r => new ItemTableReport(i.Number, i.Title, s.Kind, r))))
            .ToList();

    public static List<TableReport> CheckText(string text) => PipeTable.FindAll(text).Select(Check).Where(r => r.Rules.Count > 0).ToList();

    public static TableReport Check(PipeTable table)
    {
        var width = table.Rows.Select(r => r.Cells.Count).Append(table.Header.Count).Max();
        var values = table.Rows.Select(r => Enumerable.Range(0, width)
            .Select(c => c < r.Cells.Count && c > 0 && DanishNumber.TryParse(r.Cells[c], out var v) ? v : (decimal?)null).ToArray()).ToArray();
        var numeric = Enumerable.Range(1, width - 1).Where(c => values.Count(v => v[c] is not null) >= 2).ToList();
        string Name(int c) => c < table.Header.Count && table.Header[c].Length > 0 ? table.Header[c] : $"kolonne {c + 1}";

        var rules = new List<string>();
        var findings = new List<BudgetFinding>();
        foreach (var rel in RowRelations(values, numeric))
        {
            rules.Add($"{Name(rel.Target)} = {Name(rel.Left)} {(rel.Minus ? "−" : "+")} {Name(rel.Right)}");
            for (var r = 0; r < values.Length; r++)
                if (rel.Applies(values[r]) && !rel.Holds(values[r]))
                    findings.Add(new(table.Rows[r].Label, table.Rows[r].Line, table.Rows[r].Text, Name(rel.Target), rel.Expected(values[r]), values[r][rel.Target]!.Value, rules[^1]));
        }
        TotalFindings(table, values, numeric, Name, rules, findings);
        return new TableReport(table, rules, findings.OrderBy(f => f.Line).ThenBy(f => f.Column, StringComparer.Ordinal).ToList());
    }

    sealed record Relation(int Target, int Left, int Right, bool Minus)
    {
        public bool Applies(decimal?[] row) => row[Target] is not null && row[Left] is not null && row[Right] is not null;
        public decimal Expected(decimal?[] row) => Minus ? row[Left]!.Value - row[Right]!.Value : row[Left]!.Value + row[Right]!.Value;
        public bool Holds(decimal?[] row) => Expected(row) == row[Target];
    }

    /// <summary>For each three numeric columns, the relation most rows obey, if most do; the rightmost column is taken as the result.</summary>
    static List<Relation> RowRelations(decimal?[][] values, List<int> numeric)
    {
        var found = new List<Relation>();
        var seen = new HashSet<(int, int, int, bool)>();
        for (var a = 0; a < numeric.Count; a++)
        for (var b = a + 1; b < numeric.Count; b++)
        for (var c = b + 1; c < numeric.Count; c++)
        {
            var (x, y, z) = (numeric[a], numeric[b], numeric[c]);
            Relation[] candidates =
            [
                new(z, x, y, false), new(z, x, y, true), new(z, y, x, true),
                new(y, x, z, false), new(y, x, z, true), new(y, z, x, true),
                new(x, y, z, false), new(x, y, z, true), new(x, z, y, true),
            ];
            var rel = candidates.FirstOrDefault(r => Obeyed(r, values));
            if (rel is null) continue;
            // Two identical columns (e.g. budget = expected spend throughout) would repeat the same rule under another name.
            var key = (Canonical(rel.Target, values, numeric), rel.Left, rel.Right, rel.Minus);
            if (seen.Add(key)) found.Add(rel);
        }
        return found;
    }

    static bool Obeyed(Relation rel, decimal?[][] values)
    {
        var rows = values.Where(rel.Applies).ToList();
        var holding = rows.Where(rel.Holds).ToList();
        var meaningful = holding.Count(r => r[rel.Left] != 0 && r[rel.Right] != 0);
        return rows.Count >= 2 && meaningful >= 2 && holding.Count >= Agreement * rows.Count;
    }

    static int Canonical(int column, decimal?[][] values, List<int> numeric) =>
        numeric.First(other => other == column || values.Where(r => r[other] is not null && r[column] is not null).All(r => r[other] == r[column]));

    /// <summary>
    /// Total rows ("I alt", "Total ...") must equal the sum of the top-level rows above them. A row without such a
    /// label that equals the sum of a run of rows right below (or above) it in most columns is a subtotal of that run.
    /// </summary>
    static void TotalFindings(PipeTable table, decimal?[][] values, List<int> numeric, Func<int, string> name, List<string> rules, List<BudgetFinding> findings)
    {
        var isTotal = table.Rows.Select(r => TotalLabel().IsMatch(StripTags(r.Label))).ToArray();
        var child = new bool[values.Length];
        for (var r = 0; r < values.Length; r++)
        {
            if (isTotal[r] || child[r]) continue;
            var run = BestRun(r, values, numeric, isTotal);
            if (run is null) continue;
            for (var k = run.Value.From; k <= run.Value.To; k++) child[k] = true;
            var rule = $"'{table.Rows[r].Label}' = summen af rækkerne '{table.Rows[run.Value.From].Label}' til '{table.Rows[run.Value.To].Label}'";
            rules.Add(rule);
            Compare(r, Enumerable.Range(run.Value.From, run.Value.To - run.Value.From + 1), rule);
        }
        var previousTotal = -1;
        for (var r = 0; r < values.Length; r++)
        {
            if (!isTotal[r]) continue;
            var above = Enumerable.Range(previousTotal + 1, r - previousTotal - 1).Where(k => !child[k] && !isTotal[k]).ToList();
            previousTotal = r;
            if (above.Count < 2) continue;
            var rule = $"'{table.Rows[r].Label}' = summen af rækkerne over";
            rules.Add(rule);
            Compare(r, above, rule);
        }

        void Compare(int row, IEnumerable<int> parts, string rule)
        {
            var list = parts.ToList();
            foreach (var c in numeric)
            {
                if (values[row][c] is not { } found || list.All(k => values[k][c] is null)) continue;
                var expected = list.Sum(k => values[k][c] ?? 0);
                if (expected != found) findings.Add(new(table.Rows[row].Label, table.Rows[row].Line, table.Rows[row].Text, name(c), expected, found, rule));
            }
        }
    }

    static (int From, int To)? BestRun(int r, decimal?[][] values, List<int> numeric, bool[] isTotal)
    {
        var cols = numeric.Where(c => values[r][c] is { } v && v != 0).ToList();
        if (cols.Count < 2) return null;
        (int From, int To)? best = null;
        var bestScore = 0;
        void Try(int from, int to)
        {
            var score = cols.Count(c => Enumerable.Range(from, to - from + 1).Sum(k => values[k][c] ?? 0) == values[r][c]);
            if (score >= 2 && score * 2 >= cols.Count && (score > bestScore || (score == bestScore && best is { } b && to - from > b.To - b.From)))
                (best, bestScore) = ((from, to), score);
        }
        for (var to = r + 2; to < values.Length && !isTotal[to]; to++) Try(r + 1, to);
        for (var from = r - 2; from >= 0 && !isTotal[from]; from--) Try(from, r - 1);
        return best;
    }

    static string StripTags(string s) => Regex.Replace(s, "<[^>]+>", "");
}
