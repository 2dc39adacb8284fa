namespace Protokol.Portal;

/// <summary>
/// The site's public address (Protokol:PublicUrl) for absolute links in feeds, e-mails and one-time links, never
/// the request's Host header: a forged Host would put links to another site into what readers pass on.
/// </summary>
public static class PublicUrl
{
    public const string Default = "http://localhost:5000/";

    public static Uri Of(IConfiguration config) => From(config["Protokol:PublicUrl"]);

    public static Uri From(string? url) => new(string.IsNullOrWhiteSpace(url) ? Default : url.TrimEnd('/') + "/");

    /// <summary>Where a one-time link to set a password points.</summary>
    public static Uri PasswordLink(Uri site, string token) => new(site, $"konto/ny-adgangskode/{token}");
}
