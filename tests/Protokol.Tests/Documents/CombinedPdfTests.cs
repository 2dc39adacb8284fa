using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Documents;
using Protokol.Meetings;
using Protokol.Storage;
using Protokol.Tests.Accounts;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Protokol.Tests.Documents;

/// <summary>The "samlet dokument": the meeting's PDF, a list of its attachments, and the attachments, with bookmarks to each.</summary>
public sealed class CombinedPdfTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    /// <summary>A PDF of the given pages, each page carrying its text.</summary>
    static byte[] Pdf(params string[] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages) builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText(text, 14, new UglyToad.PdfPig.Core.PdfPoint(60, 700), font);
        return builder.Build();
    }

    /// <summary>Attachment files from wherever the secretariat keeps them: here, made by the test.</summary>
    sealed class Files(Dictionary<string, AttachmentFile> byName) : IAttachmentFiles
    {
        public List<string> Asked { get; } = [];
        public Task<AttachmentFile> PdfOfAsync(Attachment attachment, CancellationToken ct)
        {
            Asked.Add(attachment.Name);
            return Task.FromResult(byName.TryGetValue(attachment.Name, out var file) ? file : AttachmentFile.Missing("Ikke i testen."));
        }
    }

    [Fact]
    public async Task The_combined_pdf_has_the_minutes_a_list_and_every_public_attachment_with_bookmarks()
    {
        using var scope = app.Services.CreateScope();
        await using var db = app.Db();
        var meeting = (await MeetingQueries.FindAsync(db, app.MeetingId))!;
        var attachments = meeting.Items.Where(i => !i.IsClosed).SelectMany(i => i.Attachments).OrderBy(a => a.Id).ToList();
        Assert.True(attachments.Count >= 2, "the demo meeting has attachments");
        var files = new Files(new()
        {
            [attachments[0].Name] = new AttachmentFile(Pdf("BILAGMARKER-A side 1", "BILAGMARKER-A side 2"), null),
            [attachments[1].Name] = new AttachmentFile("not a pdf at all"u8.ToArray(), null),
        });
        var combined = new CombinedPdf(scope.ServiceProvider.GetRequiredService<MeetingPdf>(), scope.ServiceProvider.GetRequiredService<DocumentHtml>(),
            scope.ServiceProvider.GetRequiredService<ChromiumPrinter>(), new DocumentCache(), files, new Uri("http://localhost:5000/"));
        var document = MeetingDocument.For(meeting, Viewer.Public);
        using var main = new PdfText(await scope.ServiceProvider.GetRequiredService<MeetingPdf>().MakeAsync(document, default));
        using var pdf = new PdfText(await combined.MakeAsync(document, default));

        // Only the open items' attachments are asked for.
        Assert.Equal(meeting.Items.Where(i => !i.IsClosed).SelectMany(i => i.Attachments).Select(a => a.Name).Order(), files.Asked.Order());
        Assert.Equal(main.Pages, pdf.Pages.Take(main.Pages.Count));
        var list = pdf.Pages[main.Pages.Count];
        Assert.Equal("Bilag", list[1]);
        Assert.Contains(list, l => l.Contains("Bilaget er en PDF-fil, der ikke kan læses.", StringComparison.Ordinal));
        Assert.Equal(main.Pages.Count + 3, pdf.Pages.Count);
        Assert.Equal(["BILAGMARKER-A side 1"], pdf.Pages[^2]);
        Assert.Equal(["BILAGMARKER-A side 2"], pdf.Pages[^1]);

        var roots = pdf.Outline.Where(n => n.Level == 0).ToList();
        var bilag = Assert.Single(roots, n => n.Title == "Bilag");
        Assert.Equal(main.Pages.Count + 1, bilag.PageNumber);
        var item = meeting.Items.Single(i => i.Attachments.Any(a => a.Id == attachments[0].Id));
        var mark = Assert.Single(bilag.Children.OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>());
        Assert.Equal($"Punkt {item.Number}: {attachments[0].Name}", mark.Title);
        Assert.Equal(pdf.Pages.Count - 1, mark.PageNumber);
        Assert.Contains(list, l => l.EndsWith((pdf.Pages.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(main.Outline.Count(n => n.Title.StartsWith("Punkt ", StringComparison.Ordinal)), pdf.Outline.Count(n => n.Title.StartsWith("Punkt ", StringComparison.Ordinal)) - 1);
    }

    [Fact]
    public async Task The_combined_pdf_downloads_from_the_meeting_page_link()
    {
        var response = await (await app.As("public")).GetAsync(new Uri($"/moeder/{app.MeetingId}/samlet.pdf", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var pdf = new PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(pdf.Outline, n => n.Title == "Bilag");
        // Attachments known only by name are listed as not included, with why.
        Assert.Contains("Ikke medtaget: Bilaget findes ikke som fil i Protokol.", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linked_attachments_are_fetched_only_from_the_named_hosts_and_only_as_pdf()
    {
        var server = WebApplication.CreateBuilder().Build();
        server.Urls.Add("http://127.0.0.1:0");
        var pdf = Pdf("linked");
        server.MapGet("/bilag/a", () => Results.File(pdf, "application/pdf"));
        server.MapGet("/bilag/b", () => Results.Text("<html>not a pdf</html>", "text/html"));
        await server.StartAsync();
        try
        {
            var address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient();
            using var files = new LinkedAttachmentFiles(http, [address.Authority]);
            Attachment At(string path) => new() { Name = path, Link = new Uri(address, path).AbsoluteUri };

            Assert.Equal(pdf, (await files.PdfOfAsync(At("/bilag/a"), default)).Pdf);
            Assert.Equal("Bilaget er ikke en PDF-fil.", (await files.PdfOfAsync(At("/bilag/b"), default)).Problem);
            Assert.Equal("Bilaget kunne ikke hentes (HTTP 404).", (await files.PdfOfAsync(At("/bilag/c"), default)).Problem);
            Assert.Equal("Bilaget findes ikke som fil i Protokol.", (await files.PdfOfAsync(new Attachment { Name = "x" }, default)).Problem);
            using var elsewhere = new LinkedAttachmentFiles(http, ["dagsordener.greve.dk"]);
            Assert.StartsWith("Bilaget ligger på 127.0.0.1", (await elsewhere.PdfOfAsync(At("/bilag/a"), default)).Problem, StringComparison.Ordinal);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
