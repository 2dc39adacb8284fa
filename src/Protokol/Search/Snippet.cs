using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;

namespace Protokol.Search;

/// <summary>A short passage of an item's own text around the words that matched, those words marked.</summary>
public static class Snippet
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="knownStem">When given, a compound whose part has one of the stems is marked too ("opfølgning" in "budgetopfølgning").</param>
    public static string Html(string text, IReadOnlySet<string> stems, Func<string, bool>? knownStem = null, int length = 240)
    {
        // Items run to tens of thousands of characters: only a window around the first match is made plain and marked.
        var first = FirstMatch(text, stems, knownStem);
        var start = first < 0 ? 0 : Math.Max(0, first - length);
        var end = Math.Min(text.Length, Math.Max(first, 0) + 4 * length);
        if (start > 0) start = Math.Min(first, text.IndexOfAny(Space, start) + 1);
        if (end < text.Length && text.LastIndexOfAny(Space, end) > start) end = text.LastIndexOfAny(Space, end);
        return Mark(Plain(text[start..end]), stems, knownStem, length, start > 0, end < text.Length);
    }

    static readonly char[] Space = [' ', '\n', '\t'];

    /// <summary>Where the first word that matches starts, or -1.</summary>
    static int FirstMatch(string text, IReadOnlySet<string> stems, Func<string, bool>? knownStem)
    {
        foreach (var w in DanishText.Words(text))
            if (Matches(text.AsSpan(w.Start, w.Length), stems, knownStem)) return w.Start;
        return -1;
    }

    static bool Matches(ReadOnlySpan<char> word, IReadOnlySet<string> stems, Func<string, bool>? knownStem)
    {
        // A Danish Snowball stem is a prefix of its word, and a part's stem is inside it: most words need no stemming
        // to know they do not match.
        bool prefix = false, inside = false;
        foreach (var s in stems)
        {
            prefix |= word.StartsWith(s, StringComparison.OrdinalIgnoreCase);
            inside |= knownStem is not null && word.Length >= Decompounder.MinWord && word.Contains(s, StringComparison.OrdinalIgnoreCase);
        }
        if (!prefix && !inside) return false;
        var lower = DanishText.Lower(word);
        if (prefix && stems.Contains(DanishText.Stem(lower))) return true;
        return inside && Decompounder.AllParts(lower, knownStem!).Any(p => stems.Contains(DanishText.Stem(p)));
    }

    static string Mark(string plain, IReadOnlySet<string> stems, Func<string, bool>? knownStem, int length, bool leading, bool trailing)
    {
        var words = DanishText.Words(plain).ToList();
        var hits = words.Select(w => Matches(plain.AsSpan(w.Start, w.Length), stems, knownStem)).ToList();
        var first = hits.IndexOf(true);
        var from = first < 0 ? 0 : Math.Max(0, words[first].Start - length / 3);
        if (from > 0) from = plain.IndexOf(' ', from) + 1;
        var to = Math.Min(plain.Length, from + length);
        if (to < plain.Length && plain.LastIndexOf(' ', to) > from) to = plain.LastIndexOf(' ', to);

        var sb = new StringBuilder();
        if (from > 0 || leading) sb.Append("… ");
        var at = from;
        foreach (var w in Enumerable.Range(0, words.Count).Where(i => words[i].Start >= from && words[i].Start + words[i].Length <= to && hits[i]).Select(i => words[i]))
        {
            sb.Append(Encoder.Encode(plain[at..w.Start])).Append("<mark>").Append(Encoder.Encode(plain.Substring(w.Start, w.Length))).Append("</mark>");
            at = w.Start + w.Length;
        }
        sb.Append(Encoder.Encode(plain[at..to]));
        if (to < plain.Length || trailing) sb.Append(" …");
        return sb.ToString();
    }

    /// <summary>Markdown without its marks: table pipes, emphasis, list markers and escapes ("KL\`s") would only clutter a snippet.</summary>
    static string Plain(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length && Escapable(markdown[i + 1])) continue;
            sb.Append(c is '|' or '*' or '#' or '\n' or '\t' ? ' ' : c);
        }
        return System.Text.RegularExpressions.Regex.Replace(sb.ToString().Replace("---", " ", StringComparison.Ordinal), " {2,}", " ").Trim();
    }

    /// <summary>What CommonMark lets a backslash escape: ASCII punctuation and symbols.</summary>
    static bool Escapable(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));
}
