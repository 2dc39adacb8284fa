using Protokol.Signing;

namespace Protokol.Tests.Cli;

/// <summary>`protokol verify` as a journalist runs it on a downloaded copy, with the published signature and key.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    readonly TempDatabase database = new();

    [Fact]
    public async Task A_signed_copy_verifies_and_one_changed_character_does_not()
    {
        using var signer = new MinutesSigner(Path.Combine(database.Folder, "signing-key.pem"));
        var document = System.Text.Encoding.UTF8.GetBytes("REFERAT Teknik- og Miljøudvalget d. 06-04-2027\n\nPunkt 1: Trafiksikkerhedsplan\n\nGodkendt.\n");
        var (_, signature) = signer.Sign(document);
        var copy = Path.Combine(database.Folder, "referat.txt");
        var key = Path.Combine(database.Folder, "noegle.pem");
        await File.WriteAllBytesAsync(copy, document);
        await File.WriteAllTextAsync(key, signer.PublicKeyPem);

        var good = await ProtokolProcess.RunAsync("verify", copy, "--signature", signature, "--key", key);
        Assert.Equal(0, good.Exit);
        Assert.Contains("Gyldig", good.Out, StringComparison.Ordinal);

        document[^3] = (byte)'T';
        await File.WriteAllBytesAsync(copy, document);
        var bad = await ProtokolProcess.RunAsync("verify", copy, "--signature", signature, "--key", key);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("UGYLDIG", bad.Out, StringComparison.Ordinal);
    }

    public void Dispose() => database.Dispose();
}
