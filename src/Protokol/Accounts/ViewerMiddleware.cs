using Protokol.Storage;

namespace Protokol.Accounts;

public static class ViewerMiddleware
{
    /// <summary>The viewer of this request (the public unless someone is signed in).</summary>
    public static Viewer Viewer(this HttpContext http) => http.Features.Get<Viewer>() ?? Accounts.Viewer.Public;

    /// <summary>
    /// After authentication: reads who is asking once per request, names them in the audit trail, and keeps what
    /// a signed-in person sees out of every shared cache.
    /// </summary>
    public static IApplicationBuilder UseViewer(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var db = http.RequestServices.GetRequiredService<ProtokolDb>();
            var viewer = await Accounts.Viewer.LoadAsync(db, http.User, http.RequestAborted);
            http.Features.Set(viewer);
            db.Actor = viewer.Actor;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
        }
        await next(http);
    });
}
