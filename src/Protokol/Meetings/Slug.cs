using System.Globalization;
using System.Text;

namespace Protokol.Meetings;

public static class Slug
{
    /// <summary>"Social- og Sundhedsudvalget" → "social-og-sundhedsudvalget"; æ/ø/å spelled ae/oe/aa as Danish URLs do.</summary>
    public static string From(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            var part = c switch { 'æ' => "ae", 'ø' => "oe", 'å' => "aa", 'é' => "e", 'ü' => "u", 'ö' => "oe", 'ä' => "ae", _ => null };
            if (part is not null) sb.Append(part);
            else if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
