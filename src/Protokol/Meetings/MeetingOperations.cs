using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Storage;

namespace Protokol.Meetings;

/// <summary>What an operation did: the id it made or changed, or why it could not (Danish, for the person who asked).</summary>
public sealed record Outcome(int Id, string? Problem, string? Note = null)
{
    public bool Ok => Problem is null;
    public static Outcome Refused(string problem) => new(0, problem);
}

/// <summary>
/// The one way a meeting is changed, whoever asks (a staff page, the command line, later the API): every rule is
/// checked here (who may change which body's meetings, which state allows what, final minutes are frozen), and
/// every change is saved through the context that writes the audit trail in the same transaction.
/// </summary>
public sealed class MeetingOperations(ProtokolDb db, Viewer viewer, Signing.MinutesSigner signer, Uri? site = null, int maxAttachmentMegabytes = AttachmentFiles.DefaultMaxMegabytes)
{
    /// <summary>The operations as the person behind this request may use them.</summary>
    public static MeetingOperations For(HttpContext http)
    {
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        return new(http.RequestServices.GetRequiredService<ProtokolDb>(), http.Viewer(), http.RequestServices.GetRequiredService<Signing.MinutesSigner>(),
            Portal.PublicUrl.Of(config), MaxAttachmentMegabytes(config));
    }

    public static int MaxAttachmentMegabytes(IConfiguration config) => Math.Max(1, config.GetValue("Protokol:MaxAttachmentMegabytes", AttachmentFiles.DefaultMaxMegabytes));

    /// <summary>Links in the messages the operations send.</summary>
    readonly Uri site = site ?? Portal.PublicUrl.From(null);
    public long MaxAttachmentBytes => maxAttachmentMegabytes * 1024L * 1024;

    const string Frozen = "Referatet er godkendt og kan ikke ændres. En sekretær kan genåbne det; det bliver logget.";
    const string NotYours = "Du er ikke sekretær for dette udvalg.";

    /// <summary>A meeting of one body, or a joint meeting (fællesmøde) of several; its participants are the seats held on its date.</summary>
    public async Task<Outcome> PlanAsync(IReadOnlyList<int> bodyIds, DateTime startsAt, string? place, CancellationToken ct)
    {
        if (bodyIds.Count == 0) return Outcome.Refused("Vælg mindst ét udvalg.");
        if (bodyIds.Any(b => !viewer.MayChangeBody(b))) return Outcome.Refused(NotYours);
        var bodies = await db.Bodies.Where(b => bodyIds.Contains(b.Id)).ToListAsync(ct);
        if (bodies.Count != bodyIds.Distinct().Count()) return Outcome.Refused("Et af udvalgene findes ikke.");
        var day = DateOnly.FromDateTime(startsAt);
        var seats = await db.Memberships.Include(m => m.Person)
            .Where(m => bodyIds.Contains(m.BodyId) && (m.Start == null || m.Start <= day) && (m.End == null || m.End >= day))
            .ToListAsync(ct);
        var meeting = new Meeting
        {
            SourceKey = FinalMinutes.AppMade + Guid.NewGuid().ToString("N"),
            State = MeetingState.Planned,
            StartsAt = startsAt,
            Place = string.IsNullOrWhiteSpace(place) ? null : place.Trim(),
            Bodies = bodyIds.Select((id, i) => new MeetingBody { Body = bodies.Single(b => b.Id == id), Order = i }).ToList(),
            Participants = seats.GroupBy(s => s.PersonId).Select(g => g.First())
                .OrderBy(s => s.Role == null).ThenBy(s => s.Person.Name, StringComparer.Create(SectionLabels.Danish, true))
                .Select((s, i) => new Participant { Name = s.Person.Name, PersonId = s.PersonId, Order = i }).ToList(),
        };
        // Cases waiting for these bodies' next meeting come onto its agenda, in the same transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        var waiting = await db.WaitingCases.Where(w => bodyIds.Contains(w.BodyId)).OrderBy(w => w.QueuedAt).ToListAsync(ct);
        foreach (var w in waiting.DistinctBy(w => new CaseNumber(w.CaseNumber).Key))
        {
            var added = await AddItemAsync(meeting.Id, "", w.CaseNumber, false, null, ct);
            if (!added.Ok) return added;
        }
        db.WaitingCases.RemoveRange(waiting);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(meeting.Id, null, waiting.Count == 0 ? null : $"{waiting.Count} ventende sag(er) er sat på dagsordenen.");
    }

