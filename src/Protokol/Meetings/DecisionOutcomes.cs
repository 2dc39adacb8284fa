namespace Protokol.Meetings;

/// <summary>Reads which formula a decision text uses ("godkendt", "taget til efterretning", ...).</summary>
public static class DecisionOutcomes
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

    public static DecisionOutcome Classify(string text)
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
        DecisionOutcome.Other => "Anden beslutning",
        _ => "Ingen beslutning",
    };
}
