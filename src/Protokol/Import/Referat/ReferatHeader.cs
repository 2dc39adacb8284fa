using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Meetings;

namespace Protokol.Import.Referat;

/// <summary>The parts of the minutes header that both the parser and the writer need to agree on.</summary>
public static partial class ReferatHeader
{
    static readonly string[] Months =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
    static readonly string[] Weekdays = ["Søndag", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag"];

    [GeneratedRegex(@"^(?<stage>REFERAT|DAGSORDEN)\s+(?<body>.+?)\s+d\.\s*(?<date>\d{1,2}-\d{1,2}-\d{4})\s*$")]
    public static partial Regex TitleLine();

    [GeneratedRegex(@"^(?<wd>\p{L}+)\s+d\.\s*(?<d>\d{1,2})\.\s*(?<month>\p{L}+)\s+(?<y>\d{4})\s+kl\.\s*(?<h>\d{1,2})[:.](?<min>\d{2})\s*$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(?<name>.*?)\s*\((?<why>Fravær|Afbud|Fraværende|Forfald)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex AbsentName();

    const string JointPrefix = "Fællesmøde mellem ";

    public static string FormatDate(DateTime at) =>
        $"{Weekdays[(int)at.DayOfWeek]} d. {at.Day:00}. {Months[at.Month - 1]} {at.ToString("yyyy", CultureInfo.InvariantCulture)} kl. {at.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static string FormatShortDate(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static bool TryParseShortDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Parses "Tirsdag d. 04. februar 2025 kl. 08:00"; the error says what was expected.</summary>
    public static (DateTime? At, string? Error) ParseDate(string text)
    {
        var m = DateLine().Match(text.Trim());
        if (!m.Success) return (null, $"expected '<weekday> d. <day>. <month> <year> kl. <hh:mm>', found '{text.Trim()}'");
        var month = Array.IndexOf(Months, m.Groups["month"].Value.ToLowerInvariant()) + 1;
        if (month == 0) return (null, $"unknown month '{m.Groups["month"].Value}'");
        var (y, d, h, min) = (Int(m, "y"), Int(m, "d"), Int(m, "h"), Int(m, "min"));
        if (d > DateTime.DaysInMonth(y, month) || h > 23 || min > 59 || d < 1) return (null, $"no such date or time '{text.Trim()}'");
        var at = new DateTime(y, month, d, h, min, 0, DateTimeKind.Unspecified);
        var weekday = m.Groups["wd"].Value;
        return string.Equals(weekday, Weekdays[(int)at.DayOfWeek], StringComparison.OrdinalIgnoreCase)
            ? (at, null)
            : (at, $"'{weekday}' is not the weekday of {at:yyyy-MM-dd}; the date was kept");
    }

    static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// Splits "Fællesmøde mellem A og B" into its committees. A name may itself contain " og "
    /// ("Social- og Sundhedsudvalget"), so known body names decide first; otherwise an " og "
    /// after a hyphenated word ("Social- og") never splits.
    /// </summary>
    public static IReadOnlyList<string> SplitBodies(string title, IReadOnlyCollection<string>? knownBodies = null)
    {
        if (!title.StartsWith(JointPrefix, StringComparison.OrdinalIgnoreCase)) return [title.Trim()];
        var rest = title[JointPrefix.Length..].Trim();
        var splits = AllIndexes(rest, " og ").ToList();
        if (knownBodies is { Count: > 0 })
        {
            var known = new HashSet<string>(knownBodies, StringComparer.OrdinalIgnoreCase);
            foreach (var i in splits)
                if (known.Contains(rest[..i]) && known.Contains(rest[(i + 4)..])) return [rest[..i], rest[(i + 4)..]];
        }
        var parts = new List<string>();
        var start = 0;
        foreach (var i in splits)
        {
            var before = rest[..i];
            if (before.EndsWith('-') || before.EndsWith(',')) continue;
            parts.Add(rest[start..i].Trim());
            start = i + 4;
        }
        parts.Add(rest[start..].Trim());
        return parts;
    }

    public static string JoinBodies(IReadOnlyList<string> bodies) =>
        bodies.Count == 1 ? bodies[0] : JointPrefix + string.Join(" og ", bodies);

    static IEnumerable<int> AllIndexes(string s, string what)
    {
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
            yield return i;
    }

    /// <summary>"A, B (Fravær), C" — the printed line may wrap anywhere, even inside a name.</summary>
    public static List<Participant> ParseParticipants(string printed)
    {
        var flat = Regex.Replace(printed, @"\s+", " ").Trim();
        var list = new List<Participant>();
        foreach (var part in flat.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var m = AbsentName().Match(part);
            list.Add(m.Success
                ? new Participant { Name = m.Groups["name"].Value, Absent = true, AbsenceReason = m.Groups["why"].Value, Order = list.Count }
                : new Participant { Name = part, Order = list.Count });
        }
        return list;
    }

    public static string FormatParticipants(IEnumerable<Participant> participants) =>
        string.Join(", ", participants.OrderBy(p => p.Order).Select(p => p.Absent ? $"{p.Name} ({p.AbsenceReason ?? "Fravær"})" : p.Name));
}
