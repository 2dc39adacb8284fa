using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>The public portal: server-rendered Razor pages on the SQLite store, seeded with demo minutes when empty.</summary>
public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        await Build(args).RunAsync(ct);
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
        builder.Services.AddDbContext<ProtokolDb>((sp, o) => Database.UseSqlite(o, DatabasePath(sp.GetRequiredService<IConfiguration>())));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<DatabaseSetup>();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Portal/Pages");
        builder.Services.AddProblemDetails();
        // Danish letters as themselves, not as &#xF8; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services?.Invoke(builder.Services);
        var app = builder.Build();
        // Danish error pages with the site's layout; the status code stays what it was.
        app.UseExceptionHandler("/fejl/500");
        app.UseStatusCodePagesWithReExecute("/fejl/{0}");
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapFeeds();
        return app;
    }

    static string DatabasePath(IConfiguration config) => config["Protokol:Database"] ?? Database.DefaultPath;

    /// <summary>
    /// Before anything starts serving: brings the schema up to date and, on an empty database, imports the demo
    /// minutes shipped beside the program (or the folder Protokol:DemoData names; "" turns it off).
    /// </summary>
    sealed class DatabaseSetup(IServiceProvider services, IConfiguration config, ILogger<DatabaseSetup> log) : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DatabasePath(config)))!);
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
            await db.Database.MigrateAsync(cancellationToken);
            if (await Search.SearchIndexes.For(db).EnsureCurrentAsync(cancellationToken))
                log.LogWarning("The search index did not match the items and was rebuilt");
            var demo = config["Protokol:DemoData"] ?? Path.Combine(AppContext.BaseDirectory, "demo", "referater");
            if (demo.Length == 0 || !Directory.Exists(demo) || await db.Meetings.AnyAsync(cancellationToken)) return;
            var import = new ArchiveImport(db);
            foreach (var file in ArchiveImport.Expand([demo]).Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
            {
                var result = await import.ImportAsync(file, cancellationToken);
                if (result.Outcome == FileOutcome.Failed) log.LogWarning("Demo file {File} failed: {Reason}", file, result.Reason);
            }
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
