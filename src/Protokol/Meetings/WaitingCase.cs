namespace Protokol.Meetings;

/// <summary>
/// A case waiting for a body's next meeting (postponed, or sent on to a body with no meeting planned): the next
/// meeting planned for the body takes it onto its agenda, carrying its text and decisions.
/// </summary>
public sealed class WaitingCase
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public required string CaseNumber { get; set; }
    public required string Title { get; set; }
    /// <summary>The item it comes from, and why: "Udsat" or "Sendt videre fra …".</summary>
    public int FromItemId { get; set; }
    public required string Reason { get; set; }
    public DateTime QueuedAt { get; set; }
}
