using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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
            if (!viewer.IsSignedIn)
            {
                // The account is gone or its password changed since this login: the login is over.
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
                await next(http);
                return;
            }
            http.Features.Set(viewer);
            db.Actor = viewer.Actor;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
        }
        else if (HttpMethods.IsPost(http.Request.Method))
        {
            // A stranger's post can still change an account (a failed login counts towards its lockout): name the client.
            http.RequestServices.GetRequiredService<ProtokolDb>().Actor = $"offentlig ({http.Connection.RemoteIpAddress})";
        }
        await next(http);
    });
}
