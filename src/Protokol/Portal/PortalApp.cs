using Microsoft.EntityFrameworkCore;
using Protokol.Import;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>The public portal: server-rendered Razor pages on the SQLite store, seeded with demo minutes when empty.</summary>
public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var app = Build(args);
        await PrepareDatabaseAsync(app, ct);
        await app.RunAsync(ct);
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var dbPath = builder.Configuration["Protokol:Database"] ?? Database.DefaultPath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        builder.Services.AddDbContext<ProtokolDb>(o => o.UseSqlite(Database.SqliteConnectionString(dbPath)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Portal/Pages");
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Brings the schema up to date and, on an empty database, imports the demo minutes shipped beside the program.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, CancellationToken ct)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        await db.Database.MigrateAsync(ct);
        var demo = app.Configuration["Protokol:DemoData"] ?? Path.Combine(AppContext.BaseDirectory, "demo", "referater");
        if (await db.Meetings.AnyAsync(ct) || !Directory.Exists(demo)) return;
        var import = new ArchiveImport(db);
        foreach (var file in ArchiveImport.Expand([demo]).Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            var result = await import.ImportAsync(file, ct);
            if (result.Outcome == FileOutcome.Failed) app.Logger.LogWarning("Demo file {File} failed: {Reason}", file, result.Reason);
        }
    }
}
