using System.Globalization;

namespace Protokol.Meetings;

/// <summary>The Danish labels the minutes print above each kind of section.</summary>
public static class SectionLabels
{
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    static readonly Dictionary<SectionKind, string> Labels = new()
    {
        [SectionKind.Summary] = "Resumé",
        [SectionKind.SummaryAddition] = "Tilføjelse til resumé",
        [SectionKind.Route] = "Sagen behandles i",
        [SectionKind.Proposal] = "Forslag",
        [SectionKind.NewProposal] = "Nyt forslag",
        [SectionKind.Absentees] = "Fraværende:",
        [SectionKind.CaseText] = "Sagsfremstilling",
        [SectionKind.CaseTextAddition] = "Tilføjelse til sagsfremstilling",
        [SectionKind.Attachments] = "Bilag",
        [SectionKind.AbsenteeSummary] = "Fraværende",
        [SectionKind.Recommendation] = "Indstilling",
        [SectionKind.Finance] = "Økonomi",
        [SectionKind.Remarks] = "Bemærkninger",
        [SectionKind.Other] = "",
        [SectionKind.Unheaded] = "",
    };

    /// <summary>Headings that name their kind on a line of their own, for the importer.</summary>
    public static readonly IReadOnlyDictionary<string, SectionKind> FixedHeadings =
        Labels.Where(l => l.Value.Length > 0 && l.Key is not (SectionKind.Remarks or SectionKind.AbsenteeSummary))
            .ToDictionary(l => l.Value, l => l.Key, StringComparer.Ordinal);

    public static string Standard(ItemSection section) => section.Kind switch
    {
        SectionKind.Decision => DecisionHeading(section.DecidedBy, section.DecidedOn),
        _ => Labels[section.Kind],
    };

    public static string DecisionHeading(string? body, DateOnly? on) =>
        body is null || on is null ? "Beslutning"
        : $"Beslutning {body} den {on.Value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}";
}
