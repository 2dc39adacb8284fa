using System.Globalization;
using System.Text;
using Protokol.Meetings;

namespace Protokol.Import.Referat;

/// <summary>Writes a meeting back out in the referat text layout that <see cref="ReferatParser"/> reads.</summary>
public static class ReferatWriter
{
    public static string Write(Meeting meeting)
    {
        var sb = new StringBuilder();
        void Block(string text) => sb.Append(text).Append("\n\n");

        var bodies = meeting.Bodies.OrderBy(b => b.Order).Select(b => b.Body.Name).ToList();
        var keyword = meeting.Stage == MeetingStage.Minutes ? "REFERAT" : "DAGSORDEN";
        Block($"{keyword} {ReferatHeader.JoinBodies(bodies)} d. {ReferatHeader.FormatShortDate(DateOnly.FromDateTime(meeting.StartsAt))}");
        Block("Mødedato " + ReferatHeader.FormatDate(meeting.StartsAt));
        if (meeting.Place is not null) Block("Mødested " + meeting.Place);
        if (meeting.Participants.Count > 0) Block("Mødedeltagere " + PrintedParticipants(meeting));
        Block("Indholdsfortegnelse");
        var toc = meeting.Toc.Count > 0 ? meeting.Toc.OrderBy(t => t.Order).ToList() : GeneratedToc(meeting);
        if (toc.Count > 0) Block(FormatToc(meeting.TocStyle, toc));

        foreach (var item in meeting.Items.OrderBy(i => i.Order))
        {
            Block($"Punkt {item.Number}: {(item.IsClosed ? "Lukket: " : "")}{item.Title}");
            if (item.CaseNumber is not null) Block(item.CaseNumber);
            foreach (var section in item.OrderedSections)
            {
                if (section.Kind == SectionKind.AbsenteeSummary) { Block($"{section.Label} {section.Text}".TrimEnd()); continue; }
                if (section.Kind != SectionKind.Unheaded) Block(section.Label);
                if (section.Text.Length > 0) Block(section.Text);
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The line as printed keeps its wraps, but only while it still names the same people.</summary>
    static string PrintedParticipants(Meeting meeting)
    {
        var generated = ReferatHeader.FormatParticipants(meeting.Participants);
        if (meeting.ParticipantsAsPrinted is null) return generated;
        var printed = ReferatHeader.FormatParticipants(ReferatHeader.ParseParticipants(meeting.ParticipantsAsPrinted));
        return printed == generated ? meeting.ParticipantsAsPrinted : generated;
    }

    static List<TocEntry> GeneratedToc(Meeting meeting) =>
        meeting.Items.OrderBy(i => i.Order).Select((i, n) => new TocEntry { Text = i.Title + ".....", Order = n }).ToList();

    static string FormatToc(TocStyle style, List<TocEntry> toc)
    {
        // An entry without a page is a line the importer kept as it stood; a blank line after it keeps it from reading
        // as the first half of a wrapped entry the next time.
        string Line(TocEntry e) => e.Page is not { } page ? e.Text + "\n"
            : style == TocStyle.Table ? $"| {e.Text} | {page.ToString(CultureInfo.InvariantCulture)} |"
            : $"{e.Text}\t{page.ToString(CultureInfo.InvariantCulture)}";
        return (style == TocStyle.Table ? "| | |\n|--|----|\n" : "") + string.Join('\n', toc.Select(Line)).TrimEnd('\n');
    }
}
