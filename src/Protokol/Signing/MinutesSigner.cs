using System.Security.Cryptography;
using System.Text;

namespace Protokol.Signing;

/// <summary>
/// The municipality's signing key (ECDSA P-256, a PEM file: Protokol:SigningKey, by default beside the database),
/// made on first use when missing. Final minutes are signed with it; its public half is published, so anyone
/// can check a downloaded copy.
/// </summary>
public sealed class MinutesSigner : IDisposable
{
    readonly ECDsa key;

    public MinutesSigner(string path)
    {
        key = ECDsa.Create();
        if (File.Exists(path)) key.ImportFromPem(File.ReadAllText(path));
        else
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            // Written once, readable by the service's user only.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(path, options);
            file.Write(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        }
        Path = path;
    }

    public string Path { get; }
    public string PublicKeyPem => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The hash (hex) and signature (base64, IEEE P1363) of a document's exact bytes.</summary>
    public (string Hash, string Signature) Sign(byte[] document) =>
        (Convert.ToHexStringLower(SHA256.HashData(document)), Convert.ToBase64String(key.SignData(document, HashAlgorithmName.SHA256)));

    /// <summary>Checks a copy against a signature with a public key (PEM), as anyone can, without the database.</summary>
    public static bool Verify(byte[] document, string signature, string publicKeyPem)
    {
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicKeyPem);
        try { return publicKey.VerifyData(document, Convert.FromBase64String(signature.Trim()), HashAlgorithmName.SHA256); }
        catch (FormatException) { return false; }
    }

    public void Dispose() => key.Dispose();
}
