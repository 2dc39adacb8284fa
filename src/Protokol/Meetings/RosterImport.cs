using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Storage;

namespace Protokol.Meetings;

public enum RosterChangeKind { NewSeat, EndedSeat, CorrectedSeat, Unchanged }

/// <summary>What one line of a roster file does: PersonId null is a new person; Was is the seat as it stood before a change.</summary>
public sealed record RosterChange(int Line, RosterChangeKind Kind, int BodyId, string BodyName, int? PersonId, string PersonName, int? SeatId,
    string? Role, DateOnly? Start, DateOnly? End, string? Was);

/// <summary>What a roster file would change, or what is wrong with it; it is applied only when nothing is wrong.</summary>
public sealed record RosterPlan(IReadOnlyList<RosterChange> Changes, IReadOnlyList<RosterError> Errors)
{
    public IReadOnlyList<string> NewPeople => Changes.Where(c => c.PersonId is null).Select(c => c.PersonName).Distinct(StringComparer.Ordinal).ToList();
    public IEnumerable<RosterChange> Of(RosterChangeKind kind) => Changes.Where(c => c.Kind == kind);
    public bool ChangesAnything => Changes.Any(c => c.Kind != RosterChangeKind.Unchanged);

    /// <summary>Names exactly these changes: what the secretary saw in the preview is what is applied, or nothing.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Changes.Select(c =>
        string.Join('|', c.Line, c.Kind, c.BodyId, c.PersonId, c.PersonName, c.SeatId, c.Role, c.Start?.DayNumber, c.End?.DayNumber))))));
}

/// <summary>
/// A roster file (see <see cref="RosterCsv"/>) for one body, or for several (its udvalg column), first planned
/// against the stored seats for a preview, then applied through <see cref="RosterOperations"/> in one save:
/// every change and its audit rows, or none. Empty dates keep a seat's dates; an empty role is a plain member.
/// </summary>
public sealed class RosterImport(ProtokolDb db, Viewer viewer)
{
    readonly RosterOperations operations = new(db, viewer);

    public async Task<RosterPlan> PlanAsync(byte[] file, int? bodyId, CancellationToken ct)
    {
        var (rows, errors) = RosterCsv.Parse(file);
        var bodies = await BodiesAsync(bodyId, errors, ct);
        if (bodies is null) return new([], errors);
        var changes = new List<RosterChange>();
        var people = new Dictionary<string, List<Person>>(StringComparer.Ordinal);
        var seen = new Dictionary<(int Body, string Person), int>();
        foreach (var row in rows)
        {
            var body = BodyOf(row, bodyId, bodies, errors);
            if (body is null) continue;
            var key = Slug.From(row.Name);
            if (key.Length == 0) { errors.Add(new(row.Line, "navn", "Navnet skal indeholde bogstaver.")); continue; }
            if (!seen.TryAdd((body.Id, key), row.Line))
            {
                errors.Add(new(row.Line, "navn", $"{row.Name} står allerede på linje {seen[(body.Id, key)].ToString(CultureInfo.InvariantCulture)} for {body.Name}; én linje pr. person og udvalg."));
                continue;
            }
            if (!people.TryGetValue(key, out var namesakes)) people[key] = namesakes = await operations.NamesakesAsync(row.Name, ct);
            if (namesakes.Count > 1)
            {
                errors.Add(new(row.Line, "navn", $"Flere personer hedder {row.Name}. Giv pladsen på udvalgets side, hvor du kan vælge, hvem det er."));
                continue;
            }
            var person = namesakes.SingleOrDefault();
            var seat = person?.Memberships.Where(m => m.BodyId == body.Id).OrderByDescending(m => m.Start ?? DateOnly.MinValue).FirstOrDefault();
            var change = seat is null ? NewSeat(row, body, person, errors) : Change(row, body, person!, seat, errors);
            if (change is not null) changes.Add(change);
        }
        return new(changes, errors.OrderBy(e => e.Line).ToList());
    }

