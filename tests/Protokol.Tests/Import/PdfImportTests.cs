using Protokol.Import;
using Protokol.Import.Referat;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Protokol.Tests.Import;

public class PdfImportTests
{
    /// <summary>A referat PDF as meeting systems print it: the text in lines, a running header and a page footer on every page.</summary>
    internal static byte[] PrintAsPdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        // Danish letters need a real font; test.sh installs Debian's DejaVu.
        var font = builder.AddTrueTypeFont(File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        var lines = text.Replace("\t", "   ", StringComparison.Ordinal).Split('\n');
        const int perPage = 60;
        for (int start = 0, page = 1; start < lines.Length; start += perPage, page++)
        {
            var p = builder.AddPage(PageSize.A4);
            p.AddText("Kolding Kommune - Referat", 8, new PdfPoint(40, 815), font);
            var y = 790.0;
            foreach (var line in lines.Skip(start).Take(perPage))
            {
                if (line.Length > 0) p.AddText(line, 4, new PdfPoint(40, y), font);
                y -= 12;
            }
            p.AddText($"Side {page}", 8, new PdfPoint(280, 20), font);
        }
        return builder.Build();
    }

    [Fact]
    public void A_referat_pdf_imports_like_its_text()
    {
        var text = Samples.KoldingText(Samples.Feb2025);
        var fromText = ArchiveImport.Parse("referat.txt", System.Text.Encoding.UTF8.GetBytes(text)).Meeting!;

        var parsed = ArchiveImport.Parse("referat.pdf", PrintAsPdf(text));

        var fromPdf = parsed.Meeting;
        Assert.NotNull(fromPdf);
        Assert.Contains(parsed.Diagnostics, d => d.Message.Contains("running header/footer", StringComparison.Ordinal));
        Assert.Equal(fromText.SourceKey, fromPdf.SourceKey);
        Assert.Equal(fromText.Items.Select(i => (i.Number, i.Title, i.CaseNumber)), fromPdf.Items.Select(i => (i.Number, i.Title, i.CaseNumber)));
        // Paragraphs come back from the gaps between lines: the PDF's minutes write out as the text's, word for word.
        Assert.Equal(ReferatImportTests.Normalise(ReferatWriter.Write(fromText)), ReferatImportTests.Normalise(ReferatWriter.Write(fromPdf)));
        Assert.Equal(0, parsed.Words!.Lost);
        Assert.Equal(fromText.Items.Select(i => i.Absentees.Count), fromPdf.Items.Select(i => i.Absentees.Count));
        Assert.DoesNotContain(fromPdf.Items.SelectMany(i => i.Sections), s => s.Text.Contains("Side ", StringComparison.Ordinal) || s.Text.Contains("Kolding Kommune - Referat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_minutes_as_text_and_as_pdf_do_not_replace_each_other()
    {
        using var temp = new TempDatabase();
        var text = Samples.KoldingText(Samples.Jun2020);
        var txt = Path.Combine(temp.Folder, "referat.txt");
        var pdf = Path.Combine(temp.Folder, "referat.pdf");
        await File.WriteAllTextAsync(txt, text);
        await File.WriteAllBytesAsync(pdf, PrintAsPdf(text));
        await using var db = temp.Open();
        var import = new ArchiveImport(db);

        Assert.Equal(FileOutcome.Imported, (await import.ImportAsync(pdf)).Outcome);
        Assert.Equal(FileOutcome.Updated, (await import.ImportAsync(txt)).Outcome); // text keeps more than the PDF
        var again = await import.ImportAsync(pdf);
        Assert.Equal(FileOutcome.Unchanged, again.Outcome);
        Assert.Contains(again.Diagnostics, d => d.Message.Contains("imported from its referat text", StringComparison.Ordinal));
        Assert.Equal(FileOutcome.Unchanged, (await import.ImportAsync(txt)).Outcome);
    }

    [Fact]
    public async Task A_damaged_pdf_is_a_failed_file_not_a_crash()
    {
        using var temp = new TempDatabase();
        var path = Path.Combine(temp.Folder, "broken.pdf");
        var pdf = PrintAsPdf(Samples.KoldingText(Samples.Jun2020));
        File.WriteAllBytes(path, pdf[..(pdf.Length / 3)]);
        await using var db = temp.Open();

        var result = await new ArchiveImport(db).ImportAsync(path);

        Assert.Equal(FileOutcome.Failed, result.Outcome);
        Assert.Contains("could not be read", result.Reason, StringComparison.Ordinal);
    }
}
