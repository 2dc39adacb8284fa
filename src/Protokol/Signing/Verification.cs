using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Signing;

/// <summary>What a check of a copy found: the minutes it is (by its hash), and whether their signature holds.</summary>
public sealed record Verification(string Hash, Meeting? Meeting, bool SignatureHolds)
{
    public bool Valid => Meeting is not null && SignatureHolds;

    /// <summary>Finds the signed minutes with this copy's hash and checks their signature against the key.</summary>
    public static async Task<Verification> CheckAsync(ProtokolDb db, MinutesSigner signer, byte[] copy, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(copy));
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body).FirstOrDefaultAsync(m => m.ContentHash == hash, ct);
        return new(hash, meeting, meeting?.Signature is { } signature && MinutesSigner.Verify(copy, signature, signer.PublicKeyPem));
    }
}
