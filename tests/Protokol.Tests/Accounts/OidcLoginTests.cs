using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Portal;

namespace Protokol.Tests.Accounts;

/// <summary>
/// Logging in through the municipality's identity provider, end to end: the real portal and a real OpenID Connect
/// provider, each on Kestrel at a loopback port, and an HTTP client that follows the redirects between them.
/// </summary>
public sealed partial class OidcLoginTests : IAsyncLifetime
{
    const string Known = "karen.kommune@greve.dk";
    readonly OidcProvider provider = new();
    readonly TempDatabase database = new();
    WebApplication? portal;
    HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await provider.StartAsync();
        portal = PortalApp.Build(["--urls", "http://127.0.0.1:0", .. database.PortalArgs, "--Protokol:DemoData", Samples.Demo,
            "--Logging:LogLevel:Default", "Warning",
            "--Protokol:Oidc:Authority", provider.Url, "--Protokol:Oidc:ClientId", OidcProvider.ClientId,
            "--Protokol:Oidc:ClientSecret", OidcProvider.ClientSecret, "--Protokol:Oidc:RequireHttpsMetadata", "false",
            "--Protokol:Oidc:DisplayName", "Greve Kommunes login"],
            // The correlation and nonce cookies are Secure by default; over plain http the client would never send them back.
            s => s.PostConfigure<OpenIdConnectOptions>(AccountServices.OidcScheme, o =>
                o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest));
        await portal.StartAsync();
        var url = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await provider.RegisterClientAsync(new Uri(url + "/log-ind/oidc"));
        portalUrl = url;
        client = NewClient();

        await using var scope = portal.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>()
            .CreateAsync(new Account { Name = "Karen Kommune", Email = Known, UserName = Known, Role = AccountRole.Member });
        Assert.True(created.Succeeded);
    }

    [Fact]
    public async Task A_known_email_from_the_provider_logs_the_account_in()
    {
        provider.Email = Known;
        var landed = await LogInThroughProvider();

        Assert.Equal("/", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var konto = await client.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, konto.StatusCode);
        Assert.Equal("/konto", konto.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Karen Kommune", await konto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_first_login_the_providers_identity_decides_not_the_email()
    {
        (provider.Subject, provider.Email) = ("person-17", Known);
        await LogInThroughProvider();
        // The provider now sends another e-mail for the same person: still Karen's account.
        (client, provider.Email) = (NewClient(), "karen.ny@greve.dk");
        await LogInThroughProvider();
        Assert.Contains("Karen Kommune", await client.GetStringAsync(new Uri("/konto", UriKind.Relative)), StringComparison.Ordinal);
        // Someone else at the provider who claims Karen's e-mail does not get her account.
        (client, provider.Subject, provider.Email) = (NewClient(), "person-99", Known);
        var landed = await LogInThroughProvider();
        Assert.Contains("hører til en anden identitet", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/log-ind", (await client.GetAsync(new Uri("/konto", UriKind.Relative))).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_email_without_an_account_is_told_so_and_stays_logged_out()
    {
        provider.Email = "ukendt@greve.dk";
        var landed = await LogInThroughProvider();

        Assert.Equal("/log-ind/ekstern", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Der er ingen konto i Protokol med e-mail ukendt@greve.dk", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var konto = await client.GetAsync(new Uri("/konto", UriKind.Relative));
        Assert.Equal("/log-ind", konto.RequestMessage!.RequestUri!.AbsolutePath);
    }

    string portalUrl = "";

    HttpClient NewClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(portalUrl) };

    /// <summary>The login page's second button, then every redirect: to the provider, back to /log-ind/oidc, on to /log-ind/ekstern.</summary>
    async Task<HttpResponseMessage> LogInThroughProvider()
    {
        var page = await client.GetStringAsync(new Uri("/log-ind", UriKind.Relative));
        Assert.Contains("Log ind med Greve Kommunes login", page, StringComparison.Ordinal);
        var token = ExternalFormToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var landed = await client.PostAsync(new Uri("/log-ind/ekstern", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "" }));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        return landed;
    }

    [GeneratedRegex("""<form[^>]*action="/log-ind/ekstern".*?name="__RequestVerificationToken" type="hidden" value="([^"]+)""", RegexOptions.Singleline)]
    private static partial Regex ExternalFormToken();

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (portal is not null) await portal.DisposeAsync();
        await provider.DisposeAsync();
        database.Dispose();
    }
}
