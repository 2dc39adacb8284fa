using Protokol.Meetings;

namespace Protokol.Tests.Meetings;

public class DecisionOutcomeTests
{
    [Theory]
    [InlineData("1. Godkendt. 2. Ikke godkendt. 3. Taget til efterretning.", DecisionOutcome.Mixed)]
    [InlineData("At 1) Godkendt\nAt 2) Anbefales over for Byrådet", DecisionOutcome.Mixed)]
    [InlineData("1. Taget til efterretning 2. Ikke godkendt, idet udvalget ønsker at afvente entreprenøren.", DecisionOutcome.Mixed)]
    [InlineData("1. Godkendt 2. Godkendt", DecisionOutcome.Approved)]
    [InlineData("1.-4. Godkendt. Ikke til stede: Simon Østergaard (V)", DecisionOutcome.Approved)]
    [InlineData("1. Godkendt, idet mødet i september afvikles den 5. september 2024 2. Godkendt.", DecisionOutcome.Approved)]
    [InlineData("Godkendt. 2. behandling sker i Byrådet.", DecisionOutcome.Approved)]
    public void A_decision_with_numbered_points_is_mixed_only_when_they_differ(string text, DecisionOutcome outcome) =>
        Assert.Equal(outcome, DecisionOutcomes.Classify(text));

    [Fact]
    public void Each_point_keeps_its_own_kind()
    {
        var points = DecisionOutcomes.Points("1. Godkendt. 2. Ikke godkendt. 3. Taget til efterretning.");

        Assert.Equal([(1, "Godkendt.", DecisionOutcome.Approved), (2, "Ikke godkendt.", DecisionOutcome.Rejected), (3, "Taget til efterretning.", DecisionOutcome.Noted)],
            points.Select(p => (p.From, p.Text, p.Outcome)));
    }

    [Fact]
    public void A_run_of_points_decided_alike_is_one_point_from_first_to_last()
    {
        var point = Assert.Single(DecisionOutcomes.Points("1. - 4. Anbefales."));
        Assert.Equal((1, 4, DecisionOutcome.Recommended), (point.From, point.To, point.Outcome));
    }

    [Theory]
    [InlineData("Godkendt.")]
    [InlineData("2. Godkendt. 3. Afvist.")] // does not start at 1
    [InlineData("Budgettet på 1.378.372,5 kr. blev godkendt.")]
    [InlineData("1. Godkendt jf. § 3, stk. 2. Udvalget tog det til efterretning.")] // one point; "stk. 2." is no second
    public void Text_that_does_not_number_its_points_from_1_has_no_second_point(string text) => Assert.True(DecisionOutcomes.Points(text).Count < 2);
}
