using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Checks;

/// <summary>A Danish personal number (CPR) found in text, shown with its serial digits hidden.</summary>
public sealed record CprMatch(int Index, int Length, string Masked, DateOnly Born);

/// <summary>
/// Danish CPR numbers (ddmmyy-xxxx): a real date, and a seventh digit whose century makes the year plausible for
/// someone alive (born from 1900 up to today). The modulus-11 check is not used: numbers issued since 2007 need
/// not pass it. A number run into other digits or letters is not one.
/// </summary>
public static partial class Cpr
{
    [GeneratedRegex(@"(?<!\p{L}|\p{Nd}|\p{Nd}[/.,-])(\d{2})(\d{2})(\d{2})[-‐‑–](\d{4})(?![\p{L}\p{Nd}]|[.,]\d)")]
    private static partial Regex Shape();

    public static IReadOnlyList<CprMatch> Find(string text, DateOnly today)
    {
        var found = new List<CprMatch>();
        foreach (Match m in Shape().Matches(text))
        {
            var (day, month, yy, serial) = (Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]), m.Groups[4].Value);
            if (Year(yy, serial[0] - '0') is not { } year || year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) continue;
            var born = new DateOnly(year, month, day);
            if (born > today) continue;
            found.Add(new CprMatch(m.Index, m.Length, $"{m.Groups[1].Value}{m.Groups[2].Value}{m.Groups[3].Value}-{serial[0]}xxx", born));
        }
        return found;
    }

    /// <summary>The year of birth the seventh digit gives (CPR-kontoret's table), or null when none does.</summary>
    static int? Year(int yy, int seventh) => seventh switch
    {
        <= 3 => 1900 + yy,
        4 or 9 => yy <= 36 ? 2000 + yy : 1900 + yy,
        _ => yy <= 57 ? 2000 + yy : 1800 + yy,
    };

    static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
}
