namespace Protokol.Accounts;

/// <summary>Where a login may send the person on to: a path on this site, escaped, or the front page.</summary>
public static class LocalTarget
{
    static readonly Uri Site = new("http://local/");

    /// <summary>"/soeg?q=møde" → "/soeg?q=m%C3%B8de": a Location header takes ASCII only, and nothing may lead off the site.</summary>
    public static string Of(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? target) =>
        url.IsLocalUrl(target) && Uri.TryCreate(Site, target, out var u) && u.Host == Site.Host ? u.PathAndQuery : "/";
}
