using Protokol.Portal;

namespace Protokol.Documents;

/// <summary>The documents' services: one warm Chromium and one cache for the whole process.</summary>
public static class DocumentServices
{
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp => new ChromiumPrinter(config["Protokol:Chromium"] ?? ChromiumPrinter.DebianChromium,
            sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider, sp.GetService<ILogger<ChromiumPrinter>>()));
        services.AddSingleton<DocumentCache>();
        services.AddScoped<IAttachmentFiles, StoredOrLinkedAttachmentFiles>();
        services.AddSingleton(_ => new LinkedAttachmentFiles(new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            (config["Protokol:Documents:AttachmentHosts"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        services.AddScoped<DocumentHtml>();
        services.AddScoped(sp => new MeetingPdf(sp.GetRequiredService<DocumentHtml>(), sp.GetRequiredService<ChromiumPrinter>(), sp.GetRequiredService<DocumentCache>(), PublicUrl.Of(config)));
        services.AddScoped(sp => new CombinedPdf(sp.GetRequiredService<MeetingPdf>(), sp.GetRequiredService<DocumentHtml>(), sp.GetRequiredService<ChromiumPrinter>(),
            sp.GetRequiredService<DocumentCache>(), sp.GetRequiredService<IAttachmentFiles>(), PublicUrl.Of(config)));
        services.AddScoped(sp => new MeetingDocx(sp.GetRequiredService<DocumentHtml>(), PublicUrl.Of(config)));
        return services;
    }

    /// <summary>
    /// The same services without the web server, for the command line: Razor renders the print HTML from the
    /// program's compiled views, and the printer serves the stylesheets from the wwwroot beside the program.
    /// </summary>
    public static WebApplication CommandLineHost(string? chromium)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DocumentServices).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/");
        if (chromium is not null) builder.Configuration["Protokol:Chromium"] = chromium;
        builder.Services.AddDocuments(builder.Configuration);
        return builder.Build();
    }
}
