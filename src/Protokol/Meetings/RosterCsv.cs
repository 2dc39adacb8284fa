using System.Globalization;
using System.Text;

namespace Protokol.Meetings;

/// <summary>One line of a roster file: who sits where, in which role, from and to when (empty fields are null).</summary>
public sealed record RosterRow(int Line, string Name, string? Role, DateOnly? Start, DateOnly? End, string? Body);

/// <summary>What is wrong with a roster file, where: line 0 is the file as a whole; Field is the column, if one is to blame.</summary>
public sealed record RosterError(int Line, string? Field, string Message)
{
    public override string ToString() =>
        (Line == 0 ? "" : $"Linje {Line.ToString(CultureInfo.InvariantCulture)}" + (Field is null ? ": " : $", {Field}: ")) + Message;
}

/// <summary>
/// Reads a roster file as spreadsheets save it: a header line naming the columns (navn;rolle;start;slut, and
/// udvalg when the file covers several bodies, in any order), then one seat per line; UTF-8 with or without a
/// byte-order mark, ';' or ',' between fields (read from the header), "quoted" fields, Danish (31-12-2025,
/// 31.12.2025) or ISO (2025-12-31) dates. A pure function: text in, rows and errors out.
/// </summary>
public static class RosterCsv
{
    public const int MaxBytes = 512 * 1024;
    public const int MaxLines = 5000;
    public static readonly string[] Columns = ["navn", "rolle", "start", "slut", "udvalg"];
    static readonly string[] DateFormats = ["d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];
    const string Example = "navn;rolle;start;slut";

    public static (List<RosterRow> Rows, List<RosterError> Errors) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return ([], [new(0, null, "Filen er tom.")]);
        if (bytes.Length > MaxBytes) return ([], [new(0, null, $"Filen er for stor (højst {MaxBytes / 1024} kB); en medlemsliste fylder meget mindre.")]);
        var (text, badLine) = Decode(bytes);
        if (text is null)
            return ([], [new(badLine, null, "Teksten er ikke UTF-8. Gem filen som »CSV UTF-8 (kommasepareret)« i regnearket, og prøv igen.")]);
        return Parse(text);
    }

    public static (List<RosterRow> Rows, List<RosterError> Errors) Parse(string text)
    {
        var records = Records(text, out var separator, out var unclosed);
        var errors = new List<RosterError>();
        if (unclosed is { } open) errors.Add(new(open, null, "Et felt begynder med \" men slutter aldrig med \"."));
        if (records.Count == 0) return ([], [new(0, null, $"Filen er tom. Første linje skal være kolonnernes navne: {Example}.")]);
        var (headerLine, header) = records[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLower(SectionLabels.Danish);
            if (name.Length == 0) continue;
            if (!Columns.Contains(name)) errors.Add(new(headerLine, null, $"Ukendt kolonne »{header[i].Trim()}«. Kolonnerne hedder {string.Join(", ", Columns)}."));
            else if (!index.TryAdd(name, i)) errors.Add(new(headerLine, null, $"Kolonnen »{name}« står to gange."));
        }
        foreach (var missing in Columns.Take(4).Where(c => !index.ContainsKey(c)))
            errors.Add(new(headerLine, null, $"Kolonnen »{missing}« mangler. Første linje skal være kolonnernes navne: {Example}" + (separator == ',' ? " (eller med komma)." : ".")));
        if (errors.Count > 0) return ([], errors);
        if (records.Count - 1 > MaxLines) return ([], [new(0, null, $"Filen har mere end {MaxLines} linjer.")]);

        var rows = new List<RosterRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            string Field(string column) => index.TryGetValue(column, out var i) && i < fields.Count ? fields[i].Trim() : "";
            if (fields.Count > header.Count && fields.Skip(header.Count).Any(f => f.Trim().Length > 0))
            {
                errors.Add(new(line, null, $"Linjen har {fields.Count} felter, men der er kun {header.Count} kolonner. Står der et »{separator}« i et navn, så sæt feltet i anførselstegn."));
                continue;
            }
            var before = errors.Count;
            var (name, nameProblem) = RosterOperations.CleanName(Field("navn"), "personens");
            if (nameProblem is not null) errors.Add(new(line, "navn", nameProblem));
            var role = Field("rolle");
            if (role.Length > RosterOperations.MaxRole) errors.Add(new(line, "rolle", $"Rollen er for lang (højst {RosterOperations.MaxRole} tegn)."));
            var start = Date(line, "start", Field("start"), errors);
            var end = Date(line, "slut", Field("slut"), errors);
            if (start is { } s && end is { } e && e < s) errors.Add(new(line, "slut", $"Slutdatoen ({RosterOperations.Day(e)}) ligger før startdatoen ({RosterOperations.Day(s)})."));
            var body = Field("udvalg");
            if (errors.Count == before) rows.Add(new(line, name, RosterOperations.CleanRole(role), start, end, body.Length == 0 ? null : body));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(0, null, "Filen har kolonnernes navne, men ingen medlemmer."));
        return (rows, errors);
    }

    /// <summary>A date as Danes and spreadsheets write it (31-12-2025, 31.12.2025, 2025-12-31); empty is null; Ok false when it cannot be read.</summary>
    public static (DateOnly? Day, bool Ok) ParseDay(string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0) return (null, true);
        return DateOnly.TryParseExact(text, DateFormats, SectionLabels.Danish, DateTimeStyles.None, out var day) ? (day, true) : (null, false);
    }

    public static string NotADay(string text) => $"»{text.Trim()}« er ikke en dato. Skriv fx 31-12-2025, 31.12.2025 eller 2025-12-31.";

    static DateOnly? Date(int line, string field, string text, List<RosterError> errors)
    {
        var (day, ok) = ParseDay(text);
        if (!ok) errors.Add(new(line, field, NotADay(text)));
        return day;
    }

    /// <summary>Strict UTF-8 (a byte-order mark is skipped); on bytes that are not UTF-8, the line they are on.</summary>
    static (string? Text, int BadLine) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try { return (strict.GetString(bytes), 0); }
        catch (DecoderFallbackException)
        {
            var line = 1;
            foreach (var part in bytes.Split((byte)'\n'))
            {
                try { strict.GetString(bytes[part]); }
                catch (DecoderFallbackException) { return (null, line); }
                line++;
            }
            return (null, 0);
        }
    }

    /// <summary>
    /// The records of the text, each with the line it starts on; blank lines are skipped. The separator is the
    /// header's: ';' if it has one (Danish spreadsheets), else ','. A quoted field may hold the separator, "" and line breaks.
    /// </summary>
    static List<(int Line, List<string> Fields)> Records(string text, out char separator, out int? unclosed)
    {
        var firstLine = text.AsSpan().TrimStart("\r\n");
        var end = firstLine.IndexOfAny('\r', '\n');
        var header = end < 0 ? firstLine : firstLine[..end];
        separator = header.Contains(';') ? ';' : ',';
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, startLine, quoted, quoteOpened) = (1, 1, false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0) { field.Clear(); quoted = true; quoteOpened = line; }
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                End();
                line++;
                startLine = line;
            }
            else field.Append(c);
        }
        unclosed = quoted ? quoteOpened : null;
        End();
        return records;

        void End()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Any(f => f.Trim().Length > 0)) records.Add((startLine, fields));
            fields = [];
        }
    }
}
