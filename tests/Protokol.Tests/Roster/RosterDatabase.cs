using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Import;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Tests.Roster;

/// <summary>
/// A fresh store (SQLite or PostgreSQL, <see cref="TempDatabase"/>) with two demo committees imported (Teknik- og Miljøudvalget: Lars Brøndum, Pia Lykkegaard …,
/// seats without dates, as imported minutes give them; Økonomiudvalget: Mette Kjærgaard, Lars Brøndum …), and
/// signed-in viewers as the pages would see them.
/// </summary>
public abstract class RosterDatabase : IAsyncLifetime
{
    readonly TempDatabase database = new();
    protected ProtokolDb Db { get; private set; } = null!;
    protected int Teknik { get; private set; }
    protected int Oekonomi { get; private set; }

    public async Task InitializeAsync()
    {
        Db = database.Open(new FixedClock(FixedClock.Today));
        foreach (var file in new[] { "2026-01-13_teknik-og-miljoe.txt", "2026-02-16_oekonomiudvalget.txt" })
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(Db).ImportAsync(Path.Combine(Samples.Demo, file))).Outcome);
        Teknik = (await Db.Bodies.SingleAsync(b => b.Slug == "teknik-og-miljoeudvalget")).Id;
        Oekonomi = (await Db.Bodies.SingleAsync(b => b.Slug == "oekonomiudvalget")).Id;
    }

    public Task DisposeAsync()
    {
        Db.Dispose();
        database.Dispose();
        return Task.CompletedTask;
    }

    protected Task<Viewer> Secretary(params int[] bodies) => ViewerAsync(AccountRole.Secretary, null, bodies);
    protected Task<Viewer> Admin() => ViewerAsync(AccountRole.Admin, null, []);

    /// <summary>An account logged in with a second factor; the audit trail names it from now on.</summary>
    protected async Task<Viewer> ViewerAsync(AccountRole role, int? person, int[] bodies)
    {
        var email = $"{role}-{Guid.NewGuid():N}@fjordby.dk".ToLowerInvariant();
        var account = new Account { Name = role.ToString(), Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), Role = role, SecurityStamp = "s", PersonId = person };
        account.SecretaryOf.AddRange(bodies.Select(b => new SecretaryBody { BodyId = b }));
        Db.Accounts.Add(account);
        await Db.SaveChangesAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)), new Claim("amr", "mfa")], "test"));
        var viewer = await Viewer.LoadAsync(Db, principal, default);
        Db.Actor = viewer.Actor;
        Db.ChangeTracker.Clear();
        return viewer;
    }

    protected Task<Person> PersonAsync(string slug) => Db.People.AsNoTracking().SingleAsync(p => p.Slug == slug);

    protected Task<Membership> SeatAsync(int body, string personSlug) =>
        Db.Memberships.AsNoTracking().SingleAsync(m => m.BodyId == body && m.Person.Slug == personSlug);

    /// <summary>Everything the roster is made of, and the trail: a refused change leaves all of it as it was.</summary>
    protected async Task<(int People, int Seats, int Bodies, int Audit, string Values)> SnapshotAsync()
    {
        var seats = await Db.Memberships.AsNoTracking().OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.PersonId}:{m.BodyId}:{m.Role}:{m.Start}:{m.End}").ToListAsync();
        return (await Db.People.CountAsync(), seats.Count, await Db.Bodies.CountAsync(), await Db.AuditTrail.CountAsync(), string.Join("|", seats));
    }

    protected static DateOnly D(int year, int month, int day) => new(year, month, day);
}
