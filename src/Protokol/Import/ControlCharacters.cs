using System.Globalization;

namespace Protokol.Import;

/// <summary>
/// Control characters from a damaged file (an escape, a NUL): removed from what is imported, and reported. A terminal
/// escape sequence ("ESC[31m", "ESC]0;title BEL") goes whole, not just its escape.
/// </summary>
public static partial class ControlCharacters
{
    /// <summary>Tab and line breaks are text; a form feed is a page break (pdftotext writes one per page).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\u001B(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(\u0007|\u001B\\)?)?|[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]")]
    private static partial System.Text.RegularExpressions.Regex Stray();

    static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))]);

    /// <summary>The text without them, how many there were, and where the first stood (-1: none).</summary>
    public static (string Text, int Count, int First) Remove(string text)
    {
        if (!text.AsSpan().ContainsAny(Controls)) return (text, 0, -1); // nearly always, and a vectorised scan
        var first = Stray().Match(text);
        if (!first.Success) return (text, 0, -1);
        var count = 0;
        var kept = Stray().Replace(text, _ => { count++; return ""; });
        return (kept, count, first.Index);
    }

    public static string Describe(int count, char example) => string.Create(CultureInfo.InvariantCulture,
        $"{count} control {(count == 1 ? "character" : "characters")} (U+{(int)example:X4}{(count > 1 ? " and others" : "")}) removed: the file may be damaged");
}
