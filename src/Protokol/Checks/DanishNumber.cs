using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Checks;

/// <summary>Amounts as Danish documents write them: "1.378.372,5", "-136.870.000", "0,525".</summary>
public static partial class DanishNumber
{
    [GeneratedRegex(@"^[-−–]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
    private static partial Regex Shape();

    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (!Shape().IsMatch(t)) return false;
        var negative = t[0] is '-' or '−' or '–';
        var digits = (negative ? t[1..] : t).Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        if (negative) value = -value;
        return true;
    }

    public static string Format(decimal value) => value.ToString("#,##0.##", Meetings.SectionLabels.Danish);
}
