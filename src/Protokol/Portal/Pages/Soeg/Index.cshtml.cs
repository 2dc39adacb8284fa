using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Portal.Pages.Soeg;

/// <summary>Danish full-text search with committee, year and decision filters; all in the query string, so it works without JavaScript.</summary>
public sealed class IndexModel(ProtokolDb db, SearchIndex index) : PageModel
{
    public SearchQuery? Query { get; private set; }
    public SearchResult? Result { get; private set; }
    public int Pages => Result is null || Query is null ? 0 : (Result.Total + Query.PageSize - 1) / Query.PageSize;

    public async Task OnGetAsync(string? q, string? udvalg, int? aar, string? beslutning, int side = 1, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(q)) return;
        var viewer = HttpContext.Viewer();
        Query = await QueryAsync(db, viewer, q, udvalg, aar, beslutning, side, PageSize, ct);
        Result = await index.SearchAsync(db, Query, ct);
        // A closed item's snippet is its content: logged like a page view.
        var shown = Result.Hits.Where(h => h.IsClosed).Select(h => new AgendaItem { Id = h.ItemId, Number = h.Number, Title = h.Title, IsClosed = true });
        await AccessLog.RecordAsync(db, viewer, shown, AccessWay.Search, ct);
    }

    const int PageSize = 20;

    /// <summary>A search as the query string asks it (the page's, or its CSV's), filtered by what this viewer may read.</summary>
    public static async Task<SearchQuery> QueryAsync(ProtokolDb db, Viewer viewer, string q, string? udvalg, int? aar, string? beslutning, int side, int pageSize, CancellationToken ct)
    {
        // Only a named kind counts: "3" or "Approved,Noted" are not kinds of decision.
        var outcome = Enum.GetNames<DecisionOutcome>().Contains(beslutning) ? Enum.Parse<DecisionOutcome>(beslutning!) : (DecisionOutcome?)null;
        var access = viewer.IsSignedIn ? ReadAccess.From(await viewer.FullyReadableMeetingsAsync(db, ct)) : ReadAccess.None;
        return new SearchQuery(q.Trim(), string.IsNullOrEmpty(udvalg) ? null : udvalg, aar is > 1900 and < 2200 ? aar : null, outcome, Math.Clamp(side, 1, 10_000), pageSize, access);
    }

    /// <summary>The decisions of every hit of this search (not only this page) as CSV.</summary>
    public string CsvLink => Link().Replace("/soeg?", "/soeg/beslutninger.csv?", StringComparison.Ordinal);

    /// <summary>This search's URL with one parameter changed (null removes it); paging restarts unless it is the page that changes.</summary>
    public string Link(string? udvalg = "", string? aar = "", string? beslutning = "", int side = 1)
    {
        var q = Query!;
        var parts = new List<string> { "q=" + Uri.EscapeDataString(q.Text) };
        var body = udvalg == "" ? q.Body : udvalg;
        var year = aar == "" ? q.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) : aar;
        var outcome = beslutning == "" ? q.Outcome?.ToString() : beslutning;
        if (body is not null) parts.Add("udvalg=" + Uri.EscapeDataString(body));
        if (year is not null) parts.Add("aar=" + year);
        if (outcome is not null) parts.Add("beslutning=" + outcome);
        if (side > 1) parts.Add("side=" + side.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/soeg?" + string.Join("&", parts);
    }
}
