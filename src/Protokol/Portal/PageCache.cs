using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Protokol.Portal;

/// <summary>
/// Published pages served from ASP.NET Core's output cache. Only an anonymous GET or HEAD is answered from it or
/// stored in it (never a signed-in person's request, never a response that sets a cookie or is not 200), keyed by
/// method, host, path and query string. Each page names what it shows by tags; a save evicts those tags when it
/// commits (<see cref="PageCacheEviction"/>), other nodes when they read the change rows (<see cref="PageCacheFollower"/>),
/// and every entry expires after Protokol:PageCacheSeconds (default 60) whatever happens: the bound on pages that
/// change with the clock (upcoming meetings, a seat that ended today) and on changes that write no change row made
/// by another process.
/// </summary>
public static class PageCache
{
    /// <summary>A page that tags itself with what it shows (<see cref="Tag"/>): a meeting, an item.</summary>
    public const string Policy = "offentlig";
    /// <summary>A page tagged <see cref="Lists"/>.</summary>
    public const string ListPolicy = "lister";
    /// <summary>On every cached page: evicting it empties the cache.</summary>
    public const string All = "offentlig";
    /// <summary>Pages that list meetings or items (front page, committees, people, cases, feeds): any meeting change evicts them.</summary>
    public const string Lists = "lister";

    public static string Meeting(int id) => "moede:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Item(int id) => "punkt:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration config)
    {
        var seconds = config.GetValue("Protokol:PageCacheSeconds", 60.0);
        services.AddOutputCache(o =>
        {
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
            // The default policy: GET and HEAD only, no signed-in user, no Authorization header, only 200 without Set-Cookie.
            o.AddPolicy(Policy, b => b.Expire(TimeSpan.FromSeconds(seconds)).Tag(All).With(_ => seconds > 0));
            o.AddPolicy(ListPolicy, b => b.Expire(TimeSpan.FromSeconds(seconds)).Tag(All, Lists).With(_ => seconds > 0));
        });
        services.AddSingleton<PageCacheEviction>();
        // Every context the app makes evicts what its saves change.
        services.ConfigureDbContext<Storage.ProtokolDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<PageCacheEviction>()));
        services.AddHostedService<PageCacheFollower>();
        return services;
    }

    /// <summary>Names what this response shows, so that a change to it evicts the cached copy.</summary>
    public static void Tag(HttpContext http, params IEnumerable<string> tags)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context.Tags is not { } set) return;
        foreach (var tag in tags) set.Add(tag);
    }
}
