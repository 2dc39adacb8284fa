using Protokol.Import.Referat;
using Protokol.Meetings;

namespace Protokol.Tests.Import;

public class ReferatImportTests
{
    static Meeting Import(string sample)
    {
        var parsed = ReferatParser.Parse(Samples.KoldingText(sample));
        Assert.NotNull(parsed.Meeting);
        return parsed.Meeting!;
    }

    [Fact]
    public void Importing_the_2025_minutes_finds_11_items_with_Ole_Martensen_absent_from_each()
    {
        var m = Import(Samples.Feb2025);
        Assert.Equal(11, m.Items.Count);
        Assert.All(m.Items.Where(i => i.Title != "Underskriftsside"), i => Assert.Contains(i.Absentees, a => a.Name == "Ole Martensen"));
        Assert.Equal("Social og Arbejdsmarked", m.BodyTitle);
        Assert.Equal(new DateTime(2025, 2, 4, 8, 0, 0), m.StartsAt);
        Assert.Equal("Trapholt, Æblehaven 23 Richard Mortensen salen", Protokol.Portal.PortalFormat.Place(m.Place));
        Assert.Equal(9, m.Participants.Count);
        Assert.Contains(m.Participants, p => p.Name == "Hamlaoui Bahloul");
        Assert.Contains(m.Participants, p => p.Name == "Søren Rasmussen");
        Assert.Equal(TocStyle.Table, m.TocStyle);
        Assert.Equal(11, m.Toc.Count);
        Assert.Equal(19, m.Toc[^1].Page);
        Assert.Null(m.Items[7].CaseNumber);
        Assert.Equal("25/67", m.Items[0].CaseNumber);
    }

    [Fact]
    public void The_first_item_of_December_2020_has_two_decisions_by_two_committees()
    {
        var item = Import(Samples.Dec2020).Items[0];
        var decisions = item.Decisions.ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Equal("Arbejdsmarkedsudvalget", decisions[0].DecidedBy);
        Assert.Equal(new DateOnly(2020, 12, 3), decisions[0].DecidedOn);
        Assert.Equal("Socialøkonomi-, Handicap- og Hjælpemiddeludvalget", decisions[1].DecidedBy);
        Assert.Equal(new DateOnly(2020, 12, 16), decisions[1].DecidedOn);
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.NewProposal);
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.SummaryAddition);
        Assert.Contains(item.Sections, s => s.Kind == SectionKind.CaseTextAddition);
        Assert.Equal(["Ole Martensen", "Henrik Nielsen"], item.Absentees.Select(a => a.Name));
        Assert.Equal(5, item.Attachments.Count);
    }

    [Fact]
    public void A_joint_meeting_names_both_committees()
    {
        var m = Import(Samples.Jun2020);
        Assert.True(m.IsJoint);
        Assert.Equal(["Social- og Sundhedsudvalget", "Socialøkonomi-, Handicap- og Hjælpemiddeludvalget"], m.Bodies.Select(b => b.Body.Name));
        Assert.Equal(3, m.Items.Count);
        Assert.Equal(TocStyle.Tabbed, m.TocStyle);
    }

    [Fact]
    public void Header_absence_marks_are_read()
    {
        var m = Import(Samples.Oct2024);
        Assert.Equal(["Poul Fremmelev", "Iben Lehmann Rasmussen"], m.Participants.Where(p => p.Absent).Select(p => p.Name));
        Assert.Equal(6, m.Items.Count);
        Assert.Contains("Ålegården", m.Place, StringComparison.Ordinal);
    }

    [Fact]
    public void Proposals_name_their_proposer_and_clauses()
    {
        var item = Import(Samples.Feb2025).Items[5];
        var proposal = Proposal.Parse(item.Sections.Single(s => s.Kind == SectionKind.Proposal).Text);
        Assert.Equal("Den konstituerede social- og arbejdsmarkedsdirektør", proposal.Proposer);
        Assert.Equal(3, proposal.Clauses.Count);
        Assert.All(proposal.Clauses, c => Assert.StartsWith("at ", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Decisions_are_classified_by_their_formula()
    {
        var items = Import(Samples.Feb2025).Items;
        Assert.Equal(DecisionOutcome.Noted, items[0].Decisions.Single().Outcome);
        Assert.Equal(DecisionOutcome.Discussed, items[1].Decisions.Single().Outcome);
        Assert.Equal(DecisionOutcome.NothingToReport, items[7].Decisions.Single().Outcome);
    }

    [Fact]
    public void Stray_characters_are_kept_and_reported_with_their_line()
    {
        var text = Samples.KoldingText(Samples.Dec2020);
        var parsed = ReferatParser.Parse(text);
        var stray = Assert.Single(parsed.Diagnostics, d => d.Message.Contains("stray", StringComparison.Ordinal));
        Assert.Equal("Å", text.Split('\n')[stray.Line - 1]);
        Assert.Contains("\nÅ\n", parsed.Meeting!.Items[4].Sections[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_that_forgets_a_member_the_header_marks_absent_is_reported()
    {
        var text = Samples.KoldingText(Samples.Oct2024);
        Assert.DoesNotContain(ReferatParser.Parse(text).Diagnostics, d => d.Message.Contains("header marks", StringComparison.Ordinal));
        var first = text.IndexOf("Fraværende:\n\nPoul Fremmelev\n\n", StringComparison.Ordinal);
        var damaged = text.Remove(first + "Fraværende:\n\n".Length, "Poul Fremmelev\n\n".Length);
        var closing = damaged.IndexOf("Fraværende Poul Fremmelev, ", StringComparison.Ordinal); // item 1's closing line
        damaged = damaged.Remove(closing + "Fraværende ".Length, "Poul Fremmelev, ".Length);

        var parsed = ReferatParser.Parse(damaged);

        var d = Assert.Single(parsed.Diagnostics, d => d.Message.Contains("header marks", StringComparison.Ordinal));
        Assert.Equal("Punkt 1", d.Field);
        Assert.Contains("Poul Fremmelev", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("Punkt 1:", damaged.Split('\n')[d.Line - 1], StringComparison.Ordinal);
    }

    public static TheoryData<string> KoldingSamples => new(Samples.KoldingFiles.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(KoldingSamples))]
    public void Writing_an_imported_referat_gives_the_original_text_back(string sample)
    {
        var original = Samples.KoldingText(sample);
        var written = ReferatWriter.Write(Import(sample));
        Assert.Equal(Normalise(original), Normalise(written));
    }

    /// <summary>The only normalisation allowed: trailing spaces and runs of blank lines.</summary>
    internal static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        var kept = new List<string>();
        foreach (var l in lines)
            if (l.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0)) kept.Add(l);
        return string.Join('\n', kept).Trim('\n');
    }
}
