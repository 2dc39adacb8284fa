namespace Protokol.Portal;

/// <summary>What every response carries, and what no route answers.</summary>
public static class Hardening
{
    static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <param name="formTargets">Origins a form may lead to besides this site (an OpenID Connect provider).</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string formTargets = "")
    {
        var csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; "
            + $"base-uri 'self'; form-action 'self'{formTargets}; frame-ancestors 'none'";
        return app.Use(async (http, next) =>
        {
            // Set as the response starts, so error pages and re-executed status pages carry them too.
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = csp;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next(http);
        });
    }

    /// <summary>TRACE, PUT, PROPFIND …: 405 with the methods that are served, before any page sees them.</summary>
    public static IApplicationBuilder UseKnownMethodsOnly(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!Methods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = string.Join(", ", Methods);
            return;
        }
        await next(http);
    });
}
