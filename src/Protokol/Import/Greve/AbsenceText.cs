using System.Text.RegularExpressions;

namespace Protokol.Import.Greve;

/// <summary>
/// Absence as decision texts write it: "Fraværende: A, B", "Afbud: A (V)", "Ikke til stede: A.",
/// "Afbud fra A (A)", "A (V) var ikke til stede.".
/// </summary>
public static partial class AbsenceText
{
    [GeneratedRegex(@"^\**(Fraværende|Afbud|Ikke til stede)\**\s*(:|fra\b)?\s*\**\s*(?<names>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Listed();

    [GeneratedRegex(@"^(?<names>.+?)\s*(\([^)]*\))?\s+var ikke til stede\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Party();

    public static IEnumerable<string> Names(string decisionText)
    {
        foreach (var raw in decisionText.Split('\n'))
        {
            var line = raw.Trim();
            var m = Listed().Match(line);
            if (!m.Success) m = Sentence().Match(line);
            if (!m.Success) continue;
            var names = Party().Replace(m.Groups["names"].Value, "").Replace(" og ", ",", StringComparison.Ordinal);
            foreach (var n in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = n.Trim('.', ' ', '*');
                if (name.Length > 2 && name is not ("Ingen" or "Intet") && name.Split(' ').All(w => w.Length > 0 && char.IsUpper(w[0]))) yield return name;
            }
        }
    }

    /// <summary>The participant a written name means: exact, or same first and last name ("Mehmet Dogru" = "Mehmet Zeki Dogru").</summary>
    public static string? Match(string written, IEnumerable<string> participants)
    {
        var list = participants.ToList();
        var exact = list.FirstOrDefault(p => string.Equals(p, written, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var w = written.Split(' ');
        var loose = list.Where(p => { var parts = p.Split(' '); return parts[0] == w[0] && parts[^1] == w[^1]; }).ToList();
        return loose.Count == 1 ? loose[0] : null;
    }
}
