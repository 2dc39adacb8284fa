namespace Protokol.Meetings;

/// <summary>Agenda before the meeting, minutes once decisions are recorded.</summary>
public enum MeetingStage { Agenda, Minutes }

/// <summary>
/// Where a meeting is on its way: planned (a draft agenda only staff see) → agenda published → held
/// (decisions being recorded) → minutes approved (final: frozen) → minutes published. A state once passed
/// never returns silently; reopening is a logged act of a secretary.
/// </summary>
public enum MeetingState { Planned, AgendaPublished, Held, MinutesApproved, MinutesPublished }

public enum TocStyle { Tabbed, Table }

/// <summary>
/// One meeting of one body, or a joint meeting (fællesmøde) of several. Times are local
/// Copenhagen wall-clock time, as printed ("kl. 10:00").
/// </summary>
public sealed class Meeting
{
    public int Id { get; set; }
    /// <summary>Stable identity of the imported document, so importing it again finds this row.</summary>
    public required string SourceKey { get; set; }
    public string? SourceHash { get; set; }
    /// <summary>What the meeting was read from: "referat-text", "referat-pdf" or "firstagenda-json".</summary>
    public string? SourceFormat { get; set; }
    public List<MeetingBody> Bodies { get; set; } = [];
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    /// <summary>As printed; a line break marks where the document wrapped it.</summary>
    public string? Place { get; set; }
    public MeetingState State { get; set; }

    /// <summary>
    /// The document the meeting is: its agenda until it is held, then its minutes. An importer sets it from the
    /// document it read, and imported documents arrive published (minutes as final).
    /// </summary>
    public MeetingStage Stage
    {
        get => State >= MeetingState.Held ? MeetingStage.Minutes : MeetingStage.Agenda;
        set => State = value == MeetingStage.Minutes ? MeetingState.MinutesPublished : MeetingState.AgendaPublished;
    }

    /// <summary>What the public may see: the agenda once published; decisions only once the minutes are published.</summary>
    public bool AgendaIsPublic => State != MeetingState.Planned;
    public bool MinutesArePublic => State == MeetingState.MinutesPublished;

    /// <summary>The states the public sees a meeting in, for queries (stored as text, so listed rather than compared).</summary>
    public static readonly MeetingState[] PublicStates = [MeetingState.AgendaPublished, MeetingState.Held, MeetingState.MinutesApproved, MeetingState.MinutesPublished];
    public List<Participant> Participants { get; set; } = [];
    /// <summary>The participant line exactly as printed, wraps included; written back only while it still says what <see cref="Participants"/> says.</summary>
    public string? ParticipantsAsPrinted { get; set; }
    public TocStyle TocStyle { get; set; }
    public List<TocEntry> Toc { get; set; } = [];
    public List<AgendaItem> Items { get; set; } = [];
    /// <summary>Set when the minutes became final: SHA-256 (hex) of their canonical public text, its ECDSA signature (base64), and when.</summary>
    public string? ContentHash { get; set; }
    public string? Signature { get; set; }
    public DateTime? SignedAt { get; set; }
    /// <summary>While the minutes wait for approval: remind members who have not approved every so many days, next at NextReminderAt (UTC).</summary>
    public int? ReminderDays { get; set; }
    public DateTime? NextReminderAt { get; set; }

    public bool IsJoint => Bodies.Count > 1;

    /// <summary>"Social og Arbejdsmarked" or "Fællesmøde mellem A og B".</summary>
    public string BodyTitle => IsJoint
        ? "Fællesmøde mellem " + string.Join(" og ", Bodies.OrderBy(b => b.Order).Select(b => b.Body.Name))
        : Bodies.Count == 1 ? Bodies[0].Body.Name : "";

    /// <summary>What may leave the building: closed items keep their number and title, nothing else. For a detached copy only.</summary>
    public void WithoutClosedContent()
    {
        foreach (var item in Items.Where(i => i.IsClosed))
        {
            item.CaseNumber = null;
            item.Sections.Clear();
            item.Absentees.Clear();
            item.Attachments.Clear();
        }
    }
}

public sealed class MeetingBody
{
    public int MeetingId { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public int Order { get; set; }
}

/// <summary>A member called to the meeting; Absent marks "(Fravær)"/"Afbud" for the whole meeting.</summary>
public sealed class Participant
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public int? PersonId { get; set; }
    public bool Absent { get; set; }
    /// <summary>Why, when the source says ("Afbud", "Fraværende", "Forfald").</summary>
    public string? AbsenceReason { get; set; }
}

/// <summary>A table-of-contents line as printed in the source document, with its PDF page; without a page, Text is the whole line as it stood.</summary>
public sealed class TocEntry
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }
    public int? Page { get; set; }
}
