using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Secretariat.Pages.Udvalg;

/// <summary>
/// A body's roster: current and former seats, a seat ended or added (with the person picker: an existing person
/// or, when the secretary says so, a new one of the same name), and the body's name.
/// </summary>
[Authorize(Policy = AccountServices.StaffPolicy)]
public sealed class VisModel(ProtokolDb db) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    /// <summary>The picker's answer when the name is taken: a person's id, or "ny" for someone new of the same name.</summary>
    [BindProperty] public string? Who { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? End { get; set; }
    [BindProperty] public string BodyName { get; set; } = "";

    public Body Body { get; private set; } = null!;
    public List<Membership> Current { get; private set; } = [];
    public List<Membership> Former { get; private set; } = [];
    public List<string> Suggestions { get; private set; } = [];
    /// <summary>People who already have the name asked for: the secretary picks one, or says it is someone else.</summary>
    public List<Person> Namesakes { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Problem { get; private set; }
    public int? Imported { get; private set; }

    RosterOperations Operations => RosterOperations.For(HttpContext);

    public async Task<IActionResult> OnGetAsync(int id, int? importeret, CancellationToken ct)
    {
        Imported = importeret;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        var (start, end, dateProblem) = Dates(Start, End);
        if (dateProblem is not null) return await Refused(id, dateProblem, ct);
        Outcome outcome;
        if (int.TryParse(Who, NumberStyles.None, CultureInfo.InvariantCulture, out var person))
            outcome = await Operations.AddSeatAsync(id, person, Role, start, end, ct);
        else if (Who == "ny")
            outcome = await Operations.AddNewPersonWithSeatAsync(id, Name, sameNameIsSomeoneElse: true, Role, start, end, ct);
        else
        {
            var namesakes = await Operations.NamesakesAsync(Name, ct);
            if (namesakes.Count > 0 && RosterOperations.SeatProblem(start, end, Role, startRequired: true) is null)
            {
                Namesakes = namesakes;
                return await Refused(id, RosterOperations.SameName(RosterOperations.CleanName(Name, "personens").Name), ct);
            }
            outcome = await Operations.AddNewPersonWithSeatAsync(id, Name, sameNameIsSomeoneElse: false, Role, start, end, ct);
        }
        return outcome.Ok ? Back(id) : await Refused(id, outcome.Problem!, ct);
    }

    public async Task<IActionResult> OnPostEndAsync(int id, int seat, string? last, CancellationToken ct)
    {
        var (day, ok) = RosterCsv.ParseDay(last);
        var outcome = ok ? await Operations.EndSeatAsync(seat, day, ct) : Outcome.Refused(RosterCsv.NotADay(last!));
        return outcome.Ok ? Back(id) : await Refused(id, outcome.Problem!, ct);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, CancellationToken ct)
    {
        var outcome = await Operations.RenameBodyAsync(id, BodyName, ct);
        return outcome.Ok ? Back(id) : await Refused(id, outcome.Problem!, ct);
    }

    /// <summary>Start and end as typed (a date field sends 2025-12-31; typed by hand, 31-12-2025 works too).</summary>
    public static (DateOnly? Start, DateOnly? End, string? Problem) Dates(string? start, string? end)
    {
        var (s, startOk) = RosterCsv.ParseDay(start);
        var (e, endOk) = RosterCsv.ParseDay(end);
        return (s, e, !startOk ? RosterCsv.NotADay(start!) : !endOk ? RosterCsv.NotADay(end!) : null);
    }

    /// <summary>What a date field shows: the ISO form it needs (2025-12-31), or the text as typed if it is no date.</summary>
    public static string? Iso(string? text) => RosterCsv.ParseDay(text) is ({ } day, true) ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;

    /// <summary>Done: the roster again, as a GET (reloading repeats nothing).</summary>
    static RedirectResult Back(int id) => new($"/sekretariat/udvalg/{id.ToString(CultureInfo.InvariantCulture)}");

    async Task<IActionResult> Refused(int id, string problem, CancellationToken ct)
    {
        Problem = problem;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null || !HttpContext.Viewer().MayChangeBody(id)) return false;
        Body = body;
        if (BodyName.Length == 0) BodyName = body.Name;
        Today = Roster.Today(db.Clock);
        var seats = await db.Memberships.AsNoTracking().Include(m => m.Person).Where(m => m.BodyId == id).ToListAsync(ct);
        Current = Roster.Ordered(seats.Where(m => Roster.IsCurrent(m, Today))).ToList();
        Former = seats.Where(m => !Roster.IsCurrent(m, Today)).OrderByDescending(m => m.End).ThenBy(m => m.Person.Name, Portal.PortalFormat.DanishOrder).ToList();
        // Names to pick from: everyone who holds a seat now or soon, in any body (a council member joining a committee).
        Suggestions = (await db.People.AsNoTracking().Where(p => p.Memberships.Any(m => m.End == null || m.End >= Today))
            .Select(p => p.Name).Distinct().Take(2000).ToListAsync(ct)).Order(Portal.PortalFormat.DanishOrder).ToList();
        return true;
    }

    /// <summary>How the picker tells namesakes apart: the seats they hold.</summary>
    public static string Describe(Person p) =>
        p.Memberships.Count == 0 ? "ingen pladser endnu"
        : string.Join("; ", p.Memberships.Select(m => $"{Roster.Role(m)} i {m.Body.Name} {RosterOperations.Period(m)}"));
}
