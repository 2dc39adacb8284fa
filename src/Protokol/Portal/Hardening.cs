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
                // An endpoint serving something other than a page (an uploaded file) sets its own, stricter policy.
                if (!h.ContainsKey("Content-Security-Policy")) h.ContentSecurityPolicy = csp;
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

    /// <summary>A page with handlers answers only the methods it handles: a POST to a page that only shows is 405, never a half-run page.</summary>
    public sealed class HandledMethodsOnly : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
        {
            if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
            {
                context.HttpContext.Response.Headers.Allow = string.Join(", ", context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod).Distinct(StringComparer.OrdinalIgnoreCase));
                context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
                return;
            }
            await next();
        }
    }
}