    /// <summary>An item at the end of the agenda: a new case (number optional), an existing case carried on, or a standard item.</summary>
    public async Task<Outcome> AddItemAsync(int meetingId, string title, string? caseNumber, bool closed, string? template, CancellationToken ct)
    {
        var (meeting, problem) = await ChangeableAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        var standard = template is null ? null : ItemTemplates.Find(template);
        if (template is not null && standard is null) return Outcome.Refused($"Der er ingen standardpunkt '{template}'.");
        title = (standard?.Title ?? title).Trim();
        if (title.Length == 0 && string.IsNullOrWhiteSpace(caseNumber)) return Outcome.Refused("Skriv punktets titel, eller sagsnummeret på en sag, der allerede er behandlet.");
        if (!string.IsNullOrWhiteSpace(caseNumber) && !CaseNumber.TryParse(caseNumber.Trim(), out _))
            return Outcome.Refused($"'{caseNumber}' er ikke et sagsnummer (fx 24/1234 eller EMN-2025-003383).");
        var number = string.IsNullOrWhiteSpace(caseNumber) ? null : caseNumber.Trim();
        if (number is not null && meeting.Items.Any(i => i.CaseNumber is not null && new CaseNumber(i.CaseNumber).Key == new CaseNumber(number).Key))
            return Outcome.Refused($"Sag {number} står allerede på dagsordenen.");
        var earlier = number is null ? null : await LatestTreatmentAsync(new CaseNumber(number).Key, ct);
        var sections = earlier?.Sections ?? (standard?.Sections ?? ItemTemplates.NewCase.Select(k => (Kind: k, Text: ""))).Select(s => new ItemSection { Kind = s.Kind, Text = s.Text }).ToList();
        if (title.Length == 0 && earlier is null) return Outcome.Refused($"Sag {number} er ikke behandlet før; skriv punktets titel.");
        var item = new AgendaItem
        {
            Number = (meeting.Items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Order = meeting.Items.Count,
            Title = title.Length > 0 || earlier is null ? title : earlier.Value.Title,
            CaseNumber = number,
            IsClosed = closed || earlier?.IsClosed == true,
            Sections = sections.Select((s, i) => { s.Order = i; return s; }).ToList(),
        };
        meeting.Items.Add(item);
        await Case.LinkAsync(db, [item], ct);
        await db.SaveChangesAsync(ct);
        return new(item.Id, null);
    }

    /// <summary>
    /// New text for a section, if nobody else saved it since the editor read it (version): otherwise the
    /// second editor is told, and keeps their own text, instead of silently overwriting the first.
    /// </summary>
    public async Task<Outcome> EditSectionAsync(int sectionId, string text, int readVersion, CancellationToken ct)
    {
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == sectionId, ct);
        if (section is null) return Outcome.Refused("Afsnittet findes ikke.");
        var meetingId = await db.Items.Where(i => i.Id == section.AgendaItemId).Select(i => i.MeetingId).SingleAsync(ct);
        var (meeting, problem) = await ChangeableAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (section.Version != readVersion) return Conflict();
        section.Text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        section.Version++;
        db.Entry(section).Property(s => s.Version).OriginalValue = readVersion;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Conflict(); }
        return new(section.Id, null);

