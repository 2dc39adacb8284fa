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
        bool Hit(DanishText.Word w) => stems.Any(s => DanishText.Stem(plain.Substring(w.Start, w.Length)).StartsWith(s, StringComparison.Ordinal));
        var first = words.FindIndex(Hit);
        var from = first < 0 ? 0 : Math.Max(0, words[first].Start - length / 3);
        if (from > 0) from = plain.IndexOf(' ', from) + 1;
        var to = Math.Min(plain.Length, from + length);
        if (to < plain.Length && plain.LastIndexOf(' ', to) > from) to = plain.LastIndexOf(' ', to);

        var sb = new StringBuilder();
        if (from > 0) sb.Append("… ");
        var at = from;
        foreach (var w in words.Where(w => w.Start >= from && w.Start + w.Length <= to && Hit(w)))
        {
            sb.Append(Encoder.Encode(plain[at..w.Start])).Append("<mark>").Append(Encoder.Encode(plain.Substring(w.Start, w.Length))).Append("</mark>");
            at = w.Start + w.Length;
        }
        sb.Append(Encoder.Encode(plain[at..to]));
        if (to < plain.Length) sb.Append(" …");
        return sb.ToString();
    }

    /// <summary>Markdown without its marks: table pipes, emphasis and list markers would only clutter a snippet.</summary>
    static string Plain(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        foreach (var c in markdown)
            sb.Append(c is '|' or '*' or '#' or '\n' or '\t' ? ' ' : c);
        return System.Text.RegularExpressions.Regex.Replace(sb.ToString().Replace("---", " ", StringComparison.Ordinal), " {2,}", " ").Trim();
    }
}
