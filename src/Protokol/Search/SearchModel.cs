using Protokol.Meetings;

namespace Protokol.Search;

/// <summary>
/// Beyond what the public may find (open items of meetings whose agenda or minutes are published), the meetings
/// whose every item a search may find for this asker: closed items, drafts, unpublished minutes. None for the
/// public, a list for members and secretaries, all for an administrator.
/// </summary>
public sealed record ReadAccess(bool All, IReadOnlyList<int> Meetings)
{
    public static readonly ReadAccess None = new(false, []);
    public static ReadAccess From(IReadOnlyList<int>? meetings) => meetings is null ? new(true, []) : new(false, meetings);
}

/// <summary>What a citizen asks: words, and optionally one committee (slug), one year, one kind of decision. Closed items only as Closed allows.</summary>
public sealed record SearchQuery(string Text, string? Body = null, int? Year = null, DecisionOutcome? Outcome = null, int Page = 1, int PageSize = 20, ReadAccess? Access = null)
{
    public ReadAccess Readable => Access ?? ReadAccess.None;

    public IReadOnlyList<string> Stems { get; } = DanishText.Words(Text).Select(w => DanishText.Stem(Text.Substring(w.Start, w.Length))).Distinct().ToList();
}

public sealed record SearchHit(int ItemId, string Number, string Title, string? CaseNumber, int MeetingId, DateTime StartsAt, string Bodies, string SnippetHtml, bool IsClosed);

public sealed record Facet(string Value, string Label, int Count);

public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<Facet> Bodies, IReadOnlyList<Facet> Years, IReadOnlyList<Facet> Outcomes);

/// <summary>
/// The full-text index of every item, closed ones included; each search filters by what its asker may read. The seam exists for the second provider (PostgreSQL); writes happen in
/// the caller's transaction, so the index changes exactly when the meetings do.
/// </summary>
public interface ISearchIndex
{
    Task IndexAsync(IEnumerable<AgendaItem> items, CancellationToken ct);
    Task RemoveMeetingAsync(int meetingId, CancellationToken ct);
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct);
    /// <summary>Rebuilds the index if it does not hold exactly the items; returns whether it had to.</summary>
    Task<bool> EnsureCurrentAsync(CancellationToken ct);
}
