using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Import;
using Protokol.Signing;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>The public portal: server-rendered Razor pages on the store (SQLite or PostgreSQL), seeded with demo minutes when empty.</summary>
public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var app = Build(args);
        // Before the host starts, so that a store that cannot be used ends the command with its one sentence.
        using (var scope = app.Services.CreateScope()) Database.Migrate(scope.ServiceProvider.GetRequiredService<ProtokolDb>());
        await app.RunAsync(ct);
        return 0;
    }

    /// <param name="services">Last word on the services, for tests (a fixed clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The pages are compiled into this assembly, whoever hosts it (the CLI, a test runner).
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
            // wwwroot is copied beside the program, so it is found whatever the working folder.
            ContentRootPath = args.Contains("--contentRoot", StringComparer.OrdinalIgnoreCase) ? null : AppContext.BaseDirectory,
        });
        builder.Services.AddProtokolDb(sp => Database.Configured(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddPageCache(builder.Configuration);
        builder.Services.AddStoreStatus();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DatabaseSetup>();
        builder.Services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var index = Search.SearchIndex.Open(Search.SearchIndex.FolderFor(config), config.GetValue("Protokol:Search:ApplyBeforeSearch", 1000));
            index.AnswersKept = config.GetValue("Protokol:Search:AnswersKept", index.AnswersKept);
            return index;
        });
        builder.Services.AddHostedService<Search.SearchFollower>();
        builder.Services.AddPortalAccounts(builder.Configuration);
        builder.Services.AddSingleton(sp => new Signing.MinutesSigner(SigningKeyPath(sp.GetRequiredService<IConfiguration>())));
        builder.Services.AddSingleton<Mail.MailSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Mail.MailSender>());
        // Attachments up to the configured size go through the upload form (plus room for the form itself).
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Meetings.MeetingOperations.MaxAttachmentMegabytes(builder.Configuration) * 1024L * 1024 + 64 * 1024);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = Meetings.MeetingOperations.MaxAttachmentMegabytes(builder.Configuration) * 1024L * 1024 + 64 * 1024);
        builder.Services.AddDocuments(builder.Configuration);
        // Public pages in Portal/, staff pages with their feature (Accounts/ …); every page names its own route.
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.ConfigureFilter(new Hardening.HandledMethodsOnly());
        });
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Portal/Pages/Shared/{0}.cshtml"));
        builder.Services.Configure<ForwardedHeadersOptions>(o => ConfigureProxies(o, builder.Configuration));
        builder.Services.AddProblemDetails();
        // Danish letters as themselves, not as &#xF8; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (app.Configuration.GetValue("Protokol:BehindProxy", false)) app.UseForwardedHeaders();
        app.UseSecurityHeaders(OidcOrigin(app.Configuration));
        app.UseKnownMethodsOnly();
        // Danish error pages with the site's layout; the status code stays what it was.
        app.UseExceptionHandler("/fejl/500");
        app.UseStatusCodePagesWithReExecute("/fejl/{0}");
        app.UseHsts(); // only ever sent over HTTPS
        app.UseStaticFiles();
        app.UseCookiePolicy();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseStoreStatus();
        // After authentication, so that a signed-in person is never answered from it nor stored in it.
        app.UseOutputCache();
        app.UseViewer();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapFeeds();
        app.MapSigning();
        app.MapFiles();
        app.MapDocuments();
        app.MapHealth();
        return app;
    }

    /// <summary>Behind a reverse proxy (Protokol:BehindProxy): the client's address and scheme come from the proxies named in Protokol:KnownProxies (default: this machine).</summary>
    static void ConfigureProxies(ForwardedHeadersOptions o, ConfigurationManager config)
    {
        o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        foreach (var proxy in (config["Protokol:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    /// <summary>The login form leads on to the identity provider, so the CSP's form-action must name it.</summary>
    static string OidcOrigin(IConfiguration config) =>
        Uri.TryCreate(config["Protokol:Oidc:Authority"], UriKind.Absolute, out var u) ? " " + u.GetLeftPart(UriPartial.Authority) : "";

    /// <summary>The municipality's signing key: Protokol:SigningKey, else beside the SQLite file (in data/ beside the program for PostgreSQL).</summary>
    public static string SigningKeyPath(IConfiguration config) =>
        config["Protokol:SigningKey"] ?? Path.Combine(Database.DataFolder(Database.Configured(config)), "signing-key.pem");

    /// <summary>
    /// Before anything starts serving: brings the schema up to date and, on an empty database, imports the demo
    /// minutes shipped beside the program (or the folder Protokol:DemoData names; "" turns it off), with demo
    /// accounts and a draft agenda.
    /// </summary>
    sealed class DatabaseSetup(IServiceProvider services, IConfiguration config, ILogger<DatabaseSetup> log) : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            Database.Migrate(db);
            var demo = config["Protokol:DemoData"] ?? Path.Combine(AppContext.BaseDirectory, "demo", "referater");
            if (demo.Length == 0 || !Directory.Exists(demo) || await db.Meetings.AnyAsync(cancellationToken)) return;
            var import = new ArchiveImport(db);
            foreach (var file in ArchiveImport.Expand([demo]).Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
            {
                var result = await import.ImportAsync(file, cancellationToken);
                if (result.Outcome == FileOutcome.Failed) log.LogWarning("Demo file {File} failed: {Reason}", file, result.Reason);
            }
            await Secretariat.DemoSecretariat.SeedAsync(scope.ServiceProvider, db, PublicUrl.Of(config), cancellationToken);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
