using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Import;
using Protokol.Storage;

namespace Protokol.Benchmarks;

/// <summary>
/// `documents [runs]`: the time to make the PDF and the DOCX of the largest sample minutes (Greve's city council,
/// 12 December 2022), with a cold browser (a new printer: Chromium starts) and a warm one (the same printer, the
/// cache bypassed), beside the reference measured in the same run: the same warm Chromium printing the finished
/// print HTML once. Seconds-long operations, so a stopwatch and medians rather than BenchmarkDotNet.
/// </summary>
static class DocumentTimings
{
    const string Largest = "greve_2022-12-12_1700_byraad-2022-2025_c3d666d4.json";

    public static async Task RunAsync(int runs)
    {
        var folder = Directory.CreateTempSubdirectory("protokol-bench-").FullName;
        var dbPath = Path.Combine(folder, "bench.db");
        await using (var db = Database.Open(dbPath))
            await new ArchiveImport(db).ImportAsync(Path.Combine(Paths.Samples("firstagenda-greve"), Largest));
        await using var host = DocumentServices.CommandLineHost(null);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var html = services.GetRequiredService<DocumentHtml>();
        var site = new Uri("http://localhost:5000/");
        MeetingDocument document;
        await using (var db = Database.Open(dbPath))
            document = MeetingDocument.For((await MeetingQueries.FindAsync(db, 1))!, Viewer.Public);
        var webRoot = services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootFileProvider;

        await using var warmPrinter = new ChromiumPrinter(ChromiumPrinter.DebianChromium, webRoot);
        var pdf = await new MeetingPdf(html, warmPrinter, new DocumentCache(), site).MakeAsync(document, default);
        // The reference prints the finished HTML (page numbers in) once, in the same warm browser.
        var finished = await html.RenderAsync(new PrintPage(document, MeetingPdf.HeadingPages(pdf, document.Items)));
        // Saved as a file for `chromium --print-to-pdf` (the hyperfine reference): stylesheets beside it.
        await File.WriteAllTextAsync(Path.Combine(folder, "document.html"), finished.Replace("href=\"/", "href=\"", StringComparison.Ordinal));
        foreach (var css in new[] { "site.css", "print.css" })
        {
            await using var from = webRoot.GetFileInfo(css).CreateReadStream();
            await using var to = File.Create(Path.Combine(folder, css));
            await from.CopyToAsync(to);
        }
        var docxMaker = services.GetRequiredService<MeetingDocx>();
        await docxMaker.MakeAsync(document);

        // Interleaved, so a busy moment of the shared machine falls on every kind alike.
        var (reference, cold, warm, docx) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var n = 0; n < runs; n++)
        {
            reference.Add(await Time(() => warmPrinter.PrintAsync(new Uri(site, "moeder/1/dokument"), finished, MeetingPdf.Options(document.Title), default)));
            await using (var coldPrinter = new ChromiumPrinter(ChromiumPrinter.DebianChromium, webRoot))
                cold.Add(await Time(() => new MeetingPdf(html, coldPrinter, new DocumentCache(), site).MakeAsync(document, default)));
            warm.Add(await Time(() => new MeetingPdf(html, warmPrinter, new DocumentCache(), site).MakeAsync(document, default)));
            docx.Add(await Time(() => docxMaker.MakeAsync(document)));
        }

        using (var read = UglyToad.PdfPig.PdfDocument.Open(pdf))
            Console.WriteLine($"{Largest}: {document.Items.Count} items, PDF {pdf.Length:N0} bytes, {read.NumberOfPages} pages; database and print HTML in {folder}");
        Console.WriteLine($"| what | median of {runs} | min | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("reference: warm Chromium prints the finished HTML once", reference);
        Row("PDF, cold browser (Chromium starts, two printings, read back)", cold);
        Row("PDF, warm browser (two printings, read back)", warm);
        Row("DOCX (render HTML, convert to Word)", docx);
    }

    static async Task<double> Time(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalMilliseconds;
    }

    static void Row(string what, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {median:F0} ms | {sorted[0]:F0} ms | {sorted[^1]:F0} ms |"));
    }
}
