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

    Signing.MinutesSigner? signer;
    Signing.MinutesSigner Signer => signer ??= new(Path.Combine(database.Folder, "signing-key.pem"));

    /// <summary>A secretary of the bodies, logged in with a second factor, as the pages would see them.</summary>
    Task<MeetingOperations> Secretary(params int[] bodies) => As(AccountRole.Secretary, null, bodies);

    /// <summary>A member whose account belongs to the person.</summary>
    Task<MeetingOperations> Member(int personId) => As(AccountRole.Member, personId, []);

    async Task<MeetingOperations> As(AccountRole role, int? person, int[] bodies)
    {
        var email = $"{role}-{Guid.NewGuid():N}@fjordby.dk".ToLowerInvariant();
        var account = new Account { Name = role.ToString(), Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), Role = role, SecurityStamp = "s", PersonId = person };
        account.SecretaryOf.AddRange(bodies.Select(b => new SecretaryBody { BodyId = b }));
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("amr", "mfa")], "test"));
        var viewer = await Viewer.LoadAsync(db, principal, default);
        db.Actor = viewer.Actor;
        return new MeetingOperations(db, viewer, Signer);
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
        Assert.Contains(await db.AuditTrail.ToListAsync(), a => a.Entity == "Meeting" && a.Action == "Added" && a.Key == planned.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Actor.StartsWith("secretary-", StringComparison.Ordinal));
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
    public async Task A_secretary_who_also_holds_a_seat_elsewhere_changes_only_the_bodies_they_serve()
    {
        var lars = await db.People.SingleAsync(p => p.Slug == "lars-broendum"); // a seat in Teknik- og Miljøudvalget, from no set date
        var ops = await As(AccountRole.Secretary, lars.Id, [oekonomi]);
        Assert.Equal("Du er ikke sekretær for dette udvalg.", (await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Problem);
        Assert.True((await ops.PlanAsync([oekonomi], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Ok);
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
    public async Task An_existing_case_is_carried_on_with_its_text_and_every_earlier_decision_by_body_and_date()
    {
        var ops = await Secretary(oekonomi);
        var id = (await ops.PlanAsync([oekonomi], new DateTime(2027, 2, 15, 15, 0, 0), null, default)).Id;
        var carried = await ops.AddItemAsync(id, "", "25/7012", false, null, default);
        Assert.True(carried.Ok, carried.Problem);
        var item = (await Load(id)).Items.Single();
        Assert.Equal("Køb af ejendom på Havnevej 14", item.Title);
        Assert.True(item.IsClosed); // closed where it came from, closed here
        Assert.Contains(item.OrderedSections, s => s.Kind == SectionKind.Summary && s.Text.Contains("grænser op til kommunens arealer", StringComparison.Ordinal));
        // The Teknik- og Miljøudvalget's and the Økonomiudvalget's decisions, each with its body and date, as in the 2020-12-16 sample.
        var decisions = item.Decisions.Select(d => $"{d.DecidedBy} {d.DecidedOn:yyyy-MM-dd}").ToList();
        Assert.Contains("Teknik- og Miljøudvalget 2026-01-13", decisions);
        Assert.Equal(await db.Cases.Where(c => c.Key == "25-7012").Select(c => (int?)c.Id).SingleAsync(), item.CaseId);
        Assert.Equal("Sag 99/9999 er ikke behandlet før; skriv punktets titel.", (await ops.AddItemAsync(id, "", "99/9999", false, null, default)).Problem);
    }

    [Fact]
    public async Task An_item_is_sent_on_to_the_next_bodys_next_agenda_or_its_queue_or_postponed_to_its_own_next_meeting()
    {
        var ops = await Secretary(teknik, oekonomi);
        var held = (await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Id;
        var item = (await ops.AddItemAsync(held, "Cykelsti langs Fjordvej", "27/0101", false, null, default)).Id;
        var bare = (await ops.AddItemAsync(held, "", null, false, "meddelelser", default)).Id;
        Assert.Equal("Sag 27/0101 står allerede på dagsordenen.", (await ops.AddItemAsync(held, "", "27/0101", false, null, default)).Problem);
        await ops.PublishAgendaAsync(held, null, default);
        await ops.MarkHeldAsync(held, default);
        Assert.Equal("Punktet har intet sagsnummer, så der er ingen sag at føre videre.", (await ops.SendOnAsync(bare, oekonomi, default)).Problem);
        Assert.Contains("Du er ikke sekretær for Økonomiudvalget", (await (await Secretary(teknik)).SendOnAsync(item, oekonomi, default)).Problem, StringComparison.Ordinal);

        // No meeting of the next body yet: the case waits in its queue, and the next meeting planned takes it.
        Assert.True((await ops.RecordDecisionAsync(item, "Anbefales over for Økonomiudvalget.", null, [], 0, default)).Ok);
        var queued = await ops.SendOnAsync(item, oekonomi, default);
        Assert.True(queued.Ok, queued.Problem);
        Assert.Contains("venter i udvalgets kø", queued.Note, StringComparison.Ordinal);
        Assert.Equal(["27/0101"], await db.WaitingCases.Where(w => w.BodyId == oekonomi).Select(w => w.CaseNumber).ToListAsync());
        Assert.True((await ops.SendOnAsync(item, oekonomi, default)).Ok);
        Assert.Equal(1, await db.WaitingCases.CountAsync());
        var next = (await ops.PlanAsync([oekonomi], new DateTime(2027, 2, 22, 15, 0, 0), null, default)).Id;
        Assert.Empty(await db.WaitingCases.ToListAsync());
        var sent = (await Load(next)).Items.Single();
        Assert.Equal("Cykelsti langs Fjordvej", sent.Title);
        Assert.Equal(["Teknik- og Miljøudvalget 2027-02-09 Recommended"], sent.Decisions.Select(d => $"{d.DecidedBy} {d.DecidedOn:yyyy-MM-dd} {d.Outcome}"));

        // With a meeting planned, the item goes straight onto it.
        var later = (await ops.PlanAsync([teknik], new DateTime(2027, 3, 9, 16, 0, 0), null, default)).Id;
        var postponed = await ops.PostponeAsync(item, 1, default);
        Assert.True(postponed.Ok, postponed.Problem);
        Assert.Contains("09-03-2027", postponed.Note, StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.Postponed, (await Load(held)).Items.Single(i => i.Id == item).Decisions.Single().Outcome);
        Assert.Equal("Cykelsti langs Fjordvej", (await Load(later)).Items.Single().Title);
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
        Assert.True((await ops.PublishAgendaAsync(id, null, default)).Ok);
        Assert.Equal("Dagsordenen er allerede offentliggjort.", (await ops.PublishAgendaAsync(id, null, default)).Problem);
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

    [Fact]
    public async Task The_minutes_are_recorded_approved_by_every_member_present_then_signed_and_published()
    {
        var ops = await Secretary(teknik);
        var id = (await ops.PlanAsync([teknik], new DateTime(2027, 2, 9, 16, 0, 0), null, default)).Id;
        var item = (await ops.AddItemAsync(id, "Cykelsti langs Fjordvej", "27/0101", false, null, default)).Id;
        Assert.Equal("Referatet skrives, når mødet er holdt.", (await ops.RecordDecisionAsync(item, "Godkendt.", null, [], 0, default)).Problem);
        await ops.PublishAgendaAsync(id, null, default);
        await ops.MarkHeldAsync(id, default);
        var participants = (await Load(id)).Participants.OrderBy(p => p.Order).ToList();
        var away = participants[^1];
        Assert.True((await ops.SetAttendanceAsync(id, away.Id, true, null, default)).Ok);
        var late = participants[^2];
        var decided = await ops.RecordDecisionAsync(item, "Godkendt med den ændring, at stien bliver dobbeltrettet.", null, [late.Id], 0, default);
        Assert.True(decided.Ok, decided.Problem);
        Assert.False((await ops.RecordDecisionAsync(item, "Udsat.", null, [], 0, default)).Ok); // read before the first save
        var minutes = await Load(id);
        var decision = minutes.Items.Single().Decisions.Single();
        Assert.Equal(DecisionOutcome.Approved, decision.Outcome);
        Assert.Equal("Teknik- og Miljøudvalget", decision.DecidedBy);
        Assert.Equal([late.Name], minutes.Items.Single().Absentees.Select(a => a.Name));

        // Everyone present but one approves; a member who was away, and a stranger, cannot.
        var present = participants.Where(p => p.Id != away.Id).ToList();
        Assert.Contains("fraværende", (await (await Member(away.PersonId!.Value)).ApproveAsync(id, default)).Problem, StringComparison.Ordinal);
        Assert.Equal("Kun mødets deltagere godkender referatet.", (await (await Member(await db.People.Where(p => !participants.Select(x => x.PersonId).Contains(p.Id)).Select(p => p.Id).FirstAsync())).ApproveAsync(id, default)).Problem);
        foreach (var p in present.Skip(1)) Assert.True((await (await Member(p.PersonId!.Value)).ApproveAsync(id, default)).Ok);
        Assert.Equal(MeetingState.Held, (await Load(id)).State);
        // A change to the minutes now asks everyone again.
        Assert.True((await ops.RecordDecisionAsync(item, "Godkendt med den ændring, at stien bliver dobbeltrettet og belyst.", null, [late.Id], 1, default)).Ok);
        Assert.Equal(0, await db.Approvals.CountAsync(a => a.MeetingId == id));
        foreach (var p in present) Assert.True((await (await Member(p.PersonId!.Value)).ApproveAsync(id, default)).Ok);

        var final = await Load(id);
        Assert.Equal(MeetingState.MinutesPublished, final.State);
        var document = Signing.CanonicalMinutes.Of(await Load(id));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document)), final.ContentHash);
        Assert.True(Signing.MinutesSigner.Verify(document, final.Signature!, Signer.PublicKeyPem));
        var text = System.Text.Encoding.UTF8.GetString(document);
        Assert.StartsWith("REFERAT Teknik- og Miljøudvalget d. 09-02-2027", text, StringComparison.Ordinal);
        Assert.Contains("og belyst", text, StringComparison.Ordinal);
        // One character changed, and the signature no longer holds.
        var forged = System.Text.Encoding.UTF8.GetBytes(text.Replace("belyst", "belyse", StringComparison.Ordinal));
        Assert.False(Signing.MinutesSigner.Verify(forged, final.Signature!, Signer.PublicKeyPem));
        Assert.Contains("godkendt", (await ops.RecordDecisionAsync(item, "Afvist.", null, [], 2, default)).Problem, StringComparison.Ordinal);

        // Minutes made here, written as referat text, read back into an equal meeting: the samples' layout both ways.
        var back = Protokol.Import.Referat.ReferatParser.Parse(text).Meeting!;
        Assert.Equal(MeetingStage.Minutes, back.Stage);
        Assert.Equal(final.StartsAt, back.StartsAt);
        Assert.Equal(final.Participants.Select(p => (p.Name, p.Absent)), back.Participants.Select(p => (p.Name, p.Absent)));
        var original = final.Items.Single();
        var read = back.Items.Single();
        Assert.Equal((original.Number, original.Title, original.CaseNumber), (read.Number, read.Title, read.CaseNumber));
        Assert.Equal(original.Decisions.Select(d => (d.Text, d.DecidedBy, d.DecidedOn, d.Outcome)), read.Decisions.Select(d => (d.Text, d.DecidedBy, d.DecidedOn, d.Outcome)));
        Assert.Equal(original.Absentees.Select(a => a.Name), read.Absentees.Select(a => a.Name));

        // Importing the document, changed or not, neither replaces nor doubles the meeting made here.
        var file = Path.Combine(database.Folder, "aendret.txt");
        await File.WriteAllTextAsync(file, text.Replace("og belyst", "og ubelyst", StringComparison.Ordinal));
        var meetings = await db.Meetings.CountAsync();
        var imported = await new ArchiveImport(db).ImportAsync(file);
        Assert.Equal(FileOutcome.Failed, imported.Outcome);
        Assert.Contains(imported.Diagnostics, d => d.Message.Contains("was made in Protokol", StringComparison.Ordinal));
        Assert.Equal(meetings, await db.Meetings.CountAsync());
        Assert.Equal(final.ContentHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Signing.CanonicalMinutes.Of(await Load(id)))));
    }

    public async Task DisposeAsync()
    {
        signer?.Dispose();
        await db.DisposeAsync();
        database.Dispose();
    }
}
