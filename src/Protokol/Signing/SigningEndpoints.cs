using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Signing;

/// <summary>What anyone needs to check signed minutes: the signed text itself and the municipality's public key.</summary>
public static class SigningEndpoints
{
    public static void MapSigning(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/moeder/{id:int}/referat.txt", SignedText);
        routes.MapGet("/signatur/noegle.pem", (MinutesSigner signer) => Results.Text(signer.PublicKeyPem, "application/x-pem-file"));
    }

    /// <summary>The exact bytes that were signed (public content only), once the minutes are final and published.</summary>
    static async Task<IResult> SignedText(int id, ProtokolDb db, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, id, ct);
        if (meeting?.ContentHash is null || !meeting.MinutesArePublic) return Results.NotFound();
        return Results.File(CanonicalMinutes.Of(meeting), "text/plain; charset=utf-8", $"referat-{id}.txt");
    }
}
