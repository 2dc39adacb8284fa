using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Import;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Tests.Meetings;

/// <summary>The one way meetings change: the rules (whose body, which state, final minutes frozen) on a real SQLite file with the demo minutes.</summary>
public sealed class MeetingOperationsTests : IAsyncLifetime
{
    readonly TempDatabase database = new();
    ProtokolDb db = null!;
    int teknik, oekonomi;

    public async Task InitializeAsync()
    {
        db = database.Open();
        foreach (var file in new[] { "2026-01-13_teknik-og-miljoe.txt", "2026-02-16_oekonomiudvalget.txt" })
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(db).ImportAsync(Path.Combine(Samples.Demo, file))).Outcome);
        teknik = (await db.Bodies.SingleAsync(b => b.Slug == "teknik-og-miljoeudvalget")).Id;
        oekonomi = (await db.Bodies.SingleAsync(b => b.Slug == "oekonomiudvalget")).Id;
    }

    /// <summary>A secretary of the bodies, logged in with a second factor, as the pages would see them.</summary>
    async Task<MeetingOperations> Secretary(params int[] bodies)
    {
        var email = $"sekr-{Guid.NewGuid():N}@fjordby.dk";
        var account = new Account { Name = "Sekretær", Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), Role = AccountRole.Secretary, SecurityStamp = "s" };
        account.SecretaryOf.AddRange(bodies.Select(b => new SecretaryBody { BodyId = b }));
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("amr", "mfa")], "test"));
        var viewer = await Viewer.LoadAsync(db, principal, default);
        db.Actor = viewer.Actor;
        return new MeetingOperations(db, viewer);
    }

    Task<Meeting> Load(int id) => db.Meetings.AsNoTracking().Whole().SingleAsync(m => m.Id == id);

    [Fact]
    public async Task A_secretary_plans_a_meeting_whose_participants_are_the_seats_held_that_day()
    {
        var ops = await Secretary(teknik);
        var planned = await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), "Udvalgsværelse 2", default);
        Assert.True(planned.Ok, planned.Problem);
        var meeting = await Load(planned.Id);
        Assert.Equal(MeetingState.Planned, meeting.State);
        Assert.Equal(["Teknik- og Miljøudvalget"], meeting.Bodies.Select(b => b.Body.Name));
        Assert.Contains(meeting.Participants, p => p.Name == "Lars Brøndum");
        Assert.Equal(6, meeting.Participants.Count);
        Assert.Contains(await db.AuditTrail.ToListAsync(), a => a.Entity == "Meeting" && a.Action == "Added" && a.Key == planned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Actor.StartsWith("sekr-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secretary_of_another_body_is_refused_and_nothing_is_saved()
    {
        var ops = await Secretary(oekonomi);
        var before = await db.Meetings.CountAsync();
        var refused = await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default);
        Assert.Equal("Du er ikke sekretær for dette udvalg.", refused.Problem);
        Assert.Equal(before, await db.Meetings.CountAsync());
        var existing = await db.Meetings.Where(m => m.Bodies.Any(b => b.BodyId == teknik)).Select(m => m.Id).FirstAsync();
        Assert.False((await ops.AddItemAsync(existing, "Snigpunkt", null, false, null, default)).Ok);
    }

    [Fact]
    public async Task The_agenda_is_built_from_new_cases_and_standard_items_and_reordered_with_numbers()
    {
        var ops = await Secretary(teknik);
        var id = (await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Id;
        Assert.True((await ops.AddItemAsync(id, "", null, false, "formand", default)).Ok);
        var road = await ops.AddItemAsync(id, "Vejvedligeholdelse 2027", "26/0412", false, null, default);
        Assert.True(road.Ok, road.Problem);
        Assert.True((await ops.AddItemAsync(id, "Køb af grund", null, true, null, default)).Ok);
        Assert.Equal("'ikke et nummer' er ikke et sagsnummer (fx 24/1234 eller EMN-2025-003383).", (await ops.AddItemAsync(id, "X", "ikke et nummer", false, null, default)).Problem);
        Assert.True((await ops.MoveItemAsync(road.Id, -1, default)).Ok);
        var meeting = await Load(id);
        var agenda = meeting.Items.OrderBy(i => i.Order).Select(i => $"{i.Number}. {i.Title}{(i.IsClosed ? " (lukket)" : "")}").ToList();
        Assert.Equal(["1. Vejvedligeholdelse 2027", "2. Orientering fra formanden", "3. Køb af grund (lukket)"], agenda);
        var newCase = meeting.Items.Single(i => i.Id == road.Id);
        Assert.Equal("26/0412", newCase.CaseNumber);
        Assert.Equal([SectionKind.Summary, SectionKind.Route, SectionKind.Proposal, SectionKind.CaseText], newCase.OrderedSections.Select(s => s.Kind));
        Assert.Contains("tages til efterretning", meeting.Items.Single(i => i.Title == "Orientering fra formanden").OrderedSections.Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_secretaries_editing_one_section_do_not_silently_overwrite_each_other()
    {
        var first = await Secretary(teknik);
        var id = (await first.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Id;
        var item = await first.AddItemAsync(id, "Cykelsti", null, false, null, default);
        var section = await db.Sections.AsNoTracking().FirstAsync(s => s.AgendaItemId == item.Id && s.Kind == SectionKind.Summary);
        var second = await Secretary(teknik);
        Assert.True((await first.EditSectionAsync(section.Id, "Den første tekst.", section.Version, default)).Ok);
        var conflict = await second.EditSectionAsync(section.Id, "Den anden tekst.", section.Version, default);
        Assert.False(conflict.Ok);
        Assert.Contains("En anden har gemt dette afsnit", conflict.Problem, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        var saved = await db.Sections.AsNoTracking().SingleAsync(s => s.Id == section.Id);
        Assert.Equal("Den første tekst.", saved.Text);
        Assert.True((await second.EditSectionAsync(section.Id, "Den anden tekst, flettet.", saved.Version, default)).Ok);
    }

    [Fact]
    public async Task Approved_minutes_are_frozen_for_every_route_until_a_secretary_reopens_them_with_a_reason()
    {
        var ops = await Secretary(teknik);
        var id = (await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Id;
        var item = (await ops.AddItemAsync(id, "Cykelsti", null, false, null, default)).Id;
        Assert.True((await ops.PublishAgendaAsync(id, default)).Ok);
        Assert.Equal("Dagsordenen er allerede offentliggjort.", (await ops.PublishAgendaAsync(id, default)).Problem);
        Assert.True((await ops.MarkHeldAsync(id, default)).Ok);
        await db.Meetings.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MeetingState.MinutesApproved));
        db.ChangeTracker.Clear();

        Assert.Contains("godkendt og kan ikke ændres", (await ops.AddItemAsync(id, "For sent", null, false, null, default)).Problem, StringComparison.Ordinal);
        Assert.Contains("godkendt", (await ops.SetClosedAsync(item, true, default)).Problem, StringComparison.Ordinal);
        // Code that goes round the operations meets the same wall in SaveChanges.
        db.ChangeTracker.Clear();
        var section = await db.Sections.FirstAsync(s => s.AgendaItemId == item);
        section.Text = "ændret bag om ryggen";
        await Assert.ThrowsAsync<FinalMinutesException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        var meeting = await db.Meetings.FirstAsync(m => m.Id == id);
        meeting.Place = "Et andet sted";
        await Assert.ThrowsAsync<FinalMinutesException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        Assert.False((await ops.ReopenAsync(id, " ", default)).Ok);
        Assert.True((await ops.ReopenAsync(id, "Forkert fraværsliste i punkt 1", default)).Ok);
        Assert.Contains(await db.AuditTrail.ToListAsync(), a => a.Action == "Reopened" && a.MeetingId == id && a.After!.Contains("Forkert fraværsliste", StringComparison.Ordinal));
        Assert.True((await ops.SetClosedAsync(item, true, default)).Ok);
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        database.Dispose();
    }
}
