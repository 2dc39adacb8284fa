using System.Text.RegularExpressions;

namespace Protokol.Meetings;

/// <summary>One numbered point of a decision ("2. Ikke godkendt."), or a run of points decided alike ("1.-4. Godkendt.").</summary>
public sealed record DecisionPoint(int From, int To, string Text, DecisionOutcome Outcome);

/// <summary>
/// Reads which formula a decision text uses ("godkendt", "taget til efterretning", ...). A decision that numbers its
/// points ("1. Godkendt. 2. Ikke godkendt. 3. Taget til efterretning.") gets a kind per point, and is Mixed when they differ.
/// </summary>
public static partial class DecisionOutcomes
{
    static readonly (string Stem, DecisionOutcome Outcome)[] Formulas =
    [
        ("udsæt", DecisionOutcome.Postponed), ("udsat", DecisionOutcome.Postponed),
        ("afvis", DecisionOutcome.Rejected), ("ikke godkend", DecisionOutcome.Rejected), ("godkendes ikke", DecisionOutcome.Rejected),
        ("anbefales ikke", DecisionOutcome.Rejected), ("ikke anbefal", DecisionOutcome.Rejected),
        ("tiltrædes ikke", DecisionOutcome.Rejected), ("tiltræder ikke", DecisionOutcome.Rejected),
        ("anbefal", DecisionOutcome.Recommended),
        ("godkend", DecisionOutcome.Approved), ("vedtag", DecisionOutcome.Approved), ("tiltrå", DecisionOutcome.Approved),
        ("til efterretning", DecisionOutcome.Noted), ("orienteringen", DecisionOutcome.Noted),
        ("drøft", DecisionOutcome.Discussed),
        ("intet", DecisionOutcome.NothingToReport), ("ingen ", DecisionOutcome.NothingToReport),
    ];

    /// <summary>
    /// "1.", "2)", "At 1)", "Ad 2:", "Pkt. 3.", and runs "1.-4." / "1. - 4.", standing alone (not in "1.378" or "§ 3, stk. 2.").
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,§])(?<!\b(?:stk|nr|kl|den|d|jf|side|bilag|pkt|punkt)\.?\s+)(?<!§\s*)(?:(?:at|ad|pkt\.?|punkt)\s*)?(?<n>\d{1,2})\s*[.):](?:\s*[-–]\s*(?<to>\d{1,2})\s*[.):]?)?(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PointMarker();

    public static DecisionOutcome Classify(string text)
    {
        var points = Points(text);
        if (points.Count < 2) return Formula(text);
        var kinds = points.Select(p => p.Outcome).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : DecisionOutcome.Mixed;
    }

    /// <summary>
    /// The numbered points of a decision text that starts with point 1 and counts on without gaps; empty when it
    /// does not (a number that breaks the count is part of the text: "1. Godkendt, idet mødet flyttes til den 5. maj").
    /// </summary>
    public static IReadOnlyList<DecisionPoint> Points(string text)
    {
        var t = text.Trim();
        var markers = new List<(int From, int To, int Start, int End)>();
        var next = 1;
        foreach (Match m in PointMarker().Matches(t))
        {
            var from = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var to = m.Groups["to"].Success ? int.Parse(m.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture) : from;
            if (from != next || to < from || (markers.Count == 0 && m.Index != 0)) continue;
            markers.Add((from, to, m.Index, m.Index + m.Length));
            next = to + 1;
        }
        if (markers.Count == 0) return [];
        return markers.Select((m, i) =>
        {
            var body = t[m.End..(i + 1 < markers.Count ? markers[i + 1].Start : t.Length)].Trim();
            return new DecisionPoint(m.From, m.To, body, Formula(body));
        }).ToList();
    }

    static DecisionOutcome Formula(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) return DecisionOutcome.None;
        foreach (var (stem, outcome) in Formulas)
            if (t.Contains(stem, StringComparison.OrdinalIgnoreCase)) return outcome;
        return DecisionOutcome.Other;
    }

    public static string Danish(DecisionOutcome o) => o switch
    {
        DecisionOutcome.Approved => "Godkendt",
        DecisionOutcome.Noted => "Taget til efterretning",
        DecisionOutcome.Discussed => "Drøftet",
        DecisionOutcome.Postponed => "Udsat",
        DecisionOutcome.Recommended => "Anbefalet",
        DecisionOutcome.Rejected => "Afvist",
        DecisionOutcome.NothingToReport => "Intet at bemærke",
        DecisionOutcome.Mixed => "Forskellig for hvert punkt",
        DecisionOutcome.Other => "Anden beslutning",
        _ => "Ingen beslutning",
    };
}
