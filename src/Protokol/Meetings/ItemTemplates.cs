namespace Protokol.Meetings;

/// <summary>The standard items every committee's agenda carries, with the sections they usually hold.</summary>
public static class ItemTemplates
{
    public sealed record Template(string Key, string Title, IReadOnlyList<(SectionKind Kind, string Text)> Sections);

    public static readonly IReadOnlyList<Template> All =
    [
        new("formand", "Orientering fra formanden",
            [(SectionKind.Summary, "Formanden orienterer om aktuelle emner på udvalgets område."), (SectionKind.Proposal, "Det foreslås,\n\nat orienteringen tages til efterretning.")]),
        new("aktiviteter", "Deltagelse i ekstraordinære aktiviteter",
            [(SectionKind.Summary, "Udvalget drøfter deltagelse i kurser, konferencer og andre aktiviteter ud over de faste møder."), (SectionKind.Proposal, "Det foreslås,\n\nat udvalget drøfter deltagelse i aktiviteter.")]),
        new("meddelelser", "Meddelelser", [(SectionKind.Summary, "")]),
        new("underskrift", "Underskriftsark", [(SectionKind.Summary, "Udvalgets medlemmer godkender referatet.")]),
    ];

    /// <summary>A new case's sections, in the order the minutes print them.</summary>
    public static readonly IReadOnlyList<SectionKind> NewCase = [SectionKind.Summary, SectionKind.Route, SectionKind.Proposal, SectionKind.CaseText];

    public static Template? Find(string key) => All.FirstOrDefault(t => t.Key == key);
}
