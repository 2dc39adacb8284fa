using System.CommandLine;
using System.Security.Cryptography;
using Protokol.Signing;
using Protokol.Storage;

namespace Protokol.Cli;

/// <summary>
/// `protokol verify &lt;file&gt;`: is this copy of minutes exactly what was approved and signed? Without the database,
/// given the signature and the municipality's public key; with it, by finding the minutes by their hash.
/// </summary>
static class VerifyCommand
{
    public static Command Build(Option<string> dbOption)
    {
        var file = new Argument<string>("file") { Description = "the downloaded minutes (referat text)" };
        var signature = new Option<string?>("--signature") { Description = "the signature shown on the meeting page (base64), or a file holding it" };
        var key = new Option<string?>("--key") { Description = "the municipality's public key (PEM file, from /signatur/noegle.pem)" };
        var verify = new Command("verify", "Check that a copy of signed minutes is unchanged") { file, signature, key };
        verify.SetAction((p, ct) => RunAsync(p.GetValue(dbOption)!, p.GetValue(file)!, p.GetValue(signature), p.GetValue(key), ct));
        return verify;
    }

    static async Task<int> RunAsync(string dbPath, string path, string? signature, string? keyPath, CancellationToken ct)
    {
        byte[] copy;
        try { copy = await File.ReadAllBytesAsync(path, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{path}: {e.Message}");
            return 2;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(copy));
        Console.WriteLine($"SHA-256 {hash}");
        if (signature is not null || keyPath is not null)
        {
            if (signature is null || keyPath is null)
            {
                await Console.Error.WriteLineAsync("give both --signature and --key, or neither (then the database is asked)");
                return 2;
            }
            var sig = File.Exists(signature) ? await File.ReadAllTextAsync(signature, ct) : signature;
            var holds = MinutesSigner.Verify(copy, sig, await File.ReadAllTextAsync(keyPath, ct));
            Console.WriteLine(holds ? "Gyldig: signaturen holder, kopien er uændret." : "UGYLDIG: signaturen holder ikke for denne fil.");
            return holds ? 0 : 1;
        }
        var keyFile = Portal.PortalApp.SigningKeyPath(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Protokol:Database", dbPath)]).AddEnvironmentVariables().Build());
        if (!File.Exists(keyFile))
        {
            await Console.Error.WriteLineAsync($"no signing key at {keyFile}: nothing has been signed with this database (or give --signature and --key)");
            return 2;
        }
        await using var db = Database.Open(dbPath);
        using var signer = new MinutesSigner(keyFile);
        var result = await Verification.CheckAsync(db, signer, copy, ct);
        Console.WriteLine(result switch
        {
            { Valid: true } => $"Gyldig: referatet af {result.Meeting!.BodyTitle} {result.Meeting.StartsAt:yyyy-MM-dd}, uændret og underskrevet.",
            { Meeting: not null } => "UGYLDIG: signaturen holder ikke.",
            _ => "UGYLDIG: ingen underskrevne referater har dette indhold (filen kan være ændret, blot med ét tegn).",
        });
        return result.Valid ? 0 : 1;
    }
}
