using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;

namespace Protokol.Tests.Roster;

/// <summary>A roster file previewed against the stored seats, then applied in one save (all or nothing) through the roster operations.</summary>
public sealed class RosterImportTests : RosterDatabase
{
    static byte[] File(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>After the election: a new chair, an Økonomiudvalget member joining, Lars leaving, Pia's role corrected, Torben as he was.</summary>
    const string Election = """
        navn;rolle;start;slut
        Mette Holm;formand;01-01-2026;
        Mette Kjærgaard;;1.2.2026;
        Lars Brøndum;;;28-02-2026
        Pia Lykkegaard;næstformand;;
        Torben Aagaard;;;
        """;

    [Fact]
    public async Task A_roster_file_is_previewed_then_applied_in_one_save_through_the_operations_with_audit_rows()
    {
        var import = new RosterImport(Db, await Secretary(Teknik));
        var before = await SnapshotAsync();
        var plan = await import.PlanAsync(File(Election), Teknik, default);
        Assert.Empty(plan.Errors);
        Assert.Equal(before, await SnapshotAsync()); // a preview changes nothing
        Assert.Equal(["Mette Holm"], plan.NewPeople);
        Assert.Equal(["Mette Holm", "Mette Kjærgaard"], plan.Of(RosterChangeKind.NewSeat).Select(c => c.PersonName));
        var ended = Assert.Single(plan.Of(RosterChangeKind.EndedSeat));
        Assert.Equal(("Lars Brøndum", 4, new DateOnly(2026, 2, 28)), (ended.PersonName, ended.Line, ended.End!.Value));
        var corrected = Assert.Single(plan.Of(RosterChangeKind.CorrectedSeat));
        Assert.Equal(("Pia Lykkegaard", "næstformand", "medlem uden kendt startdato"), (corrected.PersonName, corrected.Role, corrected.Was));
        Assert.Equal(["Torben Aagaard"], plan.Of(RosterChangeKind.Unchanged).Select(c => c.PersonName));

        var (_, problem) = await import.ApplyAsync(File(Election), Teknik, plan.Fingerprint, default);
        Assert.Null(problem);
        var seats = await Db.Memberships.AsNoTracking().Include(m => m.Person).Where(m => m.BodyId == Teknik).ToDictionaryAsync(m => m.Person.Name);
        Assert.Equal(("formand", new DateOnly(2026, 1, 1)), (seats["Mette Holm"].Role, seats["Mette Holm"].Start!.Value));
        Assert.Equal(new DateOnly(2026, 2, 1), seats["Mette Kjærgaard"].Start);
        Assert.Equal(1, await Db.People.CountAsync(p => p.Name == "Mette Kjærgaard")); // seated as herself, not a copy
        Assert.Equal(new DateOnly(2026, 2, 28), seats["Lars Brøndum"].End);
        Assert.Equal("næstformand", seats["Pia Lykkegaard"].Role);
        Assert.Null(seats["Torben Aagaard"].End);
        var after = await SnapshotAsync();
        Assert.Equal((before.People + 1, before.Seats + 2), (after.People, after.Seats));
        // One person, two new seats, two changed seats: five audit rows, every one naming the secretary.
        var trail = await Db.AuditTrail.AsNoTracking().OrderBy(a => a.Id).Skip(before.Audit).ToListAsync();
        Assert.Equal(["Membership/Added", "Membership/Added", "Membership/Modified", "Membership/Modified", "Person/Added"], trail.Select(a => $"{a.Entity}/{a.Action}").Order(StringComparer.Ordinal));
        Assert.All(trail, a => Assert.StartsWith("secretary-", a.Actor, StringComparison.Ordinal));

        // The same file again changes nothing.
        var again = await import.PlanAsync(File(Election), Teknik, default);
        Assert.False(again.ChangesAnything);
        Assert.Equal("Filen ændrer intet.", (await import.ApplyAsync(File(Election), Teknik, again.Fingerprint, default)).Problem);
    }

    [Fact]
    public async Task Errors_about_the_stored_roster_name_their_line_and_field()
    {
        var ops = new RosterOperations(Db, await Secretary(Teknik, Oekonomi));
        Assert.True((await ops.AddNewPersonWithSeatAsync(Oekonomi, "Pia Lykkegaard", true, null, new(2026, 1, 1), null, default)).Ok); // a namesake
        Assert.True((await ops.CorrectSeatAsync((await SeatAsync(Teknik, "torben-aagaard")).Id, null, new(2022, 1, 1), new(2025, 12, 31), default)).Ok);
        var import = new RosterImport(Db, await Secretary(Teknik));
        var plan = await import.PlanAsync(File("""
            navn;rolle;start;slut;udvalg
            Ny Person;;;;
            Pia Lykkegaard;;01-01-2026;;
            Torben Aagaard;;01-01-2026;;
            Camilla Friis Nørgaard;;;;Økonomiudvalget
            Rasmus Dahl Iversen;formand;;;
            rasmus dahl iversen;;;;
            Jens Peter Holst;;;31-12-2021;teknik-og-miljoeudvalget
            """), Teknik, default);
        Assert.Equal(
        [
            "Linje 2, start: Mangler. En ny plads skal have den første dag, den gælder.",
            "Linje 3, navn: Flere personer hedder Pia Lykkegaard. Giv pladsen på udvalgets side, hvor du kan vælge, hvem det er.",
            "Linje 5, udvalg: Linjen nævner »Økonomiudvalget«, men listen importeres til Teknik- og Miljøudvalget. Lad feltet stå tomt, eller importér fra siden for alle udvalg.",
            "Linje 7, navn: rasmus dahl iversen står allerede på linje 6 for Teknik- og Miljøudvalget; én linje pr. person og udvalg.",
        ], plan.Errors.Select(e => e.ToString()));
        // Line 4 is Torben Aagaard back after his seat ended: a new seat beside the old one.
        Assert.Equal("Torben Aagaard", Assert.Single(plan.Of(RosterChangeKind.NewSeat)).PersonName);
        // Line 8 ends a seat with no known start: allowed, as any last day is after an unknown first day.
        Assert.Equal("Jens Peter Holst", Assert.Single(plan.Of(RosterChangeKind.EndedSeat)).PersonName);
        Assert.Equal("Filen har fejl, så intet er ændret. Ret fejlene, og prøv igen.", (await import.ApplyAsync(File("navn;rolle;start;slut\nNy Person;;;"), Teknik, "", default)).Problem);
    }

    [Fact]
    public async Task A_file_with_one_bad_line_among_good_ones_changes_nothing()
    {
        var import = new RosterImport(Db, await Secretary(Teknik));
        var bad = File(Election + "\nSidste Linje;;32-01-2026;");
        var plan = await import.PlanAsync(bad, Teknik, default);
        Assert.Equal("Linje 7, start: »32-01-2026« er ikke en dato. Skriv fx 31-12-2025, 31.12.2025 eller 2025-12-31.", Assert.Single(plan.Errors).ToString());
        Assert.Equal(4, plan.Changes.Count(c => c.Kind != RosterChangeKind.Unchanged)); // the good lines are still shown
        var before = await SnapshotAsync();
        var (_, problem) = await import.ApplyAsync(bad, Teknik, plan.Fingerprint, default);
        Assert.NotNull(problem);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_preview_made_stale_by_another_change_is_not_applied()
    {
        var viewer = await Secretary(Teknik);
        var import = new RosterImport(Db, viewer);
        var plan = await import.PlanAsync(File(Election), Teknik, default);
        // A colleague corrects Pia's seat between the preview and the click.
        Assert.True((await new RosterOperations(Db, viewer).CorrectSeatAsync((await SeatAsync(Teknik, "pia-lykkegaard")).Id, "næstformand", null, null, default)).Ok);
        var before = await SnapshotAsync();
        var (fresh, problem) = await import.ApplyAsync(File(Election), Teknik, plan.Fingerprint, default);
        Assert.Equal("Medlemmerne er ændret, siden du så forhåndsvisningen, så intet er ændret. Se den nye forhåndsvisning herunder.", problem);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(fresh.Of(RosterChangeKind.CorrectedSeat));
    }

    [Fact]
    public async Task A_file_for_several_bodies_names_each_line_s_body_and_a_secretary_changes_only_their_own()
    {
        const string Many = """
            navn;rolle;start;slut;udvalg
            Mette Holm;formand;01-01-2026;;Teknik- og Miljøudvalget
            Mette Holm;;01-01-2026;;oekonomiudvalget
            Ida Krogh;;01-01-2026;;Klimaudvalget
            Bo Lund;;01-01-2026;;
            """;
        var secretary = new RosterImport(Db, await Secretary(Teknik));
        Assert.Equal(
        [
            "Linje 3, udvalg: Du er ikke sekretær for Økonomiudvalget.",
            "Linje 4, udvalg: Der er intet udvalg »Klimaudvalget«.",
            "Linje 5, udvalg: Skriv udvalgets navn.",
        ], (await secretary.PlanAsync(File(Many), null, default)).Errors.Select(e => e.ToString()));

        var admin = new RosterImport(Db, await Admin());
        var good = File(string.Join('\n', Many.Split('\n').Take(3)));
        var plan = await admin.PlanAsync(good, null, default);
        Assert.Empty(plan.Errors);
        Assert.Equal(["Mette Holm"], plan.NewPeople);
        Assert.Null((await admin.ApplyAsync(good, null, plan.Fingerprint, default)).Problem);
        var holm = await Db.People.AsNoTracking().Include(p => p.Memberships).SingleAsync(p => p.Name == "Mette Holm"); // one person, two seats
        Assert.Equal([Teknik, Oekonomi], holm.Memberships.Select(m => m.BodyId).Order());
    }

    [Fact]
    public async Task A_secretary_of_another_body_cannot_import_into_this_one()
    {
        var import = new RosterImport(Db, await Secretary(Oekonomi));
        var plan = await import.PlanAsync(File(Election), Teknik, default);
        Assert.Equal("Du er ikke sekretær for dette udvalg.", Assert.Single(plan.Errors).ToString());
        Assert.Empty(plan.Changes);
        var member = new RosterImport(Db, await ViewerAsync(AccountRole.Member, null, []));
        Assert.Equal("Du er ikke sekretær for dette udvalg.", Assert.Single((await member.PlanAsync(File(Election), Teknik, default)).Errors).ToString());
    }
}
