namespace Protokol.Checks;

/// <summary>A Markdown pipe table found in section text: header cells and data rows, with the row's line in the text.</summary>
public sealed record PipeTable(IReadOnlyList<string> Header, IReadOnlyList<PipeTable.Row> Rows)
{
    public sealed record Row(int Line, string Text, IReadOnlyList<string> Cells)
    {
        public string Label => Cells.Count > 0 ? Cells[0] : "";
    }

    /// <summary>Every table in the text: a header line, a separator of dashes, then rows, each a line starting with '|'.</summary>
    public static List<PipeTable> FindAll(string text)
    {
        var lines = text.Split('\n');
        var tables = new List<PipeTable>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!IsRow(lines[i]) || !IsSeparator(lines[i + 1])) continue;
            var header = Cells(lines[i]);
            var rows = new List<Row>();
            var j = i + 2;
            for (; j < lines.Length && IsRow(lines[j]); j++) rows.Add(new Row(j + 1, lines[j], Cells(lines[j])));
            tables.Add(new PipeTable(header, rows));
            i = j - 1;
        }
        return tables;
    }

    static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    static bool IsSeparator(string line) =>
        IsRow(line) && line.Trim().Trim('|').Split('|').All(c => c.Trim().Trim(':').Length > 0 && c.Trim().Trim(':').All(ch => ch == '-'));

    static List<string> Cells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return t.Split('|').Select(c => c.Trim()).ToList();
    }
}
