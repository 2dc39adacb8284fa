using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;

namespace Protokol.Tests.Roster;

/// <summary>The one way bodies, people and seats change: who may, what is refused (in Danish), and that history stays.</summary>
public sealed class RosterOperationsTests : RosterDatabase
{
    async Task<RosterOperations> Ops(Task<Viewer> viewer) => new(Db, await viewer);

    [Fact]
    public async Task A_secretary_seats_a_new_person_with_a_role_and_the_trail_names_the_secretary()
    {
        var viewer = await Secretary(Teknik);
        var ops = new RosterOperations(Db, viewer);
        var added = await ops.AddNewPersonWithSeatAsync(Teknik, "  Mette   Holm ", false, "næstformand", D(2026, 1, 1), null, default);
        Assert.True(added.Ok, added.Problem);
        var seat = await Db.Memberships.AsNoTracking().Include(m => m.Person).SingleAsync(m => m.Id == added.Id);
        Assert.Equal(("Mette Holm", "mette-holm", "næstformand", D(2026, 1, 1), (DateOnly?)null), (seat.Person.Name, seat.Person.Slug, seat.Role, seat.Start!.Value, seat.End));
        var trail = await Db.AuditTrail.AsNoTracking().Where(a => a.Actor == viewer.Actor).ToListAsync();
        Assert.Contains(trail, a => a.Entity == "Person" && a.Action == "Added" && a.After!.Contains("Mette Holm", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.Entity == "Membership" && a.Action == "Added" && a.Key == added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.After!.Contains("næstformand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Medlem_or_no_role_is_a_plain_member_and_other_roles_stay_as_written()
    {
        var ops = await Ops(Secretary(Teknik));
        var plain = await ops.AddNewPersonWithSeatAsync(Teknik, "Ida Krogh", false, " Medlem ", D(2026, 3, 1), null, default);
        var chair = await ops.AddNewPersonWithSeatAsync(Teknik, "Bo Lund", false, "Formand", D(2026, 3, 1), null, default);
        Assert.Null((await Db.Memberships.AsNoTracking().SingleAsync(m => m.Id == plain.Id)).Role);
        Assert.Equal("Formand", (await Db.Memberships.AsNoTracking().SingleAsync(m => m.Id == chair.Id)).Role);
    }

    [Fact]
    public async Task A_person_of_the_same_name_is_made_only_when_the_secretary_says_it_is_someone_else()
    {
        var ops = await Ops(Secretary(Teknik, Oekonomi));
        var before = await SnapshotAsync();
        var refused = await ops.AddNewPersonWithSeatAsync(Oekonomi, "pia  LYKKEGAARD", false, null, D(2026, 5, 1), null, default);
        Assert.Equal(RosterOperations.SameName("pia LYKKEGAARD"), refused.Problem);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(["pia-lykkegaard"], (await ops.NamesakesAsync("Pia Lykkegaard", default)).Select(p => p.Slug));

        var namesake = await ops.AddNewPersonWithSeatAsync(Oekonomi, "Pia Lykkegaard", true, null, D(2026, 5, 1), null, default);
        Assert.True(namesake.Ok, namesake.Problem);
        Assert.Equal(["pia-lykkegaard", "pia-lykkegaard-2"], (await ops.NamesakesAsync("Pia Lykkegaard", default)).Select(p => p.Slug));
        // The existing person is seated as themselves, with no new person.
        var pia = await PersonAsync("pia-lykkegaard");
        var people = await Db.People.CountAsync();
        Assert.True((await ops.AddSeatAsync(Oekonomi, pia.Id, null, D(2026, 5, 1), null, default)).Ok);
        Assert.Equal(people, await Db.People.CountAsync());
        Assert.Equal(RosterOperations.SameName("Pia Lykkegaard"), (await ops.AddPersonAsync("Pia Lykkegaard", false, default)).Problem);
    }

    [Theory]
    [InlineData("", "2026-01-01", null, "Skriv personens navn.")]
    [InlineData("Ny Person", null, null, "Skriv den første dag, pladsen gælder.")]
    [InlineData("Ny Person", "2026-05-01", "2026-04-30", "Slutdatoen (30-04-2026) ligger før startdatoen (01-05-2026).")]
    [InlineData("Ny Person", "2026-05-01", null, "Rollen er for lang (højst 60 tegn).", 61)]
    public async Task A_seat_with_bad_values_is_refused_in_Danish_and_nothing_is_saved(string name, string? start, string? end, string problem, int roleLength = 0)
    {
        var ops = await Ops(Secretary(Teknik));
        var before = await SnapshotAsync();
        var refused = await ops.AddNewPersonWithSeatAsync(Teknik, name, false, new string('x', roleLength), Day(start), Day(end), default);
        Assert.Equal(problem, refused.Problem);
        Assert.Equal(before, await SnapshotAsync());
        Assert.DoesNotContain(Db.ChangeTracker.Entries<Person>(), e => e.State == EntityState.Added);
    }

    [Fact]
    public async Task Two_seats_of_one_person_in_one_body_may_not_overlap_and_a_later_second_seat_keeps_the_first_in_the_history()
    {
        var ops = await Ops(Secretary(Teknik));
        var lars = await PersonAsync("lars-broendum");
        var overlap = await ops.AddSeatAsync(Teknik, lars.Id, "formand", D(2026, 6, 1), null, default);
        Assert.Equal("Lars Brøndum har allerede en plads i udvalget uden kendt startdato, og to pladser i samme udvalg må ikke overlappe.", overlap.Problem);

        var seat = await SeatAsync(Teknik, "lars-broendum");
        Assert.True((await ops.CorrectSeatAsync(seat.Id, null, D(2022, 1, 1), D(2025, 12, 31), default)).Ok);
        var inside = await ops.AddSeatAsync(Teknik, lars.Id, null, D(2025, 6, 1), null, default);
        Assert.Equal("Lars Brøndum har allerede en plads i udvalget fra 01-01-2022 til 31-12-2025, og to pladser i samme udvalg må ikke overlappe.", inside.Problem);
        var later = await ops.AddSeatAsync(Teknik, lars.Id, null, D(2026, 6, 1), null, default);
        Assert.True(later.Ok, later.Problem);
        Assert.Equal([(D(2022, 1, 1), D(2025, 12, 31)), (D(2026, 6, 1), (DateOnly?)null)],
            (await Db.Memberships.Where(m => m.BodyId == Teknik && m.PersonId == lars.Id).OrderBy(m => m.Start).ToListAsync()).Select(m => (m.Start, m.End)));
    }

    [Fact]
    public async Task A_secretary_changes_only_the_bodies_they_serve_and_only_an_administrator_creates_bodies()
    {
        var ops = await Ops(Secretary(Oekonomi));
        var before = await SnapshotAsync();
        var pia = await PersonAsync("pia-lykkegaard"); // a seat in Teknik- og Miljøudvalget only
        var seat = await SeatAsync(Teknik, "pia-lykkegaard");
        const string NotYours = "Du er ikke sekretær for dette udvalg.";
        Assert.Equal(NotYours, (await ops.AddSeatAsync(Teknik, (await PersonAsync("mette-kjaergaard")).Id, null, D(2026, 5, 1), null, default)).Problem);
        Assert.Equal(NotYours, (await ops.AddNewPersonWithSeatAsync(Teknik, "Ny Person", false, null, D(2026, 5, 1), null, default)).Problem);
        Assert.Equal(NotYours, (await ops.EndSeatAsync(seat.Id, D(2026, 5, 1), default)).Problem);
        Assert.Equal(NotYours, (await ops.CorrectSeatAsync(seat.Id, "formand", null, null, default)).Problem);
        Assert.Equal(NotYours, (await ops.RenameBodyAsync(Teknik, "Teknikudvalget", default)).Problem);
        Assert.Equal("Du er ikke sekretær for et udvalg, personen sidder i.", (await ops.RenamePersonAsync(pia.Id, "Pia Lykke", false, default)).Problem);
        Assert.Equal("Kun en administrator kan oprette udvalg.", (await ops.CreateBodyAsync("Klimaudvalget", BodyKind.Committee, default)).Problem);
        Assert.Equal(before, await SnapshotAsync());

        // Their own body they change; a person sitting there they may rename.
        Assert.True((await ops.RenameBodyAsync(Oekonomi, "Økonomi- og Erhvervsudvalget", default)).Ok);
        var renamed = await Db.Bodies.AsNoTracking().SingleAsync(b => b.Id == Oekonomi);
        Assert.Equal(("Økonomi- og Erhvervsudvalget", "oekonomiudvalget"), (renamed.Name, renamed.Slug)); // the address stays
        Assert.True((await ops.RenamePersonAsync((await PersonAsync("karina-bundgaard")).Id, "Karina Bundgaard Møller", false, default)).Ok);
        Assert.Equal("karina-bundgaard", (await Db.People.AsNoTracking().SingleAsync(p => p.Name == "Karina Bundgaard Møller")).Slug);

        // Nobody is renamed into another person's name without saying it is someone else.
        Assert.Equal(RosterOperations.SameName("Lars Brøndum"), (await ops.RenamePersonAsync((await PersonAsync("sofie-engelbrecht")).Id, "Lars Brøndum", false, default)).Problem);
    }

    [Fact]
    public async Task An_administrator_creates_a_body_with_a_unique_address()
    {
        var ops = await Ops(Admin());
        var created = await ops.CreateBodyAsync(" Klima- og Naturudvalget ", BodyKind.Committee, default);
        Assert.True(created.Ok, created.Problem);
        var body = await Db.Bodies.AsNoTracking().SingleAsync(b => b.Id == created.Id);
        Assert.Equal(("Klima- og Naturudvalget", "klima-og-naturudvalget", BodyKind.Committee), (body.Name, body.Slug, body.Kind));
        Assert.Equal("Der findes allerede et udvalg med adressen /udvalg/klima-og-naturudvalget.", (await ops.CreateBodyAsync("Klima og Naturudvalget", BodyKind.Committee, default)).Problem);
        Assert.Equal("Skriv udvalgets navn.", (await ops.CreateBodyAsync("  ", BodyKind.Other, default)).Problem);
        Assert.Equal("Navnet skal indeholde bogstaver eller tal.", (await ops.CreateBodyAsync("–", BodyKind.Other, default)).Problem);
        Assert.Contains(await Db.AuditTrail.AsNoTracking().ToListAsync(), a => a.Entity == "Body" && a.Action == "Added" && a.After!.Contains("Klima- og Naturudvalget", StringComparison.Ordinal));
        // The administrator may change every body's roster.
        Assert.True((await ops.AddNewPersonWithSeatAsync(body.Id, "Ny Formand", false, "formand", D(2027, 1, 1), null, default)).Ok);
    }

    [Fact]
    public async Task An_ended_seat_stays_and_still_opens_the_closed_items_of_the_meetings_before_its_end()
    {
        var ops = await Ops(Secretary(Teknik));
        var seat = await SeatAsync(Teknik, "lars-broendum");
        Assert.True((await ops.CorrectSeatAsync(seat.Id, null, D(2022, 1, 1), null, default)).Ok);
        Assert.Equal("Slutdatoen (31-12-2021) ligger før pladsens start (01-01-2022).", (await ops.EndSeatAsync(seat.Id, D(2021, 12, 31), default)).Problem);
        Assert.True((await ops.EndSeatAsync(seat.Id, D(2026, 2, 28), default)).Ok);
        Assert.Equal("Pladsen er allerede afsluttet 28-02-2026. Ret pladsen, hvis datoen er forkert.", (await ops.EndSeatAsync(seat.Id, D(2026, 3, 31), default)).Problem);
        Assert.Equal("Skriv den sidste dag, pladsen gælder.", (await ops.EndSeatAsync(seat.Id, null, default)).Problem);

        var kept = await SeatAsync(Teknik, "lars-broendum");
        Assert.Equal((D(2022, 1, 1), D(2026, 2, 28)), (kept.Start!.Value, kept.End!.Value));
        Assert.DoesNotContain(await Db.AuditTrail.AsNoTracking().ToListAsync(), a => a.Entity == "Membership" && a.Action == "Deleted");
        Assert.Contains(await Db.AuditTrail.AsNoTracking().ToListAsync(), a => a.Entity == "Membership" && a.Action == "Modified" && a.Key == seat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && a.After == """{"End":"2026-02-28"}""");

        // Lars's own account: the meeting of 13 January 2026 (during the seat) yes, 10 March 2026 (after) no.
        var lars = await ViewerAsync(AccountRole.Member, kept.PersonId, []);
        Assert.True(lars.MayReadClosed([Teknik], new DateTime(2026, 1, 13, 16, 0, 0)));
        Assert.True(lars.MayReadClosed([Teknik], new DateTime(2026, 2, 28, 16, 0, 0)));
        Assert.False(lars.MayReadClosed([Teknik], new DateTime(2026, 3, 10, 16, 0, 0)));
        Assert.False(lars.MayReadClosed([Teknik], new DateTime(2021, 12, 1, 16, 0, 0)));
    }

    [Fact]
    public async Task A_wrong_seat_is_corrected_the_trail_keeps_the_old_values_and_a_known_start_is_never_blanked()
    {
        var ops = await Ops(Secretary(Teknik));
        var added = await ops.AddNewPersonWithSeatAsync(Teknik, "Ida Krogh", false, "næstformand", D(2026, 3, 1), null, default);
        var corrected = await ops.CorrectSeatAsync(added.Id, "formand", D(2026, 2, 1), D(2029, 12, 31), default);
        Assert.True(corrected.Ok, corrected.Problem);
        var seat = await Db.Memberships.AsNoTracking().SingleAsync(m => m.Id == added.Id);
        Assert.Equal(("formand", D(2026, 2, 1), D(2029, 12, 31)), (seat.Role, seat.Start!.Value, seat.End!.Value));
        var row = await Db.AuditTrail.AsNoTracking().SingleAsync(a => a.Entity == "Membership" && a.Action == "Modified" && a.Key == added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("""{"End":null,"Role":"næstformand","Start":"2026-03-01"}""", row.Before);
        Assert.Equal("Skriv den første dag, pladsen gælder.", (await ops.CorrectSeatAsync(added.Id, "formand", null, null, default)).Problem);
        Assert.Equal("Pladsen findes ikke.", (await ops.CorrectSeatAsync(-1, null, D(2026, 1, 1), null, default)).Problem);
    }

    [Fact]
    public async Task A_meeting_planned_after_the_roster_changed_calls_the_seats_held_on_its_day()
    {
        var viewer = await Secretary(Teknik);
        var ops = new RosterOperations(Db, viewer);
        Assert.True((await ops.EndSeatAsync((await SeatAsync(Teknik, "lars-broendum")).Id, D(2026, 12, 31), default)).Ok);
        Assert.True((await ops.AddNewPersonWithSeatAsync(Teknik, "Mette Holm", false, "formand", D(2027, 1, 1), null, default)).Ok);
        var meetings = new MeetingOperations(Db, viewer, new Signing.MinutesSigner(Path.Combine(Path.GetTempPath(), $"roster-key-{Guid.NewGuid():N}.pem")));
        var december = await meetings.PlanAsync([Teknik], new DateTime(2026, 12, 15, 16, 0, 0), null, default);
        var february = await meetings.PlanAsync([Teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default);
        var names = async (int id) => await Db.Set<Participant>().AsNoTracking().Where(p => p.MeetingId == id).OrderBy(p => p.Order).Select(p => p.Name).ToListAsync();
        Assert.Contains("Lars Brøndum", await names(december.Id));
        Assert.DoesNotContain("Mette Holm", await names(december.Id));
        Assert.DoesNotContain("Lars Brøndum", await names(february.Id));
        Assert.Equal("Mette Holm", (await names(february.Id))[0]); // the chair first
    }

    static DateOnly? Day(string? iso) => iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
