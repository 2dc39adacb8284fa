using Protokol.Import.Greve;
using Protokol.Meetings;

namespace Protokol.Tests.Import;

public class GreveImportTests
{
    static Meeting Import(string prefix)
    {
        var file = Samples.GreveFiles.Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));
        var parsed = GreveJson.Parse(File.ReadAllBytes(file), Path.GetFileName(file));
        Assert.NotNull(parsed.Meeting);
        return parsed.Meeting!;
    }

    static string[] AbsentAt(Meeting m, int number) =>
        m.Items.Single(i => i.Number == number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Absentees.Select(a => a.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void All_198_meetings_import_without_failure()
    {
        var meetings = Samples.GreveFiles.Select(f => GreveJson.Parse(File.ReadAllBytes(f), Path.GetFileName(f))).ToList();
        Assert.Equal(198, meetings.Count);
        Assert.All(meetings, p => Assert.False(p.Failed, string.Join("; ", p.Diagnostics)));
        Assert.DoesNotContain(meetings.SelectMany(p => p.Diagnostics), d => d.Severity == Protokol.Import.Severity.Error);
        Assert.Equal(2882, meetings.Sum(p => p.Meeting!.Items.Count));
        Assert.Equal(185, meetings.Sum(p => p.Meeting!.Items.Count(i => i.IsClosed)));
        Assert.Equal(198, meetings.Select(p => p.Meeting!.SourceKey).Distinct().Count());
    }

    [Fact]
    public void The_December_2022_council_meeting()
    {
        var m = Import("greve_2022-12-12_1700_byraad");
        Assert.Equal("Byråd 2022-2025", m.BodyTitle);
        Assert.Equal(BodyKind.Council, m.Bodies[0].Body.Kind);
        Assert.Equal(new DateTime(2022, 12, 12, 17, 0, 0), m.StartsAt);
        Assert.Equal("Byrådssalen", m.Place);
        Assert.Equal(51, m.Items.Count);
        Assert.Equal(["4", "5", "6", "7", "8", "9"], m.Items.Where(i => i.IsClosed).Select(i => i.Number));
        Assert.Equal(87, m.Items.Sum(i => i.Attachments.Count));
        Assert.Equal(21, m.Participants.Count);
        Assert.Equal(["John T. Olsen", "Marc Genning"], m.Participants.Where(p => p.Absent).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Mehmet Zeki Dogru", "Morten Dahlin", "Simon Østergaard"], AbsentAt(m, 1));
        Assert.Equal(["Morten Dahlin"], AbsentAt(m, 30));
        Assert.Empty(AbsentAt(m, 13));
        Assert.Equal("20-001362K", m.Items[6].CaseNumber);
        Assert.Equal(MeetingStage.Minutes, m.Stage);
    }

    [Fact]
    public void Apologies_in_the_participant_list_and_the_decision_text()
    {
        var m = Import("greve_2022-08-15_0800_beskaeftigelses");
        Assert.Equal(13, m.Items.Count);
        Assert.Equal("Greve Erhvervscenter, Korskildelund 6, 2670 Greve", m.Place);
        Assert.All(m.Participants.Where(p => p.Absent), p => Assert.Equal("Afbud", p.AbsenceReason));
        Assert.Equal(["Heidi Serny Jacobsen", "Morten Dahlin"], m.Participants.Where(p => p.Absent).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Heidi Serny Jacobsen", "Morten Dahlin"], AbsentAt(m, 2));
        Assert.Contains("Afbud: Morten Dahlin, Heidi Serny Jacobsen", m.Items[1].Decisions.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_item_keeps_its_title_and_decision_and_loses_its_prefix()
    {
        var m = Import("greve_2022-09-13_0815_skole");
        var closed = Assert.Single(m.Items, i => i.IsClosed);
        Assert.Equal("10", closed.Number);
        Assert.Equal("Henvendelser til formanden", closed.Title); // printed "Lukket:  Henvendelser..." with two spaces
        Assert.Equal("21-015028", closed.CaseNumber);
        Assert.StartsWith("Orienteringen blev taget til efterretning.", closed.Decisions.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Per_item_absence_without_meeting_flags()
    {
        var m = Import("greve_2023-05-24_1700_kultur");
        Assert.DoesNotContain(m.Participants, p => p.Absent);
        for (var n = 1; n <= 8; n++) Assert.Equal(["Lone Mortensen"], AbsentAt(m, n));
        for (var n = 9; n <= 14; n++) Assert.Empty(AbsentAt(m, n));
    }

    [Fact]
    public void Sections_come_out_of_the_html_with_their_headings()
    {
        var m = Import("greve_2023-04-24_1530_sundheds");
        Assert.Equal(23, m.Items.Count);
        var item = m.Items[0];
        Assert.Equal(["Tina Rottbøll"], AbsentAt(m, 1));
        Assert.Equal(SectionKind.Decision, item.Sections[0].Kind);
        Assert.Equal("Godkendt.", item.Sections[0].Text);
        Assert.Equal("Sundheds- og Omsorgsudvalget", item.Sections[0].DecidedBy);
        Assert.Equal(new DateOnly(2023, 4, 24), item.Sections[0].DecidedOn);
        Assert.Equal(DecisionOutcome.Approved, item.Sections[0].Outcome);
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.Route && s.Label == "Sagsprocedure");
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.Summary && s.Label == "Resume");
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.Recommendation);
        Assert.DoesNotContain(m.Items.SelectMany(i => i.Sections), s => s.Text.Contains('<', StringComparison.Ordinal) && s.Text.Contains("</", StringComparison.Ordinal));
    }

    [Fact]
    public void Earlier_decisions_from_the_case_history_become_decisions_of_their_bodies()
    {
        var all = Samples.GreveFiles.Select(f => GreveJson.Parse(File.ReadAllBytes(f), Path.GetFileName(f)).Meeting!).ToList();
        var withHistory = all.SelectMany(m => m.Items.Select(i => (m, i))).Where(x => x.i.Decisions.Count() > 1).ToList();
        Assert.NotEmpty(withHistory);
        Assert.All(withHistory, x => Assert.All(x.i.Decisions, d => Assert.NotNull(d.DecidedBy)));
    }
}
