using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Udvalg;

/// <summary>The bodies this viewer keeps the roster of, with their member counts; an administrator creates new ones here.</summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class IndexModel(ProtokolDb db) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public BodyKind Kind { get; set; } = BodyKind.Committee;

    public sealed record Row(Body Body, int Current, int Former);
    public List<Row> Bodies { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public string? Problem { get; private set; }
    public int? Imported { get; private set; }

    public async Task OnGetAsync(int? importeret, CancellationToken ct)
    {
        Imported = importeret;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var outcome = await RosterOperations.For(HttpContext).CreateBodyAsync(Name, Kind, ct);
        if (outcome.Ok) return Redirect($"/sekretariat/udvalg/{outcome.Id.ToString(CultureInfo.InvariantCulture)}");
        Problem = outcome.Problem;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var viewer = HttpContext.Viewer();
        IsAdmin = viewer.IsAdmin;
        var today = Roster.Today(db.Clock);
        var rows = await db.Bodies.AsNoTracking()
            .Select(b => new
            {
                Body = b,
                Current = b.Memberships.Count(m => m.End == null || m.End >= today),
                Former = b.Memberships.Count(m => m.End != null && m.End < today),
            }).ToListAsync(ct);
        Bodies = rows.Where(r => viewer.MayChangeBody(r.Body.Id)).Select(r => new Row(r.Body, r.Current, r.Former))
            .OrderBy(r => r.Body.Kind).ThenBy(r => r.Body.Name, PortalFormat.DanishOrder).ToList();
    }

    public static string Danish(BodyKind kind) => kind switch
    {
        BodyKind.Committee => "Udvalg",
        BodyKind.Council => "Byråd",
        _ => "Andet råd eller nævn",
    };
}
