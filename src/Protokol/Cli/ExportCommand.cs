using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Import.Referat;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Cli;

static class ExportCommand
{
    public static readonly string[] Formats = ["referat", "json", "pdf", "docx"];

    /// <param name="output">The file to write; null writes text formats to standard output.</param>
    /// <param name="chromium">The Chromium to print PDFs with (default Debian's).</param>
    public static async Task<int> RunAsync(string dbPath, string reference, string format, bool includeClosed, string? output, CancellationToken ct, string? chromium = null)
    {
        if (format is "pdf" or "docx" && output is null)
        {
            await Console.Error.WriteLineAsync($"--format {format} writes a file: give it with -o FILE");
            return 2;
        }
        await using var db = Database.Open(dbPath);
        var meeting = await MeetingQueries.FindAsync(db, reference, ct);
        if (meeting is null)
        {
            await Console.Error.WriteLineAsync($"no meeting '{reference}' (give an id, a source key, or <body-slug>/<yyyy-mm-dd>)");
            return 2;
        }
        var viewer = includeClosed ? Viewer.CommandLine() : Viewer.Public;
        byte[] bytes;
        if (format is "pdf" or "docx")
        {
            try { bytes = await DocumentAsync(MeetingDocument.For(meeting, viewer), format, chromium, ct); }
            catch (PrinterUnavailableException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 3;
            }
        }
        else
        {
            if (!includeClosed) meeting.WithoutClosedContent();
            bytes = System.Text.Encoding.UTF8.GetBytes(format == "json" ? MeetingJson.Write(meeting) : ReferatWriter.Write(meeting));
        }
        if (includeClosed) await AccessLog.RecordAsync(db, viewer, meeting.Items, AccessWay.Export, ct);
        return await WriteAsync(bytes, output, ct);
    }

    static async Task<byte[]> DocumentAsync(MeetingDocument document, string format, string? chromium, CancellationToken ct)
    {
        await using var host = DocumentServices.CommandLineHost(chromium);
        await using var scope = host.Services.CreateAsyncScope();
        return format == "pdf"
            ? await scope.ServiceProvider.GetRequiredService<MeetingPdf>().MakeAsync(document, ct)
            : await scope.ServiceProvider.GetRequiredService<MeetingDocx>().MakeAsync(document);
    }

    /// <summary>`protokol export-decisions &lt;body&gt; --year YYYY -o FILE.csv`: a body's decisions of a year, for a spreadsheet.</summary>
    public static async Task<int> DecisionsAsync(string dbPath, string slug, int year, bool includeClosed, string? output, CancellationToken ct)
    {
        await using var db = Database.Open(dbPath);
        var body = db.Bodies.FirstOrDefault(b => b.Slug == slug);
        if (body is null)
        {
            await Console.Error.WriteLineAsync($"no body '{slug}' (give the slug of its /udvalg/<slug> address)");
            return 2;
        }
        var rows = await DocumentEndpoints.DecisionsOfAsync(db, includeClosed ? Viewer.CommandLine() : Viewer.Public, body.Id, year, ct);
        return await WriteAsync(DecisionsCsv.Write(rows), output, ct);
    }

    static async Task<int> WriteAsync(byte[] bytes, string? output, CancellationToken ct)
    {
        if (output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(bytes, ct);
            return 0;
        }
        try { await File.WriteAllBytesAsync(output, bytes, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{output}: {e.Message}");
            return 2;
        }
        return 0;
    }
}
