using System.Text;

namespace Protokol.Documents;

/// <summary>
/// Spreadsheet files as Danish Excel opens them: UTF-8 with BOM, ';' between cells, CRLF between rows; a cell is
/// quoted when it holds a separator, a quote or a line break, and never read as a formula.
/// </summary>
public static class Csv
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        Line(csv, header);
        foreach (var row in rows) Line(csv, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    static void Line(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var n = 0; n < cells.Count; n++)
        {
            if (n > 0) csv.Append(';');
            csv.Append(Cell(cells[n] ?? ""));
        }
        csv.Append("\r\n");
    }

    /// <summary>A cell starting with = + - @ (or a tab or carriage return) would be run by a spreadsheet: a leading ' keeps it text.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal)) value = "'" + value;
        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
