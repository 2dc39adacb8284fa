using System.Text.RegularExpressions;

namespace Protokol.Meetings;

/// <summary>
/// A case (sag) number as municipalities print them: "20/6391" (yy/serial), "21-014439",
/// "EMN-2025-003383". Kept as printed; <see cref="Key"/> makes equal numbers compare equal.
/// </summary>
public sealed partial record CaseNumber(string Value)
{
    [GeneratedRegex(@"^(\d{2}/\d{1,7}|\d{2}-\d{3,7}|[A-ZÆØÅ]{2,6}-\d{4}-\d{3,8}|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2})$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out CaseNumber? number)
    {
        var t = text?.Trim() ?? "";
        number = Pattern().IsMatch(t) ? new CaseNumber(t) : null;
        return number is not null;
    }

    public static CaseNumber Parse(string text) =>
        TryParse(text, out var n) ? n! : throw new FormatException($"'{text}' is not a case number (expected e.g. 20/6391 or 21-014439)");

    /// <summary>URL- and index-safe form: "20/6391" → "20-6391".</summary>
    public string Key => Value.Replace('/', '-');

    public override string ToString() => Value;
}
