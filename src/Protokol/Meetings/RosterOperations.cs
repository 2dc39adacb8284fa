using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Storage;

namespace Protokol.Meetings;

/// <summary>
/// The one way bodies, people and seats (memberships) change, from the staff pages and the roster import alike.
/// Seats are never deleted: past meetings' participants and members' rights to closed items are read from their
/// dates, so a seat that ends gets an end date, and a wrong one is corrected in place (the audit trail keeps the old values).
/// </summary>
public sealed class RosterOperations(ProtokolDb db, Viewer viewer)
{
    public static RosterOperations For(HttpContext http) => new(http.RequestServices.GetRequiredService<ProtokolDb>(), http.Viewer());

    public const int MaxName = 200;
    public const int MaxRole = 60;
    const string NotYours = "Du er ikke sekretær for dette udvalg.";
    static readonly CultureInfo Da = SectionLabels.Danish;

    /// <summary>A new body, by an administrator; its address (/udvalg/&lt;slug&gt;) comes from the name and never changes.</summary>
    public async Task<Outcome> CreateBodyAsync(string name, BodyKind kind, CancellationToken ct)
    {
        if (!viewer.IsAdmin) return Outcome.Refused("Kun en administrator kan oprette udvalg.");
        var (clean, problem) = CleanName(name, "udvalgets");
        if (problem is not null) return Outcome.Refused(problem);
        var slug = Slug.From(clean);
        if (slug.Length == 0) return Outcome.Refused("Navnet skal indeholde bogstaver eller tal.");
        if (await db.Bodies.AnyAsync(b => b.Slug == slug, ct)) return Outcome.Refused($"Der findes allerede et udvalg med adressen /udvalg/{slug}.");
        var body = new Body { Name = clean, Slug = slug, Kind = kind };
        db.Bodies.Add(body);
        await db.SaveChangesAsync(ct);
        return new(body.Id, null);
    }

