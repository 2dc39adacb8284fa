using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Documents;

/// <summary>
/// Downloads beside the pages: a meeting as DOCX, a body's decisions of a year and a search's decisions as CSV.
/// (The PDFs are a page of their own, Pages/Pdf, so a failing Chromium can say so in the site's layout.)
/// </summary>
public static class DocumentEndpoints
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const string CsvType = "text/csv; charset=utf-8";
    const int MaxSearchHits = 2000;

    public static void MapDocuments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/moeder/{id:int}/dokument.docx", WordAsync);
        routes.MapGet("/udvalg/{slug}/beslutninger-{aar:int}.csv", BodyYearAsync);
        routes.MapGet("/soeg/beslutninger.csv", SearchAsync);
    }

    /// <summary>This viewer's copy of the meeting, or null where they may not open it.</summary>
    public static async Task<MeetingDocument?> OpenAsync(ProtokolDb db, Viewer viewer, int id, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        return meeting is null || !viewer.MayOpen(meeting) ? null : MeetingDocument.For(meeting, viewer);
    }

    /// <summary>A copy with closed items' content has been handed out: logged like any opening of them.</summary>
    public static Task LogAsync(ProtokolDb db, Viewer viewer, MeetingDocument document, CancellationToken ct) =>
        document.ClosedIncluded ? AccessLog.RecordAsync(db, viewer, document.Meeting.Items, AccessWay.Export, ct) : Task.CompletedTask;

    static async Task<IResult> WordAsync(int id, HttpContext http, ProtokolDb db, MeetingDocx docx, CancellationToken ct)
    {
        if (await OpenAsync(db, http.Viewer(), id, ct) is not { } document) return Results.NotFound();
        var bytes = await docx.MakeAsync(document);
        await LogAsync(db, http.Viewer(), document, ct);
        return Results.File(bytes, Docx, document.FileName("docx"));
    }

    static async Task<IResult> BodyYearAsync(string slug, int aar, HttpContext http, ProtokolDb db, CancellationToken ct)
    {
        if (aar is < 1900 or > 2200) return Results.NotFound();
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Slug == slug, ct);
        if (body is null) return Results.NotFound();
        var rows = await DecisionsOfAsync(db, http.Viewer(), body.Id, aar, ct);
        return Results.File(DecisionsCsv.Write(rows), CsvType, $"beslutninger-{slug}-{aar.ToString(System.Globalization.CultureInfo.InvariantCulture)}.csv");
    }

    /// <summary>A body's decisions in the meetings of one year that the viewer may open, oldest first.</summary>
    public static async Task<List<DecisionRow>> DecisionsOfAsync(ProtokolDb db, Viewer viewer, int bodyId, int year, CancellationToken ct)
    {
        var (from, to) = (new DateTime(year, 1, 1), new DateTime(year + 1, 1, 1));
        var meetings = await db.Meetings.AsNoTracking().Whole()
            .Where(m => m.StartsAt >= from && m.StartsAt < to && m.Bodies.Any(b => b.BodyId == bodyId))
            .OrderBy(m => m.StartsAt).ToListAsync(ct);
        return await RowsAsync(db, viewer, meetings.Where(viewer.MayOpen), null, ct);
    }

    static async Task<IResult> SearchAsync(string? q, string? udvalg, int? aar, string? beslutning, HttpContext http, ProtokolDb db, Search.SearchIndex index, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Results.NotFound();
        var viewer = http.Viewer();
        var query = await Portal.Pages.Soeg.IndexModel.QueryAsync(db, viewer, q, udvalg, aar, beslutning, 1, MaxSearchHits, ct);
        var hits = (await index.SearchAsync(db, query, ct)).Hits;
        var items = hits.Select(h => h.ItemId).ToHashSet();
        var ids = hits.Select(h => h.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Whole().Where(m => ids.Contains(m.Id)).OrderBy(m => m.StartsAt).ToListAsync(ct);
        var rows = await RowsAsync(db, viewer, meetings.Where(viewer.MayOpen), items, ct);
        return Results.File(DecisionsCsv.Write(rows), CsvType, "beslutninger-soegning.csv");
    }

    static async Task<List<DecisionRow>> RowsAsync(ProtokolDb db, Viewer viewer, IEnumerable<Meeting> meetings, HashSet<int>? only, CancellationToken ct)
    {
        var rows = new List<DecisionRow>();
        foreach (var meeting in meetings)
        {
            var document = MeetingDocument.For(meeting, viewer);
            rows.AddRange(DecisionsCsv.Rows(document, only));
            // A closed item's decision is its content: its export is logged as any other.
            if (document is { ClosedIncluded: true, ShowMinutes: true })
                await AccessLog.RecordAsync(db, viewer, meeting.Items.Where(i => only is null || only.Contains(i.Id)), AccessWay.Export, ct);
        }
        return rows;
    }
}
