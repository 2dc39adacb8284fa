using DocumentFormat.OpenXml.Packaging;
using Protokol.Tests.Cli;

namespace Protokol.Tests.Documents;

/// <summary>`protokol export --format pdf|docx -o FILE` and `protokol export-decisions`, run as a person runs them.</summary>
public sealed class ExportCommandTests : IDisposable
{
    readonly TempDatabase database = new();

    async Task<string> Database()
    {
        var db = database.Store;
        Assert.Equal(0, (await ProtokolProcess.RunAsync("import", Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt"), "--db", db)).Exit);
        return db;
    }

    [Fact]
    public async Task A_meeting_exports_as_pdf_and_docx_and_the_public_copy_leaves_the_closed_item_out()
    {
        var db = await Database();
        var pdfFile = Path.Combine(database.Folder, "m.pdf");
        var pdfRun = await ProtokolProcess.RunAsync("export", "teknik-og-miljoeudvalget/2026-01-13", "--format", "pdf", "-o", pdfFile, "--db", db);
        Assert.True(pdfRun.Exit == 0, pdfRun.Err);
        using (var pdf = new PdfText(await File.ReadAllBytesAsync(pdfFile)))
        {
            Assert.Equal(7, pdf.Contents(7).Count);
            Assert.DoesNotContain("Havnevej 14 grænser op", pdf.All, StringComparison.Ordinal);
            Assert.Contains("Punkt 5: Køb af ejendom på Havnevej 14", pdf.All, StringComparison.Ordinal);
        }

        var docxFile = Path.Combine(database.Folder, "m.docx");
        Assert.Equal(0, (await ProtokolProcess.RunAsync("export", "1", "--format", "docx", "-o", docxFile, "--db", db, "--include-closed")).Exit);
        using var docx = WordprocessingDocument.Open(docxFile, false);
        Assert.Contains("Havnevej 14 grænser op", docx.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);

        var noFile = await ProtokolProcess.RunAsync("export", "1", "--format", "pdf", "--db", db);
        Assert.Equal(2, noFile.Exit);
        Assert.Contains("-o FILE", noFile.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bodys_decisions_of_a_year_export_as_csv()
    {
        var db = await Database();
        var file = Path.Combine(database.Folder, "b.csv");
        Assert.Equal(0, (await ProtokolProcess.RunAsync("export-decisions", "teknik-og-miljoeudvalget", "--year", "2026", "-o", file, "--db", db)).Exit);
        var lines = (await File.ReadAllTextAsync(file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(';', Protokol.Documents.DecisionsCsv.Header), lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines, l => l.StartsWith("2026-01-13;Teknik- og Miljøudvalget;5;Køb af ejendom på Havnevej 14;;;Lukket punkt;", StringComparison.Ordinal));
        Assert.Equal(0, (await ProtokolProcess.RunAsync("export-decisions", "teknik-og-miljoeudvalget", "--year", "2025", "-o", file, "--db", db)).Exit);
        Assert.Single((await File.ReadAllTextAsync(file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        var unknown = await ProtokolProcess.RunAsync("export-decisions", "intet-udvalg", "--year", "2026", "--db", db);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no body 'intet-udvalg'", unknown.Err, StringComparison.Ordinal);
    }

    public void Dispose() => database.Dispose();
}
