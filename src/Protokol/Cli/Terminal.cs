using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Protokol.Cli;

/// <summary>
/// Output to a terminal. Text from files (names, titles, the lines diagnostics quote) never reaches it raw: a control
/// character from a damaged file could move the cursor, retitle the window or hide what follows, and a bidirectional
/// override could show a name backwards. Each is printed as its code, "\u001B".
/// </summary>
static class Terminal
{
    public static string Safe(string text)
    {
        if (!text.Any(Unsafe)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            if (Unsafe(c)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else sb.Append(c);
        return sb.ToString();
    }

    static bool Unsafe(char c) => char.IsControl(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// One line, its text made safe; <paramref name="style"/> is Spectre markup such as "red". Into a pipe or a file it
    /// goes plain and whole, one diagnostic a line for grep, where Spectre would wrap it at 80 columns.
    /// </summary>
    public static void Line(string text, string? style = null)
    {
        if (Console.IsOutputRedirected) { Console.Out.WriteLine(Safe(text)); return; }
        var safe = Markup.Escape(Safe(text));
        AnsiConsole.MarkupLine(style is null ? safe : $"[{style}]{safe}[/]");
    }

    public static string Count(int n, string one, string many) => $"{Number(n)} {(n == 1 ? one : many)}";

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
