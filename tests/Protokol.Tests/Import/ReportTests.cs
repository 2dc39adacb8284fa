using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Import;

namespace Protokol.Tests.Import;

/// <summary>What the importer says about files it cannot or will not import: the reason, the place, and nothing half-written.</summary>
public class ReportTests
{
    static ParsedDocument Parse(string name, string text) => ArchiveImport.Parse(name, Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("moede.xml", "<?xml version=\"1.0\"?>\n<Meeting><Committee>Økonomiudvalget</Committee><MeetingAgendaTypes><MeetingAgendaType/></MeetingAgendaTypes></Meeting>", "eDoc publishing XML")]
    [InlineData("moede.txt", "<?xml version=\"1.0\"?>\n<Root xmlns=\"http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/\"><Committee/></Root>", "eDoc publishing XML")]
    [InlineData("referat.txt", "<!DOCTYPE html>\n<html><body><div id='sagsfremstillingContainer'><h3>Beslutning</h3>Godkendt.</div></body></html>", "an HTML page of a publication site")]
    [InlineData("referat.json", "<html><head><title>Referat</title></head><body>Punkt 1</body></html>", "an HTML page")]
    [InlineData("moede.json", "{\"id\": \"https://rim.example/oparl/meeting/1\", \"type\": \"https://schema.oparl.org/1.1/Meeting\"}", "OParl JSON")]
    [InlineData("referat.json", "REFERAT Udvalget d. 01-02-2025\n", "text, not JSON")]
    [InlineData("referat.txt", "", "empty")]
    public void Another_format_is_named_not_misread_as_a_referat(string name, string content, string looksLike)
    {
        var parsed = Parse(name, content);

        Assert.True(parsed.Failed);
        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Contains(looksLike, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expected 'REFERAT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_formats_are_named_by_their_bytes()
    {
        Assert.Contains("a Word document", ArchiveImport.Parse("bilag.txt", [.. "PK\x03\x04"u8, .. "word/document.xml"u8]).Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("an image", ArchiveImport.Parse("scan.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_line_alone_is_refused_and_makes_neither_a_meeting_nor_a_committee()
    {
        using var temp = new TempDatabase();
        var path = Path.Combine(temp.Folder, "referat.txt");
        await File.WriteAllTextAsync(path, "REFERAT Udvalget for Nyt og Gammelt d. 01-02-2025\n");
        await using var db = temp.Open();

        var result = await new ArchiveImport(db).ImportAsync(path);

        Assert.Equal(FileOutcome.Failed, result.Outcome);
        Assert.Contains("no items ('Punkt N: ...') were found", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Meetings.CountAsync());
        Assert.Equal(0, await db.Bodies.CountAsync());
    }

    [Fact]
    public void A_pdf_named_txt_is_read_as_a_pdf()
    {
        var pdf = PdfImportTests.PrintAsPdf(Samples.KoldingText(Samples.Jun2020));

        var parsed = ArchiveImport.Parse("referat.txt", pdf);

        Assert.False(parsed.Failed);
        Assert.Equal(SourceFormats.ReferatPdf, parsed.Meeting!.SourceFormat);
        Assert.Contains(parsed.Diagnostics, d => d.Message.Contains("though named '.txt'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var temp = new TempDatabase();
        var path = Path.Combine(temp.Folder, "stor.pdf");
        await using (var f = File.Create(path)) f.SetLength(ImportLimits.MaxFileBytes + 1); // sparse: nothing is written or read
        await using var db = temp.Open();

        var result = await new ArchiveImport(db).ImportAsync(path);

        Assert.Equal(FileOutcome.Failed, result.Outcome);
        Assert.Contains("the file is 64.0 MB; protokol imports files of up to 64 MB", result.Reason, StringComparison.Ordinal);
    }

    static string Referat(string caseText) =>
        $"REFERAT Teknik- og Miljøudvalget d. 03-03-2025\n\nMødedato Mandag d. 03. marts 2025 kl. 16:00\n\nPunkt 1: Trafikplan\n\nBeslutning\n\nGodkendt.\n\nSagsfremstilling\n\n{caseText}\n\nPunkt 2: Eventuelt\n\nBeslutning\n\nIntet.\n";

    [Fact]
    public async Task A_section_over_the_size_limit_is_refused_with_its_place_and_nothing_is_stored()
    {
        var huge = string.Join('\n', Enumerable.Repeat("Vejen udvides med en cykelsti i begge sider, og krydset signalreguleres.", ImportLimits.MaxSectionChars / 70));
        Assert.False(Parse("referat.txt", Referat(huge[..(ImportLimits.MaxSectionChars - 100)])).Failed);

        using var temp = new TempDatabase();
        var path = Path.Combine(temp.Folder, "referat.txt");
        await File.WriteAllTextAsync(path, Referat(huge));
        await using var db = temp.Open();
        var result = await new ArchiveImport(db).ImportAsync(path);

        Assert.Equal(FileOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(13, error.Line); // the first line of the section's text
        Assert.Contains("Punkt 1, 'Sagsfremstilling' has 1,0", error.Message, StringComparison.Ordinal);
        Assert.Contains("protokol imports sections of up to 1,000,000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Meetings.CountAsync());
    }

    [Fact]
    public void A_publication_site_section_over_the_limit_names_its_field()
    {
        var json = File.ReadAllText(Samples.GreveFiles.OrderBy(f => new FileInfo(f).Length).First());
        var html = "<p>" + new string('x', ImportLimits.MaxSectionChars + 1) + "</p>";
        var start = json.IndexOf("\"Html\": \"", StringComparison.Ordinal) + 9;
        var damaged = json[..start] + html + json[start..];

        var parsed = ArchiveImport.Parse("moede.json", Encoding.UTF8.GetBytes(damaged));

        Assert.True(parsed.Failed);
        var error = Assert.Single(parsed.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("Dagsordenpunkter[0].Felter[0].Html", error.Field);
        Assert.True(error.Line > 0);
    }
}
