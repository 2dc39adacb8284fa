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

    /// <summary>Each word asked for (lower case), with the stems of its forms; a word asked twice counts once.</summary>
    public IReadOnlyList<AskedWord> Asked { get; } = DanishText.Words(Text).Select(w => DanishText.Lower(Text.AsSpan(w.Start, w.Length)))
        .Select(w => new AskedWord(w, DanishText.Forms(w))).DistinctBy(a => string.Join(' ', a.Forms)).ToList();

    /// <summary>Each word asked for, as the stems of its forms: every word must match, by any of its stems.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Words => [.. Asked.Select(a => a.Forms)];

    /// <summary>Every stem a matching word may have, for marking the words in a snippet.</summary>
    public IReadOnlyList<string> Stems => Words.SelectMany(w => w).Distinct().ToList();
}

/// <param name="Forms">The stems the word matches as itself; a compound also matches all of its parts (<see cref="Decompounder"/>).</param>
public sealed record AskedWord(string Word, IReadOnlyList<string> Forms);

public sealed record SearchHit(int ItemId, string Number, string Title, string? CaseNumber, int MeetingId, DateTime StartsAt, string Bodies, string SnippetHtml, bool IsClosed);

public sealed record Facet(string Value, string Label, int Count);

/// <param name="IndexLag">How many change rows the index had not yet applied when it answered: recent changes it may not reflect.</param>
public sealed record SearchResult(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyList<Facet> Bodies, IReadOnlyList<Facet> Years, IReadOnlyList<Facet> Outcomes, long IndexLag = 0);
