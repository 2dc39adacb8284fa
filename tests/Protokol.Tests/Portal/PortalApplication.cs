using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Protokol.Tests.Portal;

/// <summary>
/// The real portal on a real SQLite file in a temporary folder, migrated and seeded with the demo minutes
/// exactly as `run.sh` does, with the clock fixed at 23 November 2026 (before the December agendas).
/// </summary>
public sealed class PortalApplication : WebApplicationFactory<Program>
{
    readonly TempDatabase database = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Protokol:Database", database.Store);
        builder.UseSetting("Protokol:Search:Folder", database.SearchFolder);
        builder.UseSetting("Protokol:SigningKey", database.SigningKey);
        builder.UseSetting("Protokol:DemoData", Samples.Demo);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(FixedClock.Today))));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) database.Dispose();
    }
}
