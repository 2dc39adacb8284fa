using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Protokol.Storage;

namespace Protokol.Accounts;

/// <summary>Accounts on the one store: ASP.NET Core Identity, the login cookie, optional OpenID Connect, the policies and the login rate limit.</summary>
public static class AccountServices
{
    public const string AdminPolicy = "admin";
    public const string StaffPolicy = "staff";
    public const string OidcScheme = "oidc";

    /// <summary>What the command line needs as well as the portal: the user store with the password rules.</summary>
    public static IdentityBuilder AddAccounts(this IServiceCollection services)
    {
        // Keys in the database: every web node (and a restarted one) reads the same cookies.
        services.AddDataProtection().SetApplicationName("Protokol").PersistKeysToDbContext<ProtokolDb>();
        services.AddScoped<AccountAdmin>();
        services.AddSingleton<OneTimeCodes>();
        return services.AddIdentityCore<Account>(o =>
            {
                // NIST SP 800-63B: length, no composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // the user name is the e-mail, which may hold any letter
            })
            .AddEntityFrameworkStores<ProtokolDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<DanishIdentityErrors>();
    }

    public static void AddPortalAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddAccounts().AddSignInManager();
        var auth = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        auth.AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "protokol";
            o.LoginPath = "/log-ind";
            o.LogoutPath = "/log-ud";
            o.AccessDeniedPath = "/fejl/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // Cookies of a changed password are also thrown out by Identity's own check, which need not wait long.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // Identity rebuilds the login's claims when it checks the stamp, and would drop how the person logged in
            // (the second factor): keep it, or staff would lose their role a minute after logging in.
            o.OnRefreshingPrincipal = c =>
            {
                var how = c.CurrentPrincipal?.FindAll("amr").Select(a => new System.Security.Claims.Claim("amr", a.Value)).ToList() ?? [];
                if (how.Count > 0 && c.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(x => x.Type == "amr"))
                    identity.AddClaims(how);
                return Task.CompletedTask;
            };
        });
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o => o.Cookie.Name = "protokol-af");
        services.AddOidc(auth, config.GetSection("Protokol:Oidc"));

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.Resource is HttpContext h && h.Viewer().IsAdmin))
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.Resource is HttpContext h && h.Viewer().IsStaff));

        // Password guessing: a few login attempts a minute per client, on top of the account lockout. Only the
        // posts of the login forms count; reading pages is never limited.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && IsLoginForm(http.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("login " + http.Connection.RemoteIpAddress, _ =>
                        new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Protokol:LoginAttemptsPerMinute", 10), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("free"));
        });
    }

    /// <summary>Every form that takes a password or a code, and the form that sends a confirmation mail.</summary>
    static bool IsLoginForm(PathString path) =>
        path.StartsWithSegments("/log-ind", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/konto/ny-adgangskode", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/konto/adgangskode", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/konto/totrin", StringComparison.OrdinalIgnoreCase)
        // Not a password, but each post sends a mail: limited the same way, so no one floods an address.
        || path.StartsWithSegments("/foelg", StringComparison.OrdinalIgnoreCase);

    /// <summary>A municipality's own identity provider (Entra ID, AD FS, Keycloak): on when Protokol:Oidc:Authority is set.</summary>
    static void AddOidc(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder auth, IConfigurationSection oidc)
    {
        if (string.IsNullOrWhiteSpace(oidc["Authority"])) return;
        auth.AddOpenIdConnect(OidcScheme, oidc["DisplayName"] ?? "Kommunens login", o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = oidc["Authority"];
            o.ClientId = oidc["ClientId"];
            o.ClientSecret = oidc["ClientSecret"];
            o.ResponseType = "code";
            o.UsePkce = true;
            o.ResponseMode = "query"; // a redirect back, not a cross-site POST: the login cookies stay SameSite=Lax
            o.CallbackPath = "/log-ind/oidc";
            o.SignedOutCallbackPath = "/log-ud/oidc";
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
            o.Scope.Clear();
            foreach (var scope in (oidc["Scopes"] ?? "openid profile email").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
        });
    }
}
