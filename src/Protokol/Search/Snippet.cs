using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;

namespace Protokol.Search;

/// <summary>A short passage of an item's own text around the words that matched, those words marked.</summary>
public static class Snippet
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Html(string text, IReadOnlySet<string> stems, int length = 240)
    {
        var plain = Plain(text);
        var words = DanishText.Words(plain).ToList();
        // Each word is stemmed at most once, however many query stems there are and wherever it is asked about.
        var hits = new bool?[words.Count];
        bool Hit(int i)
        {
            if (hits[i] is { } known) return known;
            // A Danish Snowball stem is a prefix of its word: most words need no stemming to know they do not match.
            var word = plain.Substring(words[i].Start, words[i].Length);
            if (!stems.Any(s => word.StartsWith(s, StringComparison.OrdinalIgnoreCase))) return (hits[i] = false).Value;
            var stem = DanishText.Stem(word);
            return (hits[i] = stems.Contains(stem)).Value;
        }
        var first = Enumerable.Range(0, words.Count).FirstOrDefault(Hit, -1);
        var from = first < 0 ? 0 : Math.Max(0, words[first].Start - length / 3);
        if (from > 0) from = plain.IndexOf(' ', from) + 1;
        var to = Math.Min(plain.Length, from + length);
        if (to < plain.Length && plain.LastIndexOf(' ', to) > from) to = plain.LastIndexOf(' ', to);

        var sb = new StringBuilder();
        if (from > 0) sb.Append("… ");
        var at = from;
        foreach (var w in Enumerable.Range(0, words.Count).Where(i => words[i].Start >= from && words[i].Start + words[i].Length <= to && Hit(i)).Select(i => words[i]))
        {
            sb.Append(Encoder.Encode(plain[at..w.Start])).Append("<mark>").Append(Encoder.Encode(plain.Substring(w.Start, w.Length))).Append("</mark>");
            at = w.Start + w.Length;
        }
        sb.Append(Encoder.Encode(plain[at..to]));
        if (to < plain.Length) sb.Append(" …");
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
