using System.Text;
using Protokol.Import;
using Protokol.Meetings;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Protokol.Tests.Import;

/// <summary>
/// Minutes in the publisher's other template (referat-format.md, "Other layouts"), written for the tests about a
/// fictional municipality and printed to PDF by Chromium: wrapped titles with EMN- case numbers, "Beslutninger" before
/// "Resume", headings in capitals, "&lt;Afdeling&gt;s påtegning", "Sagsforløb", attachments named like headings.
/// </summary>
public sealed class OtherTemplateTests(ChromiumPrinter chromium) : IClassFixture<ChromiumPrinter>
{
    const string Header = "Syddal Kommune - Referat - Teknik- og Miljøudvalget";
    static readonly string Document = File.ReadAllText(Path.Combine(Samples.RepoRoot, "tests", "Protokol.Tests", "Import", "Documents", "referat-anden-skabelon.html"));

    const string LongTitle = "Forslag til lokalplan 1.187 for boligområdet ved Skovbrynet i Nørre Syddal samt tillæg nr. 14 til kommuneplan 2021-2033 og tilhørende miljøscreening";

    async Task<(byte[] Pdf, ParsedDocument Parsed)> Import()
    {
        var pdf = await chromium.PrintAsync(Document, Header);
        var parsed = ArchiveImport.Parse("referat.pdf", pdf);
        Assert.False(parsed.Failed, string.Join("\n", parsed.Diagnostics));
        return (pdf, parsed);
    }

    [Fact]
    public async Task Wrapped_titles_are_whole_and_keep_their_case_numbers()
    {
        var m = (await Import()).Parsed.Meeting!;

        Assert.Equal(["1", "2", "3", "4", "5"], m.Items.Select(i => i.Number));
        Assert.Equal(LongTitle, m.Items[1].Title);
        Assert.Equal("Vintertjeneste - serviceniveau på kommunens veje, stier og pladser fra sæsonen 2025/26", m.Items[2].Title);
        Assert.Equal(["EMN-2025-000112", "EMN-2025-003383", "EMN-2024-011927", null, "EMN-2022-000031"], m.Items.Select(i => i.CaseNumber));
        Assert.Equal(LongTitle + ".....", m.Toc[1].Text); // the contents line wrapped too
        Assert.Equal(3, m.Toc[1].Page);
        var closed = m.Items[3];
        Assert.True(closed.IsClosed);
        Assert.Equal("Salg af kommunal grund ved Industrivej 12", closed.Title);
        Assert.Empty(closed.Sections);
    }

    [Fact]
    public async Task Decisions_end_where_the_next_heading_starts_and_get_their_kinds()
    {
        var m = (await Import()).Parsed.Meeting!;

        var mixed = m.Items[1].Decisions.Single();
        Assert.Equal("Beslutninger", mixed.Label);
        Assert.Equal("1. Godkendt. 2. Ikke godkendt. 3. Taget til efterretning.", mixed.Text);
        Assert.Equal(DecisionOutcome.Mixed, mixed.Outcome);
        Assert.Equal([DecisionOutcome.Approved, DecisionOutcome.Rejected, DecisionOutcome.Noted], DecisionOutcomes.Points(mixed.Text).Select(p => p.Outcome));
        // The forwarded item is recommended, not postponed: the earlier body's "Udsat" stays in its Sagsforløb.
        var forwarded = m.Items[2].Decisions.Single();
        Assert.Equal("Anbefales over for Økonomiudvalget og Byrådet.", forwarded.Text);
        Assert.Equal(DecisionOutcome.Recommended, forwarded.Outcome);
        Assert.Contains("Beslutning: Udsat til næste møde", m.Items[2].Sections.Single(s => s.Label == "Sagsforløb").Text, StringComparison.Ordinal);
        Assert.Equal([DecisionOutcome.Approved, DecisionOutcome.Mixed, DecisionOutcome.Recommended, DecisionOutcome.Noted],
            m.Items.SelectMany(i => i.Decisions).Select(d => d.Outcome));
    }

    [Fact]
    public async Task Every_heading_of_the_template_starts_its_own_section()
    {
        var item = (await Import()).Parsed.Meeting!.Items[1];

        Assert.Equal(
        [
            (SectionKind.Decision, "Beslutninger"), (SectionKind.Summary, "Resume"), (SectionKind.Proposal, "Beslutningspunkter"),
            (SectionKind.Proposal, "BESLUTNINGSFORSLAG"), (SectionKind.Recommendation, "INDSTILLING FRA TEKNIK- OG MILJØFORVALTNINGEN"),
            (SectionKind.CaseText, "Sagsfremstilling"), (SectionKind.Remarks, "Økonomiafdelingens påtegning"), (SectionKind.Other, "Sagsforløb"),
            (SectionKind.Attachments, "Bilag"), (SectionKind.AbsenteeSummary, "Fraværende"),
        ], item.OrderedSections.Select(s => (s.Kind, s.Label)));
        var proposal = item.Sections.First(s => s.Kind == SectionKind.Proposal).Text;
        Assert.Equal(3, proposal.Split('\n').Count(l => l.StartsWith("At ", StringComparison.Ordinal)));
        // A bold line in the text's size is a sub-heading of the case text, not a section of its own.
        Assert.StartsWith("Baggrund\n", item.Sections.Single(s => s.Kind == SectionKind.CaseText).Text, StringComparison.Ordinal);
        Assert.Contains("offentlig høring", item.Sections.Single(s => s.Kind == SectionKind.Recommendation).Text, StringComparison.Ordinal); // no "ﬀ" ligature
        Assert.Equal(["Bo Lund"], item.Absentees.Select(a => a.Name));
    }

