using System.Text.RegularExpressions;
using Protokol.Meetings;

namespace Protokol.Import.Referat;

/// <summary>
/// Which line of a referat starts an item or a section: the layout of the Kolding samples, and the publisher's
/// other template ("Beslutninger", "Resume", "Beslutningspunkter", "BESLUTNINGSFORSLAG", "INDSTILLING FRA …",
/// "&lt;Afdeling&gt;s påtegning", "Sagsforløb"). Shared by the parser and the PDF reader, which learns from it how a
/// document sets its headings.
/// </summary>
public static partial class ReferatHeadings
{
    [GeneratedRegex(@"^Punkt\s+(?<no>\d+[a-zA-Z]?)\s*:\s*(?<title>.*)$")]
    public static partial Regex ItemLine();

    [GeneratedRegex(@"^Beslutning\s+(i\s+)?(?<body>.+?)\s+den\s+(?<date>\d{1,2}[-.]\d{1,2}[-.]\d{4})\.?$")]
    private static partial Regex DecisionLine();

    [GeneratedRegex(@"^(?<body>.+?)s beslutning den (?<date>\d{1,2}[-.]\d{1,2}[-.]\d{4})\.?$")]
    private static partial Regex OwnerDecisionLine();

    [GeneratedRegex(@"^(Bemærkninger fra \S.{0,70}|\S+s bemærkninger|\S+s påtegning)$", RegexOptions.IgnoreCase)]
    private static partial Regex RemarksLine();

    [GeneratedRegex(@"^Indstilling fra \S.{0,80}$", RegexOptions.IgnoreCase)]
    private static partial Regex RecommendationLine();

    /// <summary>The other template's headings that are not the standard labels; kept as printed.</summary>
    static readonly Dictionary<string, SectionKind> OtherTemplate = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Beslutninger"] = SectionKind.Decision, ["Resume"] = SectionKind.Summary,
        ["Beslutningspunkter"] = SectionKind.Proposal, ["Beslutningsforslag"] = SectionKind.Proposal,
        ["Sagsforløb"] = SectionKind.Other,
    };

    static readonly Dictionary<string, SectionKind> FixedAnyCase = new(SectionLabels.FixedHeadings, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The section a heading line starts, or null when the line is not one. The standard labels must be written as
    /// the layout writes them ("Resumé"), or in capitals ("RESUMÉ"); <paramref name="badDate"/> is a decision
    /// heading's date that is no date.
    /// </summary>
    public static ItemSection? Section(string line, out string? badDate)
    {
        badDate = null;
        // Every line of a referat is asked; a paragraph is no heading (the longest, a joint meeting's decision, has ~130 characters).
        if (line.Length is 0 or > 200) return null;
        if (SectionLabels.FixedHeadings.TryGetValue(line, out var kind)) return new ItemSection { Kind = kind };
        var m = DecisionLine().Match(line);
        if (!m.Success) m = OwnerDecisionLine().Match(line);
        if (m.Success)
        {
            var section = new ItemSection { Kind = SectionKind.Decision, DecidedBy = m.Groups["body"].Value };
            if (ReferatHeader.TryParseShortDate(m.Groups["date"].Value, out var on)) section.DecidedOn = on;
            else badDate = m.Groups["date"].Value;
            if (section.Label != line) section.Heading = line;
            return section;
        }
        if (line == "Beslutning") return new ItemSection { Kind = SectionKind.Decision };
        var capitals = !line.AsSpan().ContainsAnyInRange('a', 'z') && !line.Any(char.IsLower) && line.Any(char.IsLetter);
        if (OtherTemplate.TryGetValue(line, out kind) && (capitals || char.IsUpper(line[0]))
            || (capitals && FixedAnyCase.TryGetValue(line, out kind)))
            return new ItemSection { Kind = kind, Heading = line };
        if (RemarksLine().IsMatch(line) && (capitals || char.IsUpper(line[0]))) return new ItemSection { Kind = SectionKind.Remarks, Heading = line };
        if (RecommendationLine().IsMatch(line) && (capitals || line.StartsWith("Indstilling fra ", StringComparison.Ordinal)))
            return new ItemSection { Kind = SectionKind.Recommendation, Heading = line };
        return null;
    }

    /// <summary>Whether the line names an item or a section, for the PDF reader.</summary>
    public static bool NamesSection(string line) => ItemLine().IsMatch(line) || Section(line, out _) is not null;
}
