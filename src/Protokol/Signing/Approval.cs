namespace Protokol.Signing;

/// <summary>One member's "Godkendt" on a meeting's signature sheet (underskriftsark): who, for which seat, when.</summary>
public sealed class Approval
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int ParticipantId { get; set; }
    public int? AccountId { get; set; }
    public DateTime At { get; set; }
}
