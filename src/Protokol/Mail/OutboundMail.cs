namespace Protokol.Mail;

/// <summary>
/// A message waiting to be sent (the outbox). It is written in the same transaction as the act it tells of
/// (an agenda published, minutes approved), so a message is never sent for a change that did not happen and
/// never lost for one that did; the sender delivers it afterwards and retries while the mail server is away.
/// </summary>
public sealed class OutboundMail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    /// <summary>Plain text, links written out in full.</summary>
    public required string Body { get; set; }
    /// <summary>For a citizen's subscription: the one-click unsubscribe address (List-Unsubscribe).</summary>
    public string? UnsubscribeUrl { get; set; }
    /// <summary>What the message is about, for the trail and for tests ("dagsorden", "referat", "påmindelse" …).</summary>
    public required string Kind { get; set; }
    public int? MeetingId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    /// <summary>While one node is sending it, no other node takes it.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    /// <summary>Set when the mail server refused the address for good, or after the last retry.</summary>
    public bool GaveUp { get; set; }
}
