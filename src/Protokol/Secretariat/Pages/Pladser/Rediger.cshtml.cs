using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Secretariat.Pages.Udvalg;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Pladser;

/// <summary>One seat corrected (role, first and last day), and its person's name; the old values stay in the audit trail.</summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class RedigerModel(ProtokolDb db) : PageModel
{
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? End { get; set; }
    [BindProperty] public string PersonName { get; set; } = "";
    [BindProperty] public bool SomeoneElse { get; set; }

    public Membership Seat { get; private set; } = null!;
    public string? Problem { get; private set; }
    /// <summary>The new name is another person's: the secretary may say it is still someone else.</summary>
    public bool AskSomeoneElse { get; private set; }

    RosterOperations Operations => RosterOperations.For(HttpContext);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        (Role, Start, End, PersonName) = (Seat.Role ?? "", Day(Seat.Start), Day(Seat.End), Seat.Person.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync(int id, CancellationToken ct)
    {
        var (start, end, problem) = VisModel.Dates(Start, End);
        var outcome = problem is null ? await Operations.CorrectSeatAsync(id, Role, start, end, ct) : Outcome.Refused(problem);
        return await Done(id, outcome, ct);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, CancellationToken ct)
    {
        var personId = await db.Memberships.Where(m => m.Id == id).Select(m => (int?)m.PersonId).FirstOrDefaultAsync(ct);
        if (personId is null) return NotFound();
        var outcome = await Operations.RenamePersonAsync(personId.Value, PersonName, SomeoneElse, ct);
        AskSomeoneElse = outcome.Problem == RosterOperations.SameName(RosterOperations.CleanName(PersonName, "personens").Name);
        return await Done(id, outcome, ct);
    }

    async Task<IActionResult> Done(int id, Outcome outcome, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (outcome.Ok) return Redirect($"/sekretariat/udvalg/{Seat.BodyId.ToString(CultureInfo.InvariantCulture)}");
        Problem = outcome.Problem;
        return Page();
    }

    static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var seat = await db.Memberships.AsNoTracking().Include(m => m.Person).Include(m => m.Body).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (seat is null || !HttpContext.Viewer().MayChangeBody(seat.BodyId)) return false;
        Seat = seat;
        return true;
    }
}
