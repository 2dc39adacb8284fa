using System.Globalization;
using Protokol.Meetings;

namespace Protokol.Documents;

/// <summary>One decision as a spreadsheet row.</summary>
public sealed record DecisionRow(DateOnly Date, string Body, string Number, string Title, string? CaseNumber, string Kind, string Text, string Absentees)
{
    public IReadOnlyList<string?> Cells() =>
        [Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Body, Number, Title, CaseNumber, Kind, Text, Absentees];
}

/// <summary>
/// Decisions for journalists' spreadsheets: one row per decision a meeting made (an earlier body's decision an
/// item carries is that body's row), as far as the reader may read the minutes. A closed item the reader may
/// not read is one row with its number and title only.
/// </summary>
public static class DecisionsCsv
{
    public static readonly string[] Header = ["Dato", "Udvalg", "Punkt", "Titel", "Sagsnummer", "Beslutningstype", "Beslutning", "Fraværende"];

    /// <param name="only">The items to take (a search's hits); null for every item of the meeting.</param>
    public static IEnumerable<DecisionRow> Rows(MeetingDocument document, HashSet<int>? only = null)
    {
        if (!document.ShowMinutes) yield break;
        var meeting = document.Meeting;
        var date = DateOnly.FromDateTime(meeting.StartsAt);
        var absentForAll = meeting.Participants.Where(p => p.Absent).OrderBy(p => p.Order).Select(p => p.Name).ToList();
        foreach (var item in document.Items.Where(i => only is null || only.Contains(i.Id)))
        {
            if (!document.ShowsContent(item))
            {
                yield return new DecisionRow(date, meeting.BodyTitle, item.Number, item.Title, null, "", "Lukket punkt", "");
                continue;
            }
            var absent = string.Join(", ", absentForAll.Concat(item.Absentees.OrderBy(a => a.Order).Select(a => a.Name)).Distinct(StringComparer.Ordinal));
            foreach (var decision in item.Decisions.Where(d => d.IsDecisionAt(meeting.StartsAt)))
                yield return new DecisionRow(decision.DecidedOn ?? date, decision.DecidedBy ?? meeting.BodyTitle, item.Number, item.Title, item.CaseNumber,
                    DecisionOutcomes.Danish(decision.Outcome), decision.Text, absent);
        }
    }

    public static byte[] Write(IEnumerable<DecisionRow> rows) => Csv.Write(Header, rows.Select(r => r.Cells()));
}
