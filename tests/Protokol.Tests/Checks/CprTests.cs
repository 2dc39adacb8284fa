using Protokol.Checks;
using Protokol.Meetings;

namespace Protokol.Tests.Checks;

/// <summary>CPR numbers: real dates with a century digit that makes someone alive, never numbers that merely look alike.</summary>
public sealed class CprTests
{
    static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("Borger 150384-1234 klager", "150384-1xxx", 1984)]
    [InlineData("cpr.nr.: 010100-4321.", "010100-4xxx", 2000)]       // 4 with 00–36: born 2000–2036
    [InlineData("(290296-0123)", "290296-0xxx", 1996)]             // 0–3: the 1900s; a leap day
    [InlineData("ref. 311299–9876", "311299-9xxx", 1999)]          // an en dash; 9 with 37–99: 1900s
    [InlineData("barn 120315-5678 i sagen", "120315-5xxx", 2015)]  // 5–8 with 00–57: 2000s
    public void A_real_birth_date_with_a_plausible_century_is_found(string text, string masked, int year)
    {
        var m = Assert.Single(Cpr.Find(text, Today));
        Assert.Equal(masked, m.Masked);
        Assert.Equal(year, m.Born.Year);
    }

    [Theory]
    [InlineData("Konto 1234-567890")]        // wrong shape
    [InlineData("320184-1234")]              // no 32nd day
    [InlineData("290200-0123")]              // 0 makes it 1900, which had no 29 February
    [InlineData("151384-1234")]              // no 13th month
    [InlineData("150370-5123")]              // 5 with 58–99 is the 1800s: nobody alive
    [InlineData("010130-4000")]              // born 2030: in the future
    [InlineData("2150384-12345")]            // part of a longer number
    [InlineData("Sag 24/150384-1234")]       // part of a reference
    [InlineData("beløb 150384-1234,50")]     // an amount
    [InlineData("EMN-2025-003383")]          // a case number
    public void Numbers_that_only_look_alike_are_not_found(string text) => Assert.Empty(Cpr.Find(text, Today));

    [Fact]
    public void The_checks_read_open_items_and_their_attachments_and_skip_closed_ones()
    {
        var meeting = new Meeting
        {
            SourceKey = "t", State = MeetingState.Planned,
            Participants = [new Participant { Name = "Anne Andersen" }],
            Items =
            [
                new AgendaItem { Number = "1", Title = "Åbent", Order = 0, Sections = [new ItemSection { Kind = SectionKind.CaseText, Text = "Ansøger 150384-1234 bor i byen." }],
                    Attachments = [new Attachment { Name = "scan.pdf", FileSha256 = "a" }, new Attachment { Name = "brev.docx", FileSha256 = "b" }] },
                new AgendaItem { Number = "2", Title = "Lukket", Order = 1, IsClosed = true, Sections = [new ItemSection { Kind = SectionKind.CaseText, Text = "Medarbejder 010190-4321." }],
                    Absentees = [new ItemAbsentee { Name = "Bo Berg" }] },
            ],
        };
        var files = new Dictionary<string, (string?, FileText)> { ["a"] = (null, FileText.NoTextLayer), ["b"] = ("Underskrevet af 120315-5678", FileText.Read) };
        var findings = PublishChecks.Check(meeting, sha => files[sha], Today);
        Assert.Equal(
            [
                (FindingKind.Cpr, "Punkt 1 (Åbent), Sagsfremstilling"),
                (FindingKind.NeedsLook, "Punkt 1 (Åbent), bilag 'scan.pdf'"),
                (FindingKind.Cpr, "Punkt 1 (Åbent), bilag 'brev.docx'"),
                (FindingKind.Absence, "Punkt 2 (Lukket)"),
            ],
            findings.Select(f => (f.Kind, f.Where)));
        Assert.DoesNotContain(findings, f => f.Message.Contains("1234", StringComparison.Ordinal));
    }

    [Fact]
    public void An_upload_is_its_type_only_when_its_bytes_agree_with_its_name()
    {
        Assert.Equal(".pdf", AttachmentFiles.Identify("a.PDF", "%PDF-1.7"u8).Type?.Extension);
        Assert.NotNull(AttachmentFiles.Identify("a.pdf", "GIF89a"u8).Problem);
        Assert.NotNull(AttachmentFiles.Identify("a.exe", "MZ"u8).Problem);
        Assert.NotNull(AttachmentFiles.Identify("a.txt", [0xFF, 0xFE, 0x00]).Problem);
        Assert.NotNull(AttachmentFiles.Identify("a.pdf", []).Problem);
        Assert.Equal("rapport.pdf", AttachmentFiles.CleanName("C:\\Users\\x\\rapport.pdf"));
        Assert.Equal("ab.pdf", AttachmentFiles.CleanName("../a\u0007b.pdf"));
        // A damaged file is unreadable, never a crash.
        Assert.Equal(FileText.Unreadable, AttachmentFiles.ReadText(FileType.ByName("x.pdf")!, "%PDF-1.7 garbage"u8.ToArray()).State);
        Assert.Equal(FileText.Unreadable, AttachmentFiles.ReadText(FileType.ByName("x.docx")!, "PK\u0003\u0004broken"u8.ToArray()).State);
    }
}
