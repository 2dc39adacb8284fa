using System.Globalization;
using Protokol.Import.Referat;
using Protokol.Meetings;

namespace Protokol.Tests.Meetings;

public class ModelRuleTests
{
    [Theory]
    [InlineData("Lukket: Personalesag", true, "Personalesag")]
    [InlineData("LUKKET:Køb af ejendom", true, "Køb af ejendom")]
    [InlineData("Lukket :  Henvendelser til formanden", true, "Henvendelser til formanden")]
    [InlineData("Lukkeperiode for daginstitutioner", false, "Lukkeperiode for daginstitutioner")]
    [InlineData(" Orientering ", false, "Orientering")]
    public void Closed_items_are_known_by_their_title_whatever_its_case_and_spacing(string printed, bool closed, string title) =>
        Assert.Equal((closed, title), AgendaItem.ReadTitle(printed));

    [Theory]
    [InlineData("Godkendt.", DecisionOutcome.Approved)]
    [InlineData("Anbefales ikke.", DecisionOutcome.Rejected)]
    [InlineData("Indstillingen tiltrædes ikke.", DecisionOutcome.Rejected)]
    [InlineData("Udsat til næste møde.", DecisionOutcome.Postponed)]
    [InlineData("Orienteringen blev taget til efterretning.", DecisionOutcome.Noted)]
    [InlineData("Anbefales over for Byrådet.", DecisionOutcome.Recommended)]
    [InlineData("Intet.", DecisionOutcome.NothingToReport)]
    public void Decision_formulas_are_read(string text, DecisionOutcome outcome) => Assert.Equal(outcome, DecisionOutcomes.Classify(text));

    [Fact]
    public void The_source_key_does_not_depend_on_the_culture_the_import_runs_in()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            var key = ReferatParser.Parse(Samples.KoldingText(Samples.Feb2025)).Meeting!.SourceKey;
            Assert.Equal("referat:social-og-arbejdsmarked:2025-02-04T08:00", key);
        }
        finally { CultureInfo.CurrentCulture = before; }
    }

    [Fact]
    public void An_export_without_closed_content_keeps_only_number_and_title_of_closed_items()
    {
        var meeting = ReferatParser.Parse(File.ReadAllText(Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt"))).Meeting!;
        meeting.WithoutClosedContent();
        var text = ReferatWriter.Write(meeting);
        Assert.Contains("Punkt 5: Lukket: Køb af ejendom på Havnevej 14", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fiskehal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("25/7012", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fiskehal", MeetingJson.Write(meeting), StringComparison.Ordinal);
    }
}