    /// <summary>The changes of the file, if it still plans exactly as previewed (fingerprint) and has no errors; else why not, and nothing is saved.</summary>
    public async Task<(RosterPlan Plan, string? Problem)> ApplyAsync(byte[] file, int? bodyId, string fingerprint, CancellationToken ct)
    {
        var plan = await PlanAsync(file, bodyId, ct);
        if (plan.Errors.Count > 0) return (plan, "Filen har fejl, så intet er ændret. Ret fejlene, og prøv igen.");
        if (plan.Fingerprint != fingerprint) return (plan, "Medlemmerne er ændret, siden du så forhåndsvisningen, så intet er ændret. Se den nye forhåndsvisning herunder.");
        if (!plan.ChangesAnything) return (plan, "Filen ændrer intet.");
        var created = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var c in plan.Changes.Where(c => c.Kind != RosterChangeKind.Unchanged))
        {
            var (done, problem) = c.Kind switch
            {
                RosterChangeKind.NewSeat when c.PersonId is { } id => await operations.StageSeatAsync(c.BodyId, id, c.Role, c.Start, c.End, ct),
                RosterChangeKind.NewSeat => await NewPersonSeatAsync(c, created, ct),
                RosterChangeKind.EndedSeat => await operations.StageEndAsync(c.SeatId!.Value, c.End, ct),
                _ => await operations.StageCorrectionAsync(c.SeatId!.Value, c.Role, c.Start, c.End, ct),
            };
            if (done is null)
            {
                db.ChangeTracker.Clear();
                return (plan, $"Linje {c.Line.ToString(CultureInfo.InvariantCulture)}: {problem} Intet er ændret.");
            }
        }
        await db.SaveChangesAsync(ct); // one save: every seat, person and audit row, or none
        return (plan, null);
    }

    async Task<(Membership? Seat, string? Problem)> NewPersonSeatAsync(RosterChange c, Dictionary<string, Person> created, CancellationToken ct)
    {
        var key = Slug.From(c.PersonName);
        if (!created.TryGetValue(key, out var person))
        {
            var (made, problem) = await operations.NewPersonAsync(c.PersonName, sameNameIsSomeoneElse: false, ct);
            if (made is null) return (null, problem);
            created[key] = person = made;
        }
        return await operations.StageSeatAsync(c.BodyId, person, c.Role, c.Start, c.End, ct);
    }

    static RosterChange? NewSeat(RosterRow row, Body body, Person? person, List<RosterError> errors)
    {
        if (row.Start is null)
        {
            errors.Add(new(row.Line, "start", "Mangler. En ny plads skal have den første dag, den gælder."));
            return null;
        }
        return new(row.Line, RosterChangeKind.NewSeat, body.Id, body.Name, person?.Id, person?.Name ?? row.Name, null, row.Role, row.Start, row.End, null);
    }

    /// <summary>A line about a seat the person already has: unchanged, ended (an end date where there was none) or corrected.</summary>
    static RosterChange? Change(RosterRow row, Body body, Person person, Membership seat, List<RosterError> errors)
    {
        // Back after a seat that ended: a new seat beside the old one, which stays in the history.
        if (row.Start is { } later && seat.End is { } ended && later > ended) return NewSeat(row, body, person, errors);
        var (start, end) = (row.Start ?? seat.Start, row.End ?? seat.End);
        var sameRole = string.Equals(seat.Role, row.Role, StringComparison.OrdinalIgnoreCase);
        var kind = sameRole && start == seat.Start && end == seat.End ? RosterChangeKind.Unchanged
            : sameRole && start == seat.Start && seat.End is null ? RosterChangeKind.EndedSeat
            : RosterChangeKind.CorrectedSeat;
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add(new(row.Line, "slut", $"Slutdatoen ({RosterOperations.Day(e)}) ligger før pladsens start ({RosterOperations.Day(s)})."));
            return null;
        }
        var was = kind == RosterChangeKind.Unchanged ? null : $"{seat.Role ?? "medlem"} {RosterOperations.Period(seat)}";
        return new(row.Line, kind, body.Id, body.Name, person.Id, person.Name, seat.Id, kind == RosterChangeKind.Unchanged ? seat.Role : row.Role, start, end, was);
    }

    /// <summary>The bodies lines may name: the one imported to, or (no body given) every body, each checked per line.</summary>
    async Task<List<Body>?> BodiesAsync(int? bodyId, List<RosterError> errors, CancellationToken ct)
    {
        if (bodyId is not { } id) return await db.Bodies.AsNoTracking().ToListAsync(ct);
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        var problem = body is null ? "Udvalget findes ikke." : viewer.MayChangeBody(id) ? null : "Du er ikke sekretær for dette udvalg.";
        if (problem is null) return [body!];
        errors.Insert(0, new(0, null, problem));
        return null;
    }

    Body? BodyOf(RosterRow row, int? bodyId, List<Body> bodies, List<RosterError> errors)
    {
        if (bodyId is not null)
        {
            var only = bodies[0];
            if (row.Body is null || Names(only, row.Body)) return only;
            errors.Add(new(row.Line, "udvalg", $"Linjen nævner »{row.Body}«, men listen importeres til {only.Name}. Lad feltet stå tomt, eller importér fra siden for alle udvalg."));
            return null;
        }
        if (row.Body is null) { errors.Add(new(row.Line, "udvalg", "Skriv udvalgets navn.")); return null; }
        var body = bodies.FirstOrDefault(b => Names(b, row.Body));
        if (body is null) errors.Add(new(row.Line, "udvalg", $"Der er intet udvalg »{row.Body}«."));
        else if (!viewer.MayChangeBody(body.Id)) errors.Add(new(row.Line, "udvalg", $"Du er ikke sekretær for {body.Name}."));
        else return body;
        return null;
    }

    /// <summary>A body is named by its name or its address, whatever the case.</summary>
    static bool Names(Body body, string text) =>
        string.Equals(body.Name, text.Trim(), StringComparison.OrdinalIgnoreCase) || body.Slug == Slug.From(text);
}
