using Protokol.Checks;
using Protokol.Import.Referat;

namespace Protokol.Tests.Checks;

public class BudgetCheckTests
{
    [Fact]
    public void Every_inconsistent_row_of_the_February_2025_tables_is_reported_and_no_consistent_row()
    {
        var meeting = ReferatParser.Parse(Samples.KoldingText(Samples.Feb2025)).Meeting!;
        var reports = BudgetCheck.Check(meeting);

        Assert.Equal(["4", "5"], reports.Select(r => r.ItemNumber));
        Assert.Empty(reports[0].Report.Findings); // the 3-row table adds up
        var flagged = reports[1].Report.Findings.Select(f => f.Row).Distinct().ToList();
        Assert.Equal(
        [
            "Budgetgaranterede udgifter", "Kontantbistand", "Øvrige udgifter (ikke budgetgaranterede)",
            "Sociale forløb", "Seniorjob", "Total Arbejdsmarkedspolitik, overførsler",
        ], flagged);
    }

    [Fact]
    public void Findings_say_what_was_expected_and_what_was_found()
    {
        var meeting = ReferatParser.Parse(Samples.KoldingText(Samples.Feb2025)).Meeting!;
        var findings = BudgetCheck.Check(meeting).SelectMany(r => r.Report.Findings).ToList();

        var seniorjob = Assert.Single(findings, f => f.Row == "Seniorjob");
        Assert.Equal(156_000m, seniorjob.Expected);
        Assert.Equal(2_156_000m, seniorjob.Found);
        Assert.Equal("Korrigeret budget 2025", seniorjob.Column);
        var subtotal = Assert.Single(findings, f => f.Row == "Budgetgaranterede udgifter");
        Assert.Equal(1_378_352_000m, subtotal.Expected);
        Assert.Equal("Budget udgift", subtotal.Column);
    }

    [Fact]
    public void A_table_whose_rows_add_up_gives_no_findings_and_a_wrong_total_is_caught()
    {
        const string table = """
            | Område | Budget | Forbrug | Afvigelse |
            |---|---|---|---|
            | Skoler | 1.200,5 | 1.000,5 | 200 |
            | Veje | 800 | 900 | -100 |
            | Parker | 50 | 25 | 25 |
            | I alt | 2.050,5 | 1.925,5 | 125 |
            """;
        var ok = Assert.Single(BudgetCheck.CheckText(table));
        Assert.Empty(ok.Findings);
        var wrong = Assert.Single(BudgetCheck.CheckText(table.Replace("| I alt | 2.050,5", "| I alt | 2.060,5", StringComparison.Ordinal)));
        // The wrong total breaks both its column sum and its own row (Afvigelse = Budget − Forbrug).
        Assert.All(wrong.Findings, f => Assert.Equal("I alt", f.Row));
        Assert.Contains(wrong.Findings, f => (f.Column, f.Expected, f.Found) == ("Budget", 2050.5m, 2060.5m));
        Assert.Contains(wrong.Findings, f => (f.Column, f.Expected, f.Found) == ("Afvigelse", 135m, 125m));
    }

    [Theory]
    [InlineData("1.378.372,5", 1378372.5)]
    [InlineData("-136.870.000", -136870000)]
    [InlineData("0,525", 0.525)]
    [InlineData("13.035", 13035)]
    [InlineData("0", 0)]
    public void Danish_amounts_are_read(string text, double expected)
    {
        Assert.True(DanishNumber.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("9%")]
    [InlineData("1.37")]
    [InlineData("2025-pl.")]
    [InlineData("")]
    public void Other_cells_are_not_amounts(string text) => Assert.False(DanishNumber.TryParse(text, out _));
}