    /// <summary>A body's new name; its address stays, so links to it keep working.</summary>
    public async Task<Outcome> RenameBodyAsync(int bodyId, string name, CancellationToken ct)
    {
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == bodyId, ct);
        if (body is null) return Outcome.Refused("Udvalget findes ikke.");
        if (!viewer.MayChangeBody(bodyId)) return Outcome.Refused(NotYours);
        var (clean, problem) = CleanName(name, "udvalgets");
        if (problem is not null) return Outcome.Refused(problem);
        if (await db.Bodies.AnyAsync(b => b.Id != bodyId && b.Name == clean, ct)) return Outcome.Refused($"Der findes allerede et udvalg ved navn {clean}.");
        body.Name = clean;
        await db.SaveChangesAsync(ct);
        return new(bodyId, null);
    }

    /// <summary>The people already called this (by the letters of their name, whatever the spacing or case).</summary>
    public async Task<List<Person>> NamesakesAsync(string name, CancellationToken ct)
    {
        var (clean, _) = CleanName(name, "personens");
        var slug = Slug.From(clean);
        if (slug.Length == 0) return [];
        var candidates = await db.People.AsNoTracking().Include(p => p.Memberships).ThenInclude(m => m.Body)
            .Where(p => p.Slug == slug || EF.Functions.Like(p.Slug, slug + "-%") || p.Name == clean).ToListAsync(ct);
        return candidates.Where(p => Slug.From(p.Name) == slug).OrderBy(p => p.Id).ToList();
    }

    /// <summary>
    /// A new person. A namesake is made only when the secretary says it is someone else (sameNameIsSomeoneElse);
    /// the address then gets a number (/personer/hans-jensen-2).
    /// </summary>
    public async Task<Outcome> AddPersonAsync(string name, bool sameNameIsSomeoneElse, CancellationToken ct)
    {
        if (!viewer.IsStaff) return Outcome.Refused("Kun sekretariatet kan oprette personer.");
        var (person, problem) = await NewPersonAsync(name, sameNameIsSomeoneElse, ct);
        if (person is null) return Outcome.Refused(problem!);
        await db.SaveChangesAsync(ct);
        return new(person.Id, null);
    }

    /// <summary>A person's name corrected; their address stays. Secretaries rename the people who sit (or sat) in a body they serve.</summary>
    public async Task<Outcome> RenamePersonAsync(int personId, string name, bool sameNameIsSomeoneElse, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Outcome.Refused("Personen findes ikke.");
        if (!viewer.IsAdmin && !person.Memberships.Any(m => viewer.MayChangeBody(m.BodyId)))
            return Outcome.Refused("Du er ikke sekretær for et udvalg, personen sidder i.");
        var (clean, problem) = CleanName(name, "personens");
        if (problem is not null) return Outcome.Refused(problem);
        if (!sameNameIsSomeoneElse && (await NamesakesAsync(clean, ct)).Any(p => p.Id != personId))
            return Outcome.Refused(SameName(clean));
        person.Name = clean;
        await db.SaveChangesAsync(ct);
        return new(personId, null);
    }

    /// <summary>A seat for a person in a body, with a role (null or "medlem" for a plain member), from start (required) to end (open when null).</summary>
    public Task<Outcome> AddSeatAsync(int bodyId, int personId, string? role, DateOnly? start, DateOnly? end, CancellationToken ct) =>
        SavedAsync(StageSeatAsync(bodyId, personId, role, start, end, ct), ct);

    /// <summary>A new person (see <see cref="AddPersonAsync"/>) and their seat, both or neither.</summary>
    public async Task<Outcome> AddNewPersonWithSeatAsync(int bodyId, string name, bool sameNameIsSomeoneElse, string? role, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        if (!viewer.MayChangeBody(bodyId)) return Outcome.Refused(NotYours);
        var problem = SeatProblem(start, end, role, startRequired: true);
        if (problem is not null) return Outcome.Refused(problem);
        var (person, nameProblem) = await NewPersonAsync(name, sameNameIsSomeoneElse, ct);
        if (person is null) return Outcome.Refused(nameProblem!);
        var (seat, seatProblem) = await StageSeatAsync(bodyId, person, role, start, end, ct);
        if (seat is null)
        {
            db.Entry(person).State = EntityState.Detached; // never saved without the seat it was made for
            return Outcome.Refused(seatProblem!);
        }
        await db.SaveChangesAsync(ct); // person, seat and their audit rows in one transaction
        return new(seat.Id, null);
    }

    /// <summary>A seat that ends: its end date is set (the last day it counts), and the seat stays in the history.</summary>
    public Task<Outcome> EndSeatAsync(int seatId, DateOnly? end, CancellationToken ct) => SavedAsync(StageEndAsync(seatId, end, ct), ct);

    internal async Task<(Membership? Seat, string? Problem)> StageEndAsync(int seatId, DateOnly? end, CancellationToken ct)
    {
        var (seat, problem) = await OwnSeatAsync(seatId, ct);
        if (seat is null) return (null, problem);
        if (end is null) return (null, "Skriv den sidste dag, pladsen gælder.");
        if (seat.End is { } ended) return (null, $"Pladsen er allerede afsluttet {Day(ended)}. Ret pladsen, hvis datoen er forkert.");
        if (seat.Start is { } s && end < s) return (null, $"Slutdatoen ({Day(end.Value)}) ligger før pladsens start ({Day(s)}).");
        seat.End = end;
        return (seat, null);
    }

    /// <summary>A seat entered wrongly, corrected: role and dates. A known start is never blanked, since an open start reaches back to every past meeting.</summary>
    public Task<Outcome> CorrectSeatAsync(int seatId, string? role, DateOnly? start, DateOnly? end, CancellationToken ct) =>
        SavedAsync(StageCorrectionAsync(seatId, role, start, end, ct), ct);

    internal async Task<(Membership? Seat, string? Problem)> StageCorrectionAsync(int seatId, string? role, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        var (seat, problem) = await OwnSeatAsync(seatId, ct);
        if (seat is null) return (null, problem);
        problem = SeatProblem(start, end, role, startRequired: seat.Start is not null)
            ?? await OverlapProblemAsync(seat.BodyId, seat.PersonId, start, end, seat.Id, ct);
        if (problem is not null) return (null, problem);
        (seat.Role, seat.Start, seat.End) = (CleanRole(role), start, end);
        return (seat, null);
    }

    /// <summary>A staged change saved (with its audit rows), or the reason it was refused.</summary>
    async Task<Outcome> SavedAsync(Task<(Membership? Seat, string? Problem)> staged, CancellationToken ct)
    {
        var (seat, problem) = await staged;
        if (seat is null) return Outcome.Refused(problem!);
        await db.SaveChangesAsync(ct);
        return new(seat.Id, null);
    }

    /// <summary>"formand" as written; "medlem" or nothing is a plain member, stored as no role (as imported minutes store it).</summary>
    public static string? CleanRole(string? role)
    {
        var r = string.Join(' ', (role ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return r.Length == 0 || r.Equals("medlem", StringComparison.OrdinalIgnoreCase) ? null : r;
    }

    /// <summary>Names trimmed, with single spaces; empty or overlong names refused (whose: "personens", "udvalgets").</summary>
    public static (string Name, string? Problem) CleanName(string? name, string whose)
    {
        var clean = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0) return (clean, $"Skriv {whose} navn.");
        return clean.Length > MaxName ? (clean, $"Navnet er for langt (højst {MaxName} tegn).") : (clean, null);
    }

    /// <summary>What is wrong with these values for a seat, or null.</summary>
    public static string? SeatProblem(DateOnly? start, DateOnly? end, string? role, bool startRequired)
    {
        if (startRequired && start is null) return "Skriv den første dag, pladsen gælder.";
        if (start is { } s && end is { } e && e < s) return $"Slutdatoen ({Day(e)}) ligger før startdatoen ({Day(s)}).";
        return (role?.Trim().Length ?? 0) > MaxRole ? $"Rollen er for lang (højst {MaxRole} tegn)." : null;
    }

    public static string SameName(string name) =>
        $"Der findes allerede en person ved navn {name}. Vælg personen, eller sig, at det er en anden person med samme navn.";

    /// <summary>"12-03-2026", as Danish dates are written.</summary>
    public static string Day(DateOnly day) => day.ToString("dd-MM-yyyy", Da);

    internal async Task<(Person? Person, string? Problem)> NewPersonAsync(string name, bool sameNameIsSomeoneElse, CancellationToken ct)
    {
        var (clean, problem) = CleanName(name, "personens");
        if (problem is not null) return (null, problem);
        var slug = Slug.From(clean);
        if (slug.Length == 0) return (null, "Navnet skal indeholde bogstaver.");
        if (!sameNameIsSomeoneElse && (await NamesakesAsync(clean, ct)).Count > 0) return (null, SameName(clean));
        // A slug holds only a-z, 0-9 and '-', so it is safe inside a LIKE pattern.
        var taken = await db.People.Where(p => p.Slug == slug || EF.Functions.Like(p.Slug, slug + "-%")).Select(p => p.Slug).ToListAsync(ct);
        taken.AddRange(db.People.Local.Select(p => p.Slug));
        var free = slug;
        for (var n = 2; taken.Contains(free, StringComparer.Ordinal); n++) free = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
        return (db.People.Add(new Person { Name = clean, Slug = free }).Entity, null);
    }

    internal async Task<(Membership? Seat, string? Problem)> StageSeatAsync(int bodyId, int personId, string? role, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        return person is null ? (null, "Personen findes ikke.") : await StageSeatAsync(bodyId, person, role, start, end, ct);
    }

    /// <summary>Checks and adds (unsaved) a seat; the person may be new (not yet saved).</summary>
    internal async Task<(Membership? Seat, string? Problem)> StageSeatAsync(int bodyId, Person person, string? role, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        if (!viewer.MayChangeBody(bodyId)) return (null, NotYours);
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Id == bodyId, ct);
        if (body is null) return (null, "Udvalget findes ikke.");
        var problem = SeatProblem(start, end, role, startRequired: true);
        if (problem is null && person.Id != 0) problem = await OverlapProblemAsync(bodyId, person.Id, start, end, null, ct);
        if (problem is not null) return (null, problem);
        var seat = new Membership { Body = body, Person = person, Role = CleanRole(role), Start = start, End = end };
        db.Memberships.Add(seat);
        return (seat, null);
    }

    /// <summary>Two seats of one person in one body may not share a day (an open start or end reaches as far as it can).</summary>
    async Task<string?> OverlapProblemAsync(int bodyId, int personId, DateOnly? start, DateOnly? end, int? except, CancellationToken ct)
    {
        var others = await db.Memberships.AsNoTracking().Include(m => m.Person)
            .Where(m => m.BodyId == bodyId && m.PersonId == personId && m.Id != except).ToListAsync(ct);
        var clash = others.FirstOrDefault(o => (o.Start ?? DateOnly.MinValue) <= (end ?? DateOnly.MaxValue) && (start ?? DateOnly.MinValue) <= (o.End ?? DateOnly.MaxValue));
        return clash is null ? null : $"{clash.Person.Name} har allerede en plads i udvalget {Period(clash)}, og to pladser i samme udvalg må ikke overlappe.";
    }

    /// <summary>"fra 01-01-2022 til 31-12-2025", "fra 01-01-2022", or "uden kendt startdato".</summary>
    public static string Period(Membership m) =>
        (m.Start is { } s ? $"fra {Day(s)}" : "uden kendt startdato") + (m.End is { } e ? $" til {Day(e)}" : "");

    async Task<(Membership? Seat, string? Problem)> OwnSeatAsync(int seatId, CancellationToken ct)
    {
        var seat = await db.Memberships.FirstOrDefaultAsync(m => m.Id == seatId, ct);
        if (seat is null) return (null, "Pladsen findes ikke.");
        return viewer.MayChangeBody(seat.BodyId) ? (seat, null) : (null, NotYours);
    }
}
