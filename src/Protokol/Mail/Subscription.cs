using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Mail;

/// <summary>
/// A citizen following a body or a case by e-mail. It counts only once confirmed from the address itself
/// (double opt-in); every message carries its own unsubscribe link. The address is never shown anywhere.
/// </summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public int? BodyId { get; set; }
    public int? CaseId { get; set; }
    /// <summary>The secret in the confirm and unsubscribe links (random; it can only confirm or end this subscription).</summary>
    public required string Token { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>When the last confirmation mail went out, so a form cannot be used to flood an address.</summary>
    public DateTime ConfirmationSentAt { get; set; }
}

/// <summary>Following and unfollowing: the same answer whatever the address, so the form tells no one who follows what.</summary>
public static class Subscriptions
{
    /// <summary>An address is asked to confirm at most this often per subscription.</summary>
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromHours(1);
    /// <summary>An unconfirmed subscription is forgotten after this.</summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(7);

    public static string? Normalize(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254) return null;
        var trimmed = email.Trim();
        if (trimmed.Any(char.IsControl) || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal)) return null;
        return trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// Asks to follow a body or a case: a new subscription (or the waiting one again) with a confirmation mail in
    /// the same transaction; an address already following gets nothing new, and the page says the same either way.
    /// </summary>
    public static async Task RequestAsync(ProtokolDb db, Uri site, string email, int? bodyId, int? caseId, string what, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var existing = await db.Subscriptions.FirstOrDefaultAsync(s => s.Email == email && s.BodyId == bodyId && s.CaseId == caseId, ct);
        if (existing is { ConfirmedAt: not null }) return;
        if (existing is not null && now - existing.ConfirmationSentAt < ConfirmationInterval) return;
        var subscription = existing ?? db.Subscriptions.Add(new Subscription { Email = email, BodyId = bodyId, CaseId = caseId, Token = NewToken(), CreatedAt = now }).Entity;
        subscription.ConfirmationSentAt = now;
        db.Outbox.Add(new OutboundMail
        {
            To = email, Kind = "bekræft", CreatedAt = now, NextAttemptAt = now,
            Subject = $"Bekræft at du vil følge {what}",
            Body = $"""
                Nogen (forhåbentlig dig) har bedt om at få en e-mail, når der er nyt fra {what}.

                Bekræft ved at åbne dette link:
                {new Uri(site, $"foelg/bekraeft/{subscription.Token}")}

                Hvis det ikke var dig, skal du ikke gøre noget: uden bekræftelse sender vi ikke mere, og adressen glemmes efter 7 dage.
                """,
        });
        await db.SaveChangesAsync(ct);
    }

    public static async Task<bool> ConfirmAsync(ProtokolDb db, string token, CancellationToken ct)
    {
        var s = await db.Subscriptions.FirstOrDefaultAsync(s => s.Token == token, ct);
        if (s is null || (s.ConfirmedAt is null && db.Clock.GetUtcNow().UtcDateTime - s.CreatedAt > ConfirmWithin)) return false;
        s.ConfirmedAt ??= db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Ends a subscription; true also when it was already gone, so a second click says the same.</summary>
    public static async Task UnsubscribeAsync(ProtokolDb db, string token, CancellationToken ct)
    {
        var s = await db.Subscriptions.FirstOrDefaultAsync(s => s.Token == token, ct);
        if (s is null) return;
        db.Subscriptions.Remove(s);
        await db.SaveChangesAsync(ct);
    }

    public static Uri UnsubscribeLink(Uri site, string token) => new(site, $"foelg/afmeld/{token}");

    static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
