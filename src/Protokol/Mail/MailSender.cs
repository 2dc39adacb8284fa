using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Mail;

/// <summary>The mail server (Protokol:Smtp:*): without a host, messages wait in the outbox until one is set.</summary>
public sealed record SmtpSettings(string? Host, int Port, SecureSocketOptions Security, string? User, string? Password, string From, TimeSpan Poll)
{
    public static SmtpSettings Read(IConfiguration config) => new(
        config["Protokol:Smtp:Host"],
        config.GetValue("Protokol:Smtp:Port", 25),
        Enum.TryParse<SecureSocketOptions>(config["Protokol:Smtp:Security"], true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable,
        config["Protokol:Smtp:User"],
        config["Protokol:Smtp:Password"],
        config["Protokol:Smtp:From"] ?? "Protokol <protokol@localhost>",
        TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Protokol:Smtp:PollSeconds", 10))));
}

/// <summary>
/// Delivers the outbox over SMTP (MailKit) and sends the approval reminders that are due. Every node may run
/// it: a message or a reminder is claimed in the database before it is sent, so no two nodes send it twice.
/// </summary>
public sealed class MailSender(IServiceProvider services, IConfiguration config, ILogger<MailSender> log) : BackgroundService
{
    const int MaxAttempts = 10;
    static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    readonly SmtpSettings smtp = SmtpSettings.Read(config);
    readonly SemaphoreSlim once = new(1, 1);
    bool warned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // While only a standby answers nothing can be claimed: wait for the primary instead of failing each round.
            try { if (services.GetService<StoreStatus>() is not { } store || !await store.ReadOnlyAsync(stoppingToken)) await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Sending mail failed; trying again shortly"); }
            try { await Task.Delay(smtp.Poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: reminders that are due go into the outbox, then the outbox is delivered. Returns how many messages were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await once.WaitAsync(ct);
        try
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            db.Actor = "påmindelser";
            await QueueRemindersAsync(db, PublicUrl.Of(config), ct);
            await ForgetUnconfirmedAsync(db, ct);
            return await DeliverAsync(db, ct);
        }
        finally { once.Release(); }
    }

    /// <summary>Every held meeting whose reminder time has come: each present member who has not approved gets one, and the next time is set.</summary>
    static async Task QueueRemindersAsync(ProtokolDb db, Uri site, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var due = await db.Meetings.AsNoTracking().Where(m => m.State == MeetingState.Held && m.ReminderDays != null && m.NextReminderAt <= now)
            .Select(m => new { m.Id, m.NextReminderAt, m.ReminderDays }).ToListAsync(ct);
        foreach (var d in due)
        {
            // Claimed by moving the next time on; a node that lost the race moves nothing and sends nothing.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var next = now.AddDays(d.ReminderDays!.Value);
            if (await db.Meetings.Where(m => m.Id == d.Id && m.NextReminderAt == d.NextReminderAt).ExecuteUpdateAsync(u => u.SetProperty(m => m.NextReminderAt, next), ct) == 0) continue;
            var meeting = await MeetingQueries.FindAsync(db, d.Id, ct);
            if (meeting is null) continue;
            var approved = await db.Approvals.Where(a => a.MeetingId == d.Id).Select(a => a.ParticipantId).ToListAsync(ct);
            var waiting = meeting.Participants.Where(p => !p.Absent && p.PersonId is not null && !approved.Contains(p.Id)).Select(p => p.PersonId!.Value).ToList();
            var accounts = await db.Accounts.AsNoTracking().Where(a => a.PersonId != null && waiting.Contains(a.PersonId.Value) && a.Email != null).ToListAsync(ct);
            foreach (var a in accounts) Notifications.Reminder(db, site, meeting, a.Email!, a.Name);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    static Task<int> ForgetUnconfirmedAsync(ProtokolDb db, CancellationToken ct)
    {
        var before = db.Clock.GetUtcNow().UtcDateTime - Subscriptions.ConfirmWithin;
        return db.Subscriptions.Where(s => s.ConfirmedAt == null && s.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    async Task<int> DeliverAsync(ProtokolDb db, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking().Where(m => m.SentAt == null && !m.GaveUp && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Take(200).ToListAsync(ct);
        if (due.Count == 0) return 0;
        if (smtp.Host is null)
        {
            if (!warned) log.LogWarning("{Count} e-mail(s) wait in the outbox: no mail server is set (Protokol:Smtp:Host)", due.Count);
            warned = true;
            return 0;
        }
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
            if (smtp.User is not null) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("The mail server {Host}:{Port} cannot be reached ({Error}); {Count} e-mail(s) wait", smtp.Host, smtp.Port, e.Message, due.Count);
            return 0;
        }
        var sent = 0;
        var from = MailboxAddress.Parse(smtp.From);
        foreach (var mail in due)
        {
            var claimUntil = db.Clock.GetUtcNow().UtcDateTime + Claim;
            if (await db.Outbox.Where(m => m.Id == mail.Id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, claimUntil), ct) == 0) continue;
            try
            {
                await client.SendAsync(Message(mail, from), ct);
                await db.Outbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.SentAt, db.Clock.GetUtcNow().UtcDateTime).SetProperty(m => m.LastError, (string?)null), ct);
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or ParseException)
            {
                var attempts = mail.Attempts + 1;
                var permanent = e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } or ParseException;
                var retry = db.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, attempts)));
                await db.Outbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, e.Message).SetProperty(m => m.NextAttemptAt, retry)
                    .SetProperty(m => m.GaveUp, permanent || attempts >= MaxAttempts).SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
                log.LogWarning("E-mail {Id} ({Kind}) was not sent: {Error}", mail.Id, mail.Kind, e.Message);
                if (!client.IsConnected) break;
            }
        }
        if (client.IsConnected) await client.DisconnectAsync(true, ct);
        return sent;
    }

    static MimeMessage Message(OutboundMail mail, MailboxAddress from)
    {
        var message = new MimeMessage { Subject = mail.Subject, Body = new TextPart("plain") { Text = mail.Body } };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is not null)
        {
            // One-click unsubscribe (RFC 8058): mail programs show their own button that posts to the link.
            message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }
}
