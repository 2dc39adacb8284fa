using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Accounts;

/// <summary>
/// A one-time link to set a password, valid 24 hours. Only a hash of its token is stored, so the database
/// alone does not let anyone use it.
/// </summary>
public sealed class PasswordLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public int Id { get; set; }
    public int AccountId { get; set; }
    public Account Account { get; set; } = null!;
    public required string TokenHash { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }

    /// <summary>Makes a link for the account (earlier unused links stop working) and returns its token; saved by the caller.</summary>
    public static async Task<string> IssueAsync(ProtokolDb db, Account account, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await foreach (var old in db.PasswordLinks.Where(l => l.AccountId == account.Id && l.UsedAt == null).AsAsyncEnumerable().WithCancellation(ct))
            old.ExpiresAt = now;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.PasswordLinks.Add(new PasswordLink { Account = account, TokenHash = Hash(token), ExpiresAt = now + Lifetime });
        return token;
    }

    /// <summary>The link behind a token while it can still be used, else why not (in Danish, for the page).</summary>
    public static async Task<(PasswordLink? Link, string? Problem)> FindAsync(ProtokolDb db, string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var link = await db.PasswordLinks.Include(l => l.Account).FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return (null, "Linket findes ikke. Bed en administrator om et nyt.");
        if (link.UsedAt is not null) return (null, "Linket er allerede brugt. Bed en administrator om et nyt.");
        if (db.Clock.GetUtcNow().UtcDateTime >= link.ExpiresAt) return (null, "Linket gælder ikke længere: det er udløbet (et link gælder i 24 timer) eller afløst af et nyere. Bed en administrator om et nyt.");
        return (link, null);
    }

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