        static Outcome Conflict() => Outcome.Refused("En anden har gemt dette afsnit, efter du åbnede det. Din tekst er ikke gemt; den står herunder, så du kan flette den ind i den nye.");
    }

    /// <summary>Moves an item one place up or down; the agenda is numbered again from 1.</summary>
    public async Task<Outcome> MoveItemAsync(int itemId, int by, CancellationToken ct)
    {
        var meetingId = await db.Items.Where(i => i.Id == itemId).Select(i => (int?)i.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return Outcome.Refused("Punktet findes ikke.");
        var (meeting, problem) = await ChangeableAsync(meetingId.Value, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        var items = meeting.Items.OrderBy(i => i.Order).ToList();
        var from = items.FindIndex(i => i.Id == itemId);
        var to = Math.Clamp(from + by, 0, items.Count - 1);
        (items[from], items[to]) = (items[to], items[from]);
        for (var i = 0; i < items.Count; i++)
            (items[i].Order, items[i].Number) = (i, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return new(itemId, null);
    }

    /// <summary>Marks an item closed (lukket punkt) or open.</summary>
    public async Task<Outcome> SetClosedAsync(int itemId, bool closed, CancellationToken ct)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Outcome.Refused("Punktet findes ikke.");
        var (meeting, problem) = await ChangeableAsync(item.MeetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        item.IsClosed = closed;
        await db.SaveChangesAsync(ct);
        return new(itemId, null);
    }

    /// <summary>
    /// Planned → agenda published: from now on the public reads the agenda (closed items as number and title), and
    /// the members and the followers are told by e-mail. A possible CPR number in an open item or its attachments
    /// stops it, unless the secretary overrides the check with a written reason, which is logged.
    /// </summary>
    public async Task<Outcome> PublishAgendaAsync(int meetingId, string? overrideReason, CancellationToken ct)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State != MeetingState.Planned) return Outcome.Refused("Dagsordenen er allerede offentliggjort.");
        if (meeting.Items.Count == 0) return Outcome.Refused("Dagsordenen har ingen punkter.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await ChecksStopAsync(meetingId, overrideReason, "dagsordenen", ct) is { } stop) return Outcome.Refused(stop);
        meeting.State = MeetingState.AgendaPublished;
        await Mail.Notifications.AgendaPublishedAsync(db, site, (await MeetingQueries.FindAsync(db, meetingId, ct))!, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(meetingId, null);
    }

    /// <summary>
    /// Approved minutes that the checks stopped (a possible CPR number) go public once fixed — which means
    /// reopening, since approved minutes are frozen — or now, with a written reason for overriding the check.
    /// </summary>
    public async Task<Outcome> PublishMinutesAsync(int meetingId, string? overrideReason, CancellationToken ct)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State != MeetingState.MinutesApproved) return Outcome.Refused(meeting.State == MeetingState.MinutesPublished ? "Referatet er allerede offentliggjort." : "Referatet er ikke godkendt endnu.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await ChecksStopAsync(meetingId, overrideReason, "referatet", ct) is { } stop) return Outcome.Refused(stop);
        meeting.State = MeetingState.MinutesPublished;
        await Mail.Notifications.MinutesPublishedAsync(db, site, (await MeetingQueries.FindAsync(db, meetingId, ct))!, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(meetingId, null);
    }

    /// <summary>Why the checks stop publishing, or null: nothing blocking was found, or the secretary overrode it with a reason (logged with the findings).</summary>
    async Task<string?> ChecksStopAsync(int meetingId, string? overrideReason, string what, CancellationToken ct)
    {
        var blocking = (await Checks.PublishChecks.RunAsync(db, meetingId, ct)).Where(f => f.Blocks).ToList();
        if (blocking.Count == 0) return null;
        if (string.IsNullOrWhiteSpace(overrideReason))
            return $"Tjekket fandt {blocking.Count} mulige CPR-numre i {what}s åbne punkter eller bilag. Ret dem, eller skriv hvorfor {what} alligevel skal offentliggøres.";
        Log(meetingId, "ChecksOverridden", new { Reason = overrideReason.Trim(), Findings = blocking.Select(f => $"{f.Where}: {f.Message}").ToList() });
        return null;
    }

    /// <summary>Sends the unpublished agenda to chosen accounts for review (gennemlæsning): they may open the draft, and each sending is logged.</summary>
    public async Task<Outcome> SendForReviewAsync(int meetingId, IReadOnlyCollection<int> accountIds, string? note, CancellationToken ct)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State != MeetingState.Planned) return Outcome.Refused("Dagsordenen er offentliggjort; gennemlæsning er for udkast.");
        if (accountIds.Count == 0) return Outcome.Refused("Vælg mindst én, der skal læse dagsordenen igennem.");
        if (note?.Length > 2000) return Outcome.Refused("Beskeden er for lang (højst 2000 tegn).");
        var readers = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id) && a.Email != null).Select(a => new { a.Id, a.Email, a.Name }).ToListAsync(ct);
        if (readers.Count != accountIds.Distinct().Count()) return Outcome.Refused("En af modtagerne findes ikke.");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.Reviews.AddRange(readers.Select(r => new AgendaReview { MeetingId = meetingId, AccountId = r.Id, SentAt = now, SentBy = viewer.Actor, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() }));
        Mail.Notifications.Review(db, site, (await MeetingQueries.FindAsync(db, meetingId, ct))!, readers.Select(r => (r.Email!, r.Name)), note, viewer.Name);
        await db.SaveChangesAsync(ct);
        return new(meetingId, null, $"Sendt til gennemlæsning hos {string.Join(", ", readers.Select(r => r.Name))}.");
    }

    /// <summary>Reminds the members present who have not approved the minutes every so many days (null: no reminders).</summary>
    public async Task<Outcome> SetRemindersAsync(int meetingId, int? everyDays, CancellationToken ct)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State >= MeetingState.MinutesApproved) return Outcome.Refused("Referatet er godkendt; der er ingen at minde om det.");
        if (everyDays is < 1 or > 30) return Outcome.Refused("Påmindelser sendes hver 1. til 30. dag.");
        meeting.ReminderDays = everyDays;
        meeting.NextReminderAt = everyDays is { } d ? db.Clock.GetUtcNow().UtcDateTime.AddDays(d) : null;
        await db.SaveChangesAsync(ct);
        return new(meetingId, null);
    }

    /// <summary>
    /// A file attached to an item: an allowed type whose content matches its name, within the size limit, stored
    /// once by its hash in the same transaction as the item's reference to it.
    /// </summary>
    public async Task<Outcome> AttachAsync(int itemId, string fileName, Stream content, CancellationToken ct)
    {
        var item = await db.Items.Include(i => i.Attachments).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Outcome.Refused("Punktet findes ikke.");
        var (meeting, problem) = await ChangeableAsync(item.MeetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        var name = AttachmentFiles.CleanName(fileName);
        if (name.Length == 0) return Outcome.Refused("Filen har intet navn.");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxAttachmentBytes) return Outcome.Refused($"Filen er større end {maxAttachmentMegabytes} MB.");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var (type, wrong) = AttachmentFiles.Identify(name, bytes);
        if (type is null) return Outcome.Refused($"{name}: {wrong}");
        var sha = AttachmentFiles.Hash(bytes);
        if (!await db.Files.AnyAsync(f => f.Sha256 == sha, ct))
        {
            var (text, state) = AttachmentFiles.ReadText(type, bytes);
            db.Files.Add(new StoredFile { Sha256 = sha, Content = bytes, Length = bytes.Length, ContentType = type.ContentType, Text = text, TextState = state, StoredAt = db.Clock.GetUtcNow().UtcDateTime });
        }
        var attachment = new Attachment { Name = name, FileSha256 = sha, Length = bytes.Length, Order = item.Attachments.Count == 0 ? 0 : item.Attachments.Max(a => a.Order) + 1 };
        item.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return new(attachment.Id, null);
    }

    /// <summary>Takes an attachment off its item (the stored bytes stay while any item refers to them).</summary>
    public async Task<Outcome> RemoveAttachmentAsync(int attachmentId, CancellationToken ct)
    {
        var attachment = await db.Set<Attachment>().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null) return Outcome.Refused("Bilaget findes ikke.");
        var meetingId = await db.Items.Where(i => i.Id == attachment.AgendaItemId).Select(i => i.MeetingId).SingleAsync(ct);
        var (meeting, problem) = await ChangeableAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        db.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return new(attachment.AgendaItemId, null);
    }

    /// <summary>Takes an item off a draft agenda; once the agenda is public an item stays (it can be postponed).</summary>
    public async Task<Outcome> RemoveItemAsync(int itemId, CancellationToken ct)
    {
        var meetingId = await db.Items.Where(i => i.Id == itemId).Select(i => (int?)i.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return Outcome.Refused("Punktet findes ikke.");
        var (meeting, problem) = await ChangeableAsync(meetingId.Value, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State != MeetingState.Planned) return Outcome.Refused("Dagsordenen er offentliggjort, så punktet bliver stående. Udsæt det i stedet.");
        var items = meeting.Items.OrderBy(i => i.Order).ToList();
        db.Items.Remove(items.Single(i => i.Id == itemId));
        items.RemoveAll(i => i.Id == itemId);
        for (var i = 0; i < items.Count; i++)
            (items[i].Order, items[i].Number) = (i, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return new(meetingId.Value, null);
    }

    /// <summary>Agenda published → held: decisions and absences may now be recorded.</summary>
    public Task<Outcome> MarkHeldAsync(int meetingId, CancellationToken ct) =>
        MoveAsync(meetingId, MeetingState.AgendaPublished, MeetingState.Held, "Kun et møde med offentliggjort dagsorden kan holdes.", ct);

    /// <summary>Final minutes opened again for a correction: a secretary's logged act, with the reason.</summary>
    public async Task<Outcome> ReopenAsync(int meetingId, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Skriv hvorfor referatet genåbnes.");
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State < MeetingState.MinutesApproved) return Outcome.Refused("Referatet er ikke godkendt, så der er intet at genåbne.");
        meeting.State = MeetingState.Held;
        await ClearApprovalsAsync(meetingId, ct);
        (meeting.ContentHash, meeting.Signature, meeting.SignedAt) = (null, null, null);
        Log(meetingId, "Reopened", new { Reason = reason.Trim() });
        await db.SaveChangesAsync(ct);
        return new(meetingId, null);
    }

    /// <summary>Who was absent for the whole meeting ("Afbud"), recorded after it is held.</summary>
    public async Task<Outcome> SetAttendanceAsync(int meetingId, int participantId, bool absent, string? reason, CancellationToken ct)
    {
        var (meeting, problem) = await ChangeableAsync(meetingId, ct, MeetingState.Held);
        if (meeting is null) return Outcome.Refused(problem!);
        var participant = await db.Set<Participant>().FirstOrDefaultAsync(p => p.Id == participantId && p.MeetingId == meetingId, ct);
        if (participant is null) return Outcome.Refused("Deltageren findes ikke på mødet.");
        (participant.Absent, participant.AbsenceReason) = (absent, absent ? (string.IsNullOrWhiteSpace(reason) ? "Afbud" : reason.Trim()) : null);
        await db.SaveChangesAsync(ct);
        return new(participantId, null);
    }

    /// <summary>
    /// An item's decision at this meeting (text, and its kind as the text reads unless given) and who was absent for
    /// it; saved over the decision the editor read (version), never over one saved since.
    /// </summary>
    public async Task<Outcome> RecordDecisionAsync(int itemId, string text, DecisionOutcome? kind, IReadOnlyCollection<int> absentParticipants, int readVersion, CancellationToken ct)
    {
        var item = await db.Items.Include(i => i.Sections).Include(i => i.Absentees).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Outcome.Refused("Punktet findes ikke.");
        var (meeting, problem) = await ChangeableAsync(item.MeetingId, ct, MeetingState.Held);
        if (meeting is null) return Outcome.Refused(problem!);
        if (string.IsNullOrWhiteSpace(text)) return Outcome.Refused("Skriv beslutningen.");
        var participants = await db.Set<Participant>().Where(p => p.MeetingId == meeting.Id).ToListAsync(ct);
        var decision = item.Sections.FirstOrDefault(s => s.IsDecisionAt(meeting.StartsAt));
        if ((decision?.Version ?? 0) != readVersion) return Outcome.Refused("En anden har gemt beslutningen, efter du åbnede den. Din tekst er ikke gemt; den står herunder.");
        if (decision is null)
        {
            decision = new ItemSection { Kind = SectionKind.Decision, Order = item.Sections.Count == 0 ? 0 : item.Sections.Max(s => s.Order) + 1 };
            item.Sections.Add(decision);
        }
        decision.Text = text.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
        decision.Outcome = kind ?? DecisionOutcomes.Classify(text);
        (decision.DecidedBy, decision.DecidedOn) = (meeting.BodyTitle.Length > 0 ? meeting.BodyTitle : null, DateOnly.FromDateTime(meeting.StartsAt));
        decision.Version = readVersion + 1;
        var absent = participants.Where(p => absentParticipants.Contains(p.Id)).OrderBy(p => p.Order).ToList();
        item.Absentees.Clear();
        item.Absentees.AddRange(absent.Select((p, i) => new ItemAbsentee { Name = p.Name, PersonId = p.PersonId, Order = i }));
        // The minutes print the absent under the decision: "Fraværende: A, B".
        var line = item.Sections.FirstOrDefault(s => s.Kind == SectionKind.Absentees);
        if (absent.Count == 0 && line is not null) item.Sections.Remove(line);
        else if (absent.Count > 0)
        {
            line ??= new ItemSection { Kind = SectionKind.Absentees, Order = decision.Order + 1 };
            if (line.Id == 0 && !item.Sections.Contains(line)) item.Sections.Add(line);
            line.Text = string.Join(", ", absent.Select(p => p.Name));
        }
        await db.SaveChangesAsync(ct);
        return new(decision.Id, null);
    }

    /// <summary>
    /// Postponed: the decision here says so, and the case goes on to the same body's next meeting, carrying its
    /// text and every decision so far; with no meeting planned it waits in the body's queue for the next one.
    /// </summary>
    public async Task<Outcome> PostponeAsync(int itemId, int readVersion, CancellationToken ct)
    {
        var target = await NextMeetingAsync(itemId, null, ct);
        if (target.Problem is not null) return Outcome.Refused(target.Problem);
        // Both or neither: a postponed item never goes missing between the two meetings.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var decided = await RecordDecisionAsync(itemId, "Udsat.", DecisionOutcome.Postponed, [], readVersion, ct);
        var moved = decided.Ok ? await CarryAsync(itemId, target, "Udsat", ct) : decided;
        if (moved.Ok) await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>
    /// "Sagen behandles i": the item appears on the next body's next agenda (or in its queue, when no meeting is
    /// planned), carrying resumé, proposal, case text and every decision with body and date.
    /// </summary>
    public async Task<Outcome> SendOnAsync(int itemId, int bodyId, CancellationToken ct)
    {
        var target = await NextMeetingAsync(itemId, bodyId, ct);
        if (target.Problem is not null) return Outcome.Refused(target.Problem);
        var from = await db.Items.Where(i => i.Id == itemId).Select(i => i.Meeting.StartsAt).SingleAsync(ct);
        return await CarryAsync(itemId, target, $"Sendt videre fra mødet {from.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)}", ct);
    }

    async Task<Outcome> CarryAsync(int itemId, NextMeeting target, string reason, CancellationToken ct)
    {
        if (target.MeetingId is { } meetingId)
        {
            var added = await AddItemAsync(meetingId, "", target.CaseNumber, false, null, ct);
            return added.Ok ? added with { Note = $"Sagen er sat på dagsordenen til {target.BodyName}s møde {target.StartsAt!.Value.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)}." } : added;
        }
        var key = new CaseNumber(target.CaseNumber).Key;
        var title = await db.Items.Where(i => i.Id == itemId).Select(i => i.Title).SingleAsync(ct);
        if (!(await db.WaitingCases.Where(w => w.BodyId == target.BodyId).Select(w => w.CaseNumber).ToListAsync(ct)).Any(n => new CaseNumber(n).Key == key))
            db.WaitingCases.Add(new WaitingCase { BodyId = target.BodyId, CaseNumber = target.CaseNumber, Title = title, FromItemId = itemId, Reason = reason, QueuedAt = db.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return new(itemId, null, $"{target.BodyName} har intet kommende møde. Sagen venter i udvalgets kø og kommer på dagsordenen, når næste møde planlægges.");
    }

    sealed record NextMeeting(int? MeetingId, DateTime? StartsAt, int BodyId, string BodyName, string CaseNumber, string? Problem = null);

    /// <summary>The first meeting after this item's of the body (its own when null) whose agenda is still open, or none (the queue), if this viewer may add to it.</summary>
    async Task<NextMeeting> NextMeetingAsync(int itemId, int? bodyId, CancellationToken ct)
    {
        static NextMeeting No(string problem) => new(null, null, 0, "", "", problem);
        var item = await db.Items.AsNoTracking().Include(i => i.Meeting).ThenInclude(m => m.Bodies).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return No("Punktet findes ikke.");
        if (item.CaseNumber is null) return No("Punktet har intet sagsnummer, så der er ingen sag at føre videre.");
        if (!item.Meeting.Bodies.Any(b => viewer.MayChangeBody(b.BodyId))) return No(NotYours);
        var body = bodyId ?? item.Meeting.Bodies.OrderBy(b => b.Order).First().BodyId;
        var name = await db.Bodies.Where(b => b.Id == body).Select(b => b.Name).FirstOrDefaultAsync(ct);
        if (name is null) return No("Udvalget findes ikke.");
        if (!viewer.MayChangeBody(body)) return No($"Du er ikke sekretær for {name} og kan ikke sætte punkter på dets dagsorden.");
        var next = await db.Meetings.AsNoTracking()
            .Where(m => m.StartsAt > item.Meeting.StartsAt && m.Bodies.Any(b => b.BodyId == body)
                && (m.State == MeetingState.Planned || m.State == MeetingState.AgendaPublished))
            .OrderBy(m => m.StartsAt).Select(m => new { m.Id, m.StartsAt }).FirstOrDefaultAsync(ct);
        return new(next?.Id, next?.StartsAt, body, name, item.CaseNumber);
    }

    /// <summary>
    /// A member present approves the minutes for themselves ("Godkendt"). When every member present has, the
    /// minutes are final: hashed, signed with the municipality's key, and published, in one transaction.
    /// </summary>
    public async Task<Outcome> ApproveAsync(int meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Participants).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return Outcome.Refused("Mødet findes ikke.");
        if (meeting.State != MeetingState.Held) return Outcome.Refused(meeting.State > MeetingState.Held ? "Referatet er allerede godkendt." : "Mødet er ikke holdt endnu.");
        var person = viewer.PersonId;
        var seat = meeting.Participants.FirstOrDefault(p => p.PersonId == person && person is not null);
        if (seat is null) return Outcome.Refused("Kun mødets deltagere godkender referatet.");
        if (seat.Absent) return Outcome.Refused("Du var fraværende fra mødet og godkender derfor ikke referatet.");
        if (!await db.Approvals.AnyAsync(a => a.MeetingId == meetingId && a.ParticipantId == seat.Id, ct))
            db.Approvals.Add(new Signing.Approval { MeetingId = meetingId, ParticipantId = seat.Id, AccountId = viewer.AccountId, At = db.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        var approved = await db.Approvals.Where(a => a.MeetingId == meetingId).Select(a => a.ParticipantId).ToListAsync(ct);
        if (meeting.Participants.Where(p => !p.Absent).All(p => approved.Contains(p.Id)))
        {
            // Final, signed and published in one step: the text signed is the text stored, in one transaction. Only a
            // possible CPR number holds back the publishing (not the signing) until a secretary fixes or overrides it.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var whole = (await MeetingQueries.FindAsync(db, meetingId, ct))!;
            (meeting.ContentHash, meeting.Signature) = signer.Sign(Signing.CanonicalMinutes.Of(whole));
            meeting.SignedAt = db.Clock.GetUtcNow().UtcDateTime;
            var held = (await Checks.PublishChecks.RunAsync(db, meetingId, ct)).Any(f => f.Blocks);
            meeting.State = held ? MeetingState.MinutesApproved : MeetingState.MinutesPublished;
            (meeting.ReminderDays, meeting.NextReminderAt) = (null, null);
            if (!held) await Mail.Notifications.MinutesPublishedAsync(db, site, whole, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (held) return new(meetingId, null, "Referatet er godkendt af alle, men tjekket fandt mulige CPR-numre, så det er ikke offentliggjort. Sekretariatet tager sig af det.");
        }
        return new(meetingId, null);
    }

    /// <summary>An act the entity changes alone do not tell (a reopening, an overridden check), with its reason, in the trail.</summary>
    void Log(int meetingId, string action, object details) => db.AuditTrail.Add(new AuditEntry
    {
        At = db.Clock.GetUtcNow().UtcDateTime, Actor = viewer.Actor, Entity = nameof(Meeting), Key = meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Action = action, MeetingId = meetingId, After = Audit.Serialize(details),
    });

    async Task<Outcome> MoveAsync(int meetingId, MeetingState from, MeetingState to, string wrongState, CancellationToken ct)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return Outcome.Refused(problem!);
        if (meeting.State != from) return Outcome.Refused(wrongState);
        meeting.State = to;
        await db.SaveChangesAsync(ct);
        return new(meetingId, null);
    }

    /// <summary>
    /// An existing case carried on: the text of its latest treatment (resumé, proposal, case text …) and every
    /// decision made on it, each with its body and date, as the next body's item prints them.
    /// </summary>
    async Task<(string Title, bool IsClosed, List<ItemSection> Sections)?> LatestTreatmentAsync(string key, CancellationToken ct)
    {
        var latest = await db.Items.AsNoTracking().Include(i => i.Sections).Include(i => i.Meeting).ThenInclude(m => m.Bodies).ThenInclude(b => b.Body)
            .Where(i => i.Case != null && i.Case.Key == key).OrderByDescending(i => i.Meeting.StartsAt).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (latest is null) return null;
        var carried = latest.OrderedSections
            .Where(s => s.Kind is not (SectionKind.Absentees or SectionKind.AbsenteeSummary or SectionKind.Attachments) && (s.Kind != SectionKind.Decision || s.Text.Length > 0))
            .Select(s => new ItemSection
            {
                Kind = s.Kind, Heading = s.Heading, Text = s.Text, Outcome = s.Outcome,
                // A decision without its body and date gets the meeting's, so it still says who decided when.
                DecidedBy = s.Kind == SectionKind.Decision ? s.DecidedBy ?? latest.Meeting.BodyTitle : null,
                DecidedOn = s.Kind == SectionKind.Decision ? s.DecidedOn ?? DateOnly.FromDateTime(latest.Meeting.StartsAt) : null,
            }).ToList();
        return (latest.Title, latest.IsClosed, carried);
    }

    /// <summary>Approvals are of the minutes as they stood: a change or a reopening asks every member again.</summary>
    async Task ClearApprovalsAsync(int meetingId, CancellationToken ct) =>
        db.Approvals.RemoveRange(await db.Approvals.Where(a => a.MeetingId == meetingId).ToListAsync(ct));

    /// <summary>The meeting with its bodies and items, if it is one of this viewer's bodies' meetings.</summary>
    async Task<(Meeting? Meeting, string? Problem)> OwnAsync(int meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Bodies).ThenInclude(b => b.Body).Include(m => m.Items).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return (null, "Mødet findes ikke.");
        return meeting.Bodies.Any(b => viewer.MayChangeBody(b.BodyId)) ? (meeting, null) : (null, NotYours);
    }

    /// <summary>The meeting with its items, if this viewer may change it now (and, for the minutes, it has been held).</summary>
    async Task<(Meeting? Meeting, string? Problem)> ChangeableAsync(int meetingId, CancellationToken ct, MeetingState? mustBe = null)
    {
        var (meeting, problem) = await OwnAsync(meetingId, ct);
        if (meeting is null) return (null, problem);
        if (meeting.State >= MeetingState.MinutesApproved) return (null, Frozen);
        if (mustBe is { } state && meeting.State != state) return (null, "Referatet skrives, når mødet er holdt.");
        await ClearApprovalsAsync(meetingId, ct);
        return (meeting, null);
    }
}
