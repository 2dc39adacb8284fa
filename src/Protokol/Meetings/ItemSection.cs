namespace Protokol.Meetings;

public enum SectionKind
{
    /// <summary>Text without a heading of its own (e.g. lines before the first heading).</summary>
    Unheaded,
    Summary, SummaryAddition, Route, Proposal, NewProposal, Decision, Absentees,
    CaseText, CaseTextAddition, Remarks, Attachments, AbsenteeSummary,
    Recommendation, Finance,
    /// <summary>A heading the importer does not know; its text is kept under the printed heading.</summary>
    Other,
}

/// <summary>Stored by name. Mixed: the decision's numbered points were decided differently (see <see cref="DecisionOutcomes.Points"/>).</summary>
public enum DecisionOutcome { None, Approved, Noted, Discussed, Postponed, Recommended, Rejected, NothingToReport, Other, Mixed }

/// <summary>
/// A section of an item: Markdown text under a heading. Decisions are sections too, so their
/// place among the other sections is kept; they also name the body that decided and when.
/// </summary>
public sealed class ItemSection
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public int Order { get; set; }
    public SectionKind Kind { get; set; }
    /// <summary>The printed heading, kept only where it differs from the kind's standard label.</summary>
    public string? Heading { get; set; }
    public string Text { get; set; } = "";
    public string? DecidedBy { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DecisionOutcome Outcome { get; set; }
    /// <summary>Counts the saves of this section, so that two editors cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public string Label => Heading ?? SectionLabels.Standard(this);

    /// <summary>A decision made at the meeting starting then, not an earlier body's decision the item carries along.</summary>
    public bool IsDecisionAt(DateTime meetingStart) => Kind == SectionKind.Decision && (DecidedOn is null || DecidedOn == DateOnly.FromDateTime(meetingStart));

    /// <summary>What the minutes add to an agenda item: its meeting's decisions and who was absent.</summary>
    public bool IsMinutesAt(DateTime meetingStart) => IsDecisionAt(meetingStart) || Kind is SectionKind.Absentees or SectionKind.AbsenteeSummary;
}
