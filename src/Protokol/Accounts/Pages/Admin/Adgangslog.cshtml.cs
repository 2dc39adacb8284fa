using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Accounts.Pages.Admin;

/// <summary>Who opened which closed item, when and how; filtered, paged, and downloadable as CSV.</summary>
[Authorize(Policy = AccountServices.AdminPolicy)]
public sealed class AdgangslogModel(ProtokolDb db) : PageModel
{
    const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Hvem { get; set; }
    [BindProperty(SupportsGet = true)] public int? Punkt { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Fra { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Til { get; set; }
    [BindProperty(SupportsGet = true)] public int Side { get; set; } = 1;

    public sealed record Row(DateTime At, string Actor, AccessWay Way, int ItemId, string Number, string Title, int MeetingId, string Meeting, DateTime MeetingAt);

    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Filtered();
        Total = await query.CountAsync(ct);
        Side = Math.Clamp(Side, 1, Math.Max(1, Pages));
        Rows = await RowsAsync(query.Skip((Side - 1) * PageSize).Take(PageSize), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = (await RowsAsync(Filtered(), ct)).Select(r => (IReadOnlyList<string?>)[
            Copenhagen.FromUtc(r.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Actor, AccessLogEntry.Danish(r.Way),
            r.ItemId.ToString(CultureInfo.InvariantCulture), r.Number, r.Title, $"{r.Meeting} {r.MeetingAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"]);
        return File(Documents.Csv.Write(["Tidspunkt", "Hvem", "Hvordan", "Punkt-id", "Punkt", "Titel", "Møde"], rows), "text/csv; charset=utf-8", "adgangslog.csv");
    }

    /// <summary>A query-string link to this list with the current filters and another page.</summary>
    public string Link(int side, string? handler = null)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Hvem)) parts.Add("hvem=" + Uri.EscapeDataString(Hvem));
        if (Punkt is not null) parts.Add(string.Create(CultureInfo.InvariantCulture, $"punkt={Punkt}"));
        if (Fra is not null) parts.Add(string.Create(CultureInfo.InvariantCulture, $"fra={Fra:yyyy-MM-dd}"));
        if (Til is not null) parts.Add(string.Create(CultureInfo.InvariantCulture, $"til={Til:yyyy-MM-dd}"));
        if (side > 1) parts.Add(string.Create(CultureInfo.InvariantCulture, $"side={side}"));
        if (handler is not null) parts.Add("handler=" + handler);
        return "/admin/adgangslog" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }

    IQueryable<AccessLogEntry> Filtered()
    {
        var q = db.AccessLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Hvem)) q = q.Where(a => a.Actor.Contains(Hvem.Trim()));
        if (Punkt is { } item) q = q.Where(a => a.ItemId == item);
        if (Fra is { } from) { var f = Utc(from); q = q.Where(a => a.At >= f); }
        if (Til is { } to) { var t = Utc(to.AddDays(1)); q = q.Where(a => a.At < t); }
        return q.OrderByDescending(a => a.Id);
    }

    async Task<List<Row>> RowsAsync(IQueryable<AccessLogEntry> entries, CancellationToken ct)
    {
        var list = await entries.Join(db.Items, a => a.ItemId, i => i.Id, (a, i) => new { a.At, a.Actor, a.Way, ItemId = i.Id, i.Number, i.Title, i.MeetingId }).ToListAsync(ct);
        var meetingIds = list.Select(r => r.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body).Where(m => meetingIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, ct);
        return list.Select(r => new Row(r.At, r.Actor, r.Way, r.ItemId, r.Number, r.Title, r.MeetingId, meetings[r.MeetingId].BodyTitle, meetings[r.MeetingId].StartsAt)).ToList();
    }

    /// <summary>Midnight in Copenhagen on that date, as the log's UTC.</summary>
    static DateTime Utc(DateOnly date) => Copenhagen.ToInstant(date.ToDateTime(TimeOnly.MinValue)).UtcDateTime;
}
