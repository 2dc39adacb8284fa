using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Checks;

public enum FindingKind { Cpr, NeedsLook, Budget, Absence }

/// <summary>Something the checks before publishing found: where, what, and whether it stops publishing until fixed or overridden.</summary>
public sealed record Finding(FindingKind Kind, string Where, string Message)
{
    public bool Blocks => Kind == FindingKind.Cpr;
}

/// <summary>
/// The checks that run before an agenda or minutes go public: CPR numbers in the text and attachments of open
/// items (closed items are never published), attachments with no text to check (a scan: a person must look),
/// the budget tables' sums, and absences that contradict the participant list.
/// </summary>
public static class PublishChecks
{
    public static async Task<IReadOnlyList<Finding>> RunAsync(ProtokolDb db, int meetingId, CancellationToken ct)
    {
        var meeting = await MeetingQueries.FindAsync(db, meetingId, ct);
        if (meeting is null) return [];
        var shas = meeting.Items.Where(i => !i.IsClosed).SelectMany(i => i.Attachments).Where(a => a.FileSha256 is not null).Select(a => a.FileSha256!).Distinct().ToList();
        var files = await db.Files.AsNoTracking().Where(f => shas.Contains(f.Sha256))
            .Select(f => new { f.Sha256, f.Text, f.TextState }).ToDictionaryAsync(f => f.Sha256, f => (f.Text, f.TextState), ct);
        return Check(meeting, sha => files.TryGetValue(sha, out var f) ? f : (null, FileText.Unreadable), DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The checks themselves, on a meeting and its files' text: no database, no clock.</summary>
    public static IReadOnlyList<Finding> Check(Meeting meeting, Func<string, (string? Text, FileText State)> file, DateOnly today)
    {
        var findings = new List<Finding>();
        foreach (var item in meeting.Items.Where(i => !i.IsClosed).OrderBy(i => i.Order))
        {
            var at = $"Punkt {item.Number} ({item.Title})";
            findings.AddRange(CprIn(item.Title, $"{at}, titlen", today));
            foreach (var s in item.OrderedSections)
                findings.AddRange(CprIn(s.Text, $"{at}, {(s.Heading is { Length: > 0 } h ? h : SectionLabels.Standard(s))}", today));
            foreach (var a in item.Attachments.Where(a => a.FileSha256 is not null).OrderBy(a => a.Order))
            {
                var (text, state) = file(a.FileSha256!);
                var where = $"{at}, bilag '{a.Name}'";
                if (state == FileText.Read) findings.AddRange(CprIn(text!, where, today));
                else findings.Add(new Finding(FindingKind.NeedsLook, where, state == FileText.NoTextLayer
                    ? "Bilaget har ingen tekst at søge i (fx en scanning eller et billede). Se det igennem for CPR-numre og andre personoplysninger."
                    : "Bilaget kunne ikke læses. Se det igennem, eller erstat det med en læsbar fil."));
            }
        }
        foreach (var report in BudgetCheck.Check(meeting).Where(r => !meeting.Items.Single(i => i.Number == r.ItemNumber && i.Title == r.ItemTitle).IsClosed))
            foreach (var f in report.Report.Findings)
                findings.Add(new Finding(FindingKind.Budget, $"Punkt {report.ItemNumber} ({report.ItemTitle}), tabel", f.ToString()));
        var participants = meeting.Participants.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (participants.Count > 0)
            foreach (var item in meeting.Items.OrderBy(i => i.Order))
                foreach (var a in item.Absentees.Where(a => !participants.Contains(a.Name)))
                    findings.Add(new Finding(FindingKind.Absence, $"Punkt {item.Number} ({item.Title})", $"{a.Name} står som fraværende, men er ikke med i mødets deltagerliste."));
        return findings;
    }

    static IEnumerable<Finding> CprIn(string text, string where, DateOnly today) =>
        Cpr.Find(text, today).Select(m => new Finding(FindingKind.Cpr, where, $"Ligner et CPR-nummer: {m.Masked} (\"…{Around(text, m)}…\")."));

    /// <summary>A few words either side, with the number itself masked, so the secretary finds the place.</summary>
    static string Around(string text, CprMatch m)
    {
        var from = Math.Max(0, m.Index - 30);
        var to = Math.Min(text.Length, m.Index + m.Length + 30);
        return (text[from..m.Index] + m.Masked + text[(m.Index + m.Length)..to]).ReplaceLineEndings(" ").Trim();
    }
}