    [Fact]
    public async Task Every_attachment_is_kept_even_one_named_like_a_heading_or_wrapped_over_two_lines()
    {
        var m = (await Import()).Parsed.Meeting!;

        Assert.Equal(["Indstilling", "Kort over lokalplanområdet ved Skovbrynet i Nørre Syddal med de nye stier, vejadgange og de grønne kiler mod skoven", "Resume", "Miljøscreening af lokalplanforslaget"],
            m.Items[1].Attachments.Select(a => a.Name));
        // "Økonomi" is a heading word of a section this item does not have: only the fonts say it is a name here.
        Assert.Equal(["Sagsfremstilling", "Økonomi", "Ruteplan for vintertjeneste 2025/26"], m.Items[2].Attachments.Select(a => a.Name));
    }

    [Fact]
    public async Task No_word_is_lost_and_the_page_furniture_is_gone()
    {
        var (_, parsed) = await Import();

        Assert.Equal(0, parsed.Words!.Lost);
        Assert.DoesNotContain(parsed.Diagnostics, d => d.Severity >= Severity.Warning);
        Assert.Equal(2, parsed.Diagnostics.Count(d => d.Message.StartsWith("running header/footer", StringComparison.Ordinal)));
        Assert.DoesNotContain(parsed.Meeting!.Items.SelectMany(i => i.Sections), s => s.Text.Contains("Syddal Kommune", StringComparison.Ordinal) || s.Text.Contains("Side ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_contents_line_that_starts_like_an_item_and_wraps_is_still_a_contents_line()
    {
        var text = "REFERAT Teknik- og Miljøudvalget d. 03-03-2025\n\nMødedato Mandag d. 03. marts 2025 kl. 16:00\n\nIndholdsfortegnelse\n\n"
            + "Punkt 1: Forslag til lokalplan 1.187 for boligområdet ved Skovbrynet i Nørre Syddal samt\ntillæg nr. 14 til kommuneplan 2021-2033.....\t2\n\n"
            + "Punkt 1: Forslag til lokalplan 1.187 for boligområdet ved Skovbrynet i Nørre Syddal samt\ntillæg nr. 14 til kommuneplan 2021-2033\nEMN-2025-003383\n\nBeslutninger\n\nGodkendt.\n";

        var parsed = ArchiveImport.Parse("referat.txt", Encoding.UTF8.GetBytes(text));

        var toc = Assert.Single(parsed.Meeting!.Toc);
        Assert.Equal(("Punkt 1: Forslag til lokalplan 1.187 for boligområdet ved Skovbrynet i Nørre Syddal samt tillæg nr. 14 til kommuneplan 2021-2033.....", 2), (toc.Text, toc.Page!.Value));
        var item = Assert.Single(parsed.Meeting.Items);
        Assert.Equal(("Forslag til lokalplan 1.187 for boligområdet ved Skovbrynet i Nørre Syddal samt tillæg nr. 14 til kommuneplan 2021-2033", "EMN-2025-003383"), (item.Title, item.CaseNumber));
        Assert.Equal(0, parsed.Words!.Lost);
    }

    /// <summary>
    /// The same minutes as text extracted from the PDF, its running header and footer lines taken out: no fonts tell
    /// headings from text here, so the titles wrap as printed and the case number after them ends them, and a heading
    /// word in a list of attachments is a name when the item already had that section. Item 3's attachment "Økonomi"
    /// names a section the item lacks, which only the PDF's fonts tell apart, so item 3 is left out of the comparison.
    /// </summary>
    [Fact]
    public async Task The_minutes_as_extracted_text_import_alike()
    {
        var (pdf, fromPdf) = await Import();
        using var document = PdfDocument.Open(pdf);
        var text = string.Join('\n', document.GetPages().SelectMany(p => ContentOrderTextExtractor.GetText(p).Split('\n'))
            .Where(l => l.Trim() != Header && !l.StartsWith("Side ", StringComparison.Ordinal)));
        Assert.Contains("Punkt 2: Forslag til lokalplan 1.187 for boligområdet ved\n", text, StringComparison.Ordinal);

        var parsed = ArchiveImport.Parse("referat.txt", Encoding.UTF8.GetBytes(text));

        var m = parsed.Meeting!;
        Assert.Equal(0, parsed.Words!.Lost);
        Assert.Equal(fromPdf.Meeting!.Items.Select(i => (i.Number, i.Title, i.CaseNumber, i.IsClosed)), m.Items.Select(i => (i.Number, i.Title, i.CaseNumber, i.IsClosed)));
        static IEnumerable<AgendaItem> Comparable(Meeting meeting) => meeting.Items.Where(i => i.Number != "3");
        Assert.Equal(Comparable(fromPdf.Meeting).SelectMany(i => i.Sections).Select(s => (s.Kind, s.Label)), Comparable(m).SelectMany(i => i.Sections).Select(s => (s.Kind, s.Label)));
        Assert.Equal(fromPdf.Meeting.Items.SelectMany(i => i.Decisions).Select(d => (d.Text, d.Outcome)), m.Items.SelectMany(i => i.Decisions).Select(d => (d.Text, d.Outcome)));
        Assert.Equal(["Indstilling", "Resume"], m.Items[1].Attachments.Select(a => a.Name).Where(n => n.Length < 12));
    }
}
