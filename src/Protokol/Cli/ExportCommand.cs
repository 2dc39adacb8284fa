using Protokol.Import.Referat;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Cli;

static class ExportCommand
{
    public static async Task<int> RunAsync(string dbPath, string reference, string format, bool includeClosed, CancellationToken ct)
    {
        await using var db = Database.OpenSqlite(dbPath);
        var meeting = await MeetingQueries.FindAsync(db, reference, ct);
        if (meeting is null)
        {
            await Console.Error.WriteLineAsync($"no meeting '{reference}' (give an id, a source key, or <body-slug>/<yyyy-mm-dd>)");
            return 2;
        }
        if (!includeClosed) meeting.WithoutClosedContent();
        else await Accounts.AccessLog.RecordAsync(db, Accounts.Viewer.CommandLine(), meeting.Items, Accounts.AccessWay.Export, ct);
        Console.Out.Write(format == "json" ? MeetingJson.Write(meeting) : ReferatWriter.Write(meeting));
        return 0;
    }
}
