namespace Protokol.Meetings;

/// <summary>
/// The unpublished agenda sent to one account for review (gennemlæsning): it lets that reader open the draft
/// (closed items still only by their own rights) and is the log of who was asked, when, by whom.
/// </summary>
public sealed class AgendaReview
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int AccountId { get; set; }
    public DateTime SentAt { get; set; }
    public required string SentBy { get; set; }
    public string? Note { get; set; }
}
