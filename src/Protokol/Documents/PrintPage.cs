namespace Protokol.Documents;

/// <summary>The print HTML's model: the document, and the page each item starts on (null before the first printing).</summary>
public sealed record PrintPage(MeetingDocument Document, IReadOnlyList<int>? Pages);
