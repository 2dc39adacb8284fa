using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Protokol.Tests.Accounts;

/// <summary>
/// A stand-in for the municipality's identity provider: a real OpenIddict server (code flow with PKCE, discovery,
/// signed identity tokens, userinfo) on Kestrel at a free loopback port, with its store in a temporary SQLite file.
/// There is no login screen: every authorization request is granted at once for the person with <see cref="Email"/>.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "protokol";
    public const string ClientSecret = "hemmelig-testnøgle";

    readonly string folder = Directory.CreateTempSubdirectory("protokol-oidc-").FullName;
    WebApplication? app;

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/.</summary>
    public string Url { get; private set; } = "";
    /// <summary>Whom the provider vouches for on the next login.</summary>
    public string Email { get; set; } = "";
    /// <summary>The provider's own identity for the person (default: derived from the e-mail).</summary>
    public string? Subject { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "oidc.db")}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetUserInfoEndpointUris("connect/userinfo");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                // Plain http is fine on loopback; a real provider is https (the portal insists by default).
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableUserInfoEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfo);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
    }

    /// <summary>The portal as a confidential client; called once the portal's port, and so its redirect address, is known.</summary>
    public async Task RegisterClientAsync(Uri redirectUri)
    {
        await using var scope = app!.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, Subject ?? "borger-" + Email).SetClaim(Claims.Email, Email).SetClaim(Claims.Name, "Testperson");
        identity.SetScopes(request.GetScopes());
        // The e-mail goes into the identity token (what the portal reads) and the access token (what userinfo answers from).
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    static async Task<IResult> UserInfo(HttpContext http)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        return Results.Ok(new Dictionary<string, string?>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.Email] = principal.GetClaim(Claims.Email),
            [Claims.Name] = principal.GetClaim(Claims.Name),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
