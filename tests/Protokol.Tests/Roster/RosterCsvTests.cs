using System.Text;
using Protokol.Meetings;

namespace Protokol.Tests.Roster;

/// <summary>Reading roster files as spreadsheets write them, and saying exactly which line and field is wrong.</summary>
public sealed class RosterCsvTests
{
    static (List<RosterRow> Rows, List<RosterError> Errors) Parse(string text, bool bom = false) =>
        RosterCsv.Parse((bom ? "\uFEFF"u8.ToArray() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    static string Errors(string text) => string.Join("\n", Parse(text).Errors);

    [Fact]
    public void A_Danish_spreadsheet_file_with_a_byte_order_mark_semicolons_quotes_and_Danish_dates_is_read()
    {
        var (rows, errors) = Parse("Navn;Rolle;Start;Slut\r\nLars Brøndum;formand;01-01-2026;\r\n\r\n\"Nørgaard; Camilla Friis\";Næstformand;1.1.2026;31.12.2029\r\nPia Lykkegaard;medlem;2026-01-01;\r\n", bom: true);
        Assert.Empty(errors);
        Assert.Equal(
        [
            new RosterRow(2, "Lars Brøndum", "formand", new(2026, 1, 1), null, null),
            new RosterRow(4, "Nørgaard; Camilla Friis", "Næstformand", new(2026, 1, 1), new(2029, 12, 31), null),
            new RosterRow(5, "Pia Lykkegaard", null, new(2026, 1, 1), null, null),
        ], rows);
    }

    [Fact]
    public void A_comma_separated_file_in_another_column_order_with_a_body_column_and_quoted_quotes_is_read()
    {
        var (rows, errors) = Parse("udvalg,slut,start,navn,rolle\nØkonomiudvalget,,05-03-2026,\"Anne \"\"Mie\"\" Thygesen\",\nteknik-og-miljoeudvalget,28-02-2026,,Lars Brøndum,formand");
        Assert.Empty(errors);
        Assert.Equal(
        [
            new RosterRow(2, "Anne \"Mie\" Thygesen", null, new(2026, 3, 5), null, "Økonomiudvalget"),
            new RosterRow(3, "Lars Brøndum", "formand", null, new(2026, 2, 28), "teknik-og-miljoeudvalget"),
        ], rows);
    }

    [Theory]
    [InlineData("navn;rolle;start;slut\nLars;;31-02-2026;", "Linje 2, start: »31-02-2026« er ikke en dato. Skriv fx 31-12-2025, 31.12.2025 eller 2025-12-31.")]
    [InlineData("navn;rolle;start;slut\nLars;;01-01-2026;\nPia;;2026/01/01;", "Linje 3, start: »2026/01/01« er ikke en dato. Skriv fx 31-12-2025, 31.12.2025 eller 2025-12-31.")]
    [InlineData("navn;rolle;start;slut\nLars;;01-01-2026;januar", "Linje 2, slut: »januar« er ikke en dato. Skriv fx 31-12-2025, 31.12.2025 eller 2025-12-31.")]
    [InlineData("navn;rolle;start;slut\nLars;;01-05-2026;30-04-2026", "Linje 2, slut: Slutdatoen (30-04-2026) ligger før startdatoen (01-05-2026).")]
    [InlineData("navn;rolle;start;slut\n  ;formand;01-05-2026;", "Linje 2, navn: Skriv personens navn.")]
    [InlineData("navn;rolle;start;slut\nLars;formand;01-05-2026;;Teknik", "Linje 2: Linjen har 5 felter, men der er kun 4 kolonner. Står der et »;« i et navn, så sæt feltet i anførselstegn.")]
    [InlineData("navn;start;slut\nLars;01-05-2026;", "Linje 1: Kolonnen »rolle« mangler. Første linje skal være kolonnernes navne: navn;rolle;start;slut.")]
    [InlineData("navn,rolle,start\nLars,,01-05-2026", "Linje 1: Kolonnen »slut« mangler. Første linje skal være kolonnernes navne: navn;rolle;start;slut (eller med komma).")]
    [InlineData("navn;rolle;start;slut;parti\nLars;;;;A", "Linje 1: Ukendt kolonne »parti«. Kolonnerne hedder navn, rolle, start, slut, udvalg.")]
    [InlineData("navn;rolle;start;slut;navn\nLars;;;;A", "Linje 1: Kolonnen »navn« står to gange.")]
    [InlineData("Lars Brøndum;formand;01-01-2026;", "Linje 1: Ukendt kolonne »Lars Brøndum«. Kolonnerne hedder navn, rolle, start, slut, udvalg.")]
    [InlineData("navn;rolle;start;slut\n\"Lars;formand;01-05-2026;", "Linje 2: Et felt begynder med \" men slutter aldrig med \".")]
    [InlineData("navn;rolle;start;slut\n", "Filen har kolonnernes navne, men ingen medlemmer.")]
    [InlineData(" \r\n\r\n", "Filen er tom. Første linje skal være kolonnernes navne: navn;rolle;start;slut.")]
    public void Each_kind_of_error_names_its_line_and_field(string file, string error) => Assert.Equal(error, Errors(file).Split('\n')[0]);

    [Fact]
    public void Every_bad_line_is_reported_at_once_and_only_good_lines_become_rows()
    {
        var (rows, errors) = Parse("navn;rolle;start;slut\nLars;;31-02-2026;\nPia;;01-01-2026;\n;;x;\n");
        Assert.Equal(["Pia"], rows.Select(r => r.Name));
        Assert.Equal(["Linje 2, start", "Linje 4, navn", "Linje 4, start"], errors.Select(e => e.ToString()[..e.ToString().IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused_naming_the_line_with_the_first_foreign_letter()
    {
        var latin1 = Encoding.Latin1.GetBytes("navn;rolle;start;slut\nLars;;01-01-2026;\nSøren;;01-01-2026;\n");
        var (rows, errors) = RosterCsv.Parse(latin1);
        Assert.Empty(rows);
        Assert.Equal("Linje 3: Teksten er ikke UTF-8. Gem filen som »CSV UTF-8 (kommasepareret)« i regnearket, og prøv igen.", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused_without_reading_them()
    {
        Assert.Equal("Filen er tom.", Assert.Single(RosterCsv.Parse([]).Errors).ToString());
        var big = Encoding.UTF8.GetBytes("navn;rolle;start;slut\n" + string.Concat(Enumerable.Repeat("Lars Brøndum;;01-01-2026;\n", 30_000)));
        Assert.Equal("Filen er for stor (højst 512 kB); en medlemsliste fylder meget mindre.", Assert.Single(RosterCsv.Parse(big).Errors).ToString());
    }

    [Fact]
    public void Garbage_never_throws()
    {
        const string Alphabet = "\";,\n\r ab1-.";
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var text = "navn;rolle;start;slut\n" + new string(bytes.Select(b => Alphabet[b % Alphabet.Length]).ToArray());
            var (rows, errors) = RosterCsv.Parse(Encoding.UTF8.GetBytes(text));
            Assert.True(rows.Count + errors.Count > 0);
            RosterCsv.Parse(bytes);
        }
    }
}
