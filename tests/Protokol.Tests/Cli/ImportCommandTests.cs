using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Protokol.Tests.Cli;

/// <summary>`protokol import` and `protokol check` as an IT department runs them on a folder of old files: every file is accounted for.</summary>
public sealed class ImportCommandTests : IDisposable
{
    readonly TempDatabase database = new();
    string Folder(string name) => Directory.CreateDirectory(Path.Combine(database.Folder, name)).FullName;

    Task<(int Exit, string Out, string Err)> Protokol(params string[] args) => ProtokolProcess.RunAsync([.. args, "--db", database.Store]);

    const string EdocXml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Meeting><Committee>Teknik- og Miljøudvalget</Committee><MeetingDate>3. marts 2025</MeetingDate>"
        + "<MeetingAgendaTypes><MeetingAgendaType><MeetingAgendaItems><MeetingAgendaItem><AgendaItemNumber>1</AgendaItemNumber></MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType></MeetingAgendaTypes></Meeting>";

    [Fact]
    public async Task Files_the_importer_does_not_read_are_named_with_what_they_look_like()
    {
        var folder = Folder("arkiv");
        File.Copy(Samples.Kolding(Samples.Oct2024), Path.Combine(folder, "referat.txt"));
        File.WriteAllText(Path.Combine(folder, "moede.xml"), EdocXml);
        File.WriteAllBytes(Path.Combine(folder, "bilag.docx"), [.. "PK\x03\x04"u8, .. "word/document.xml"u8]);

        var (exit, output, _) = await Protokol("import", folder);

        Assert.Equal(0, exit);
        Assert.Contains($"skipped {Path.Combine(folder, "moede.xml")}: looks like eDoc publishing XML, which protokol does not read (yet)", output, StringComparison.Ordinal);
        Assert.Contains($"skipped {Path.Combine(folder, "bilag.docx")}: looks like a Word document (.docx)", output, StringComparison.Ordinal);
        var words = global::Protokol.Import.ArchiveImport.Parse("referat.txt", File.ReadAllBytes(Samples.Kolding(Samples.Oct2024))).Words!.Source;
        Assert.Contains($"Words: {words.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} words read, 0 lost.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_nothing_to_import_says_so_and_fails()
    {
        var folder = Folder("tom");
        File.WriteAllText(Path.Combine(folder, "moede.xml"), EdocXml);

        var (exit, output, _) = await Protokol("import", folder);

        Assert.Equal(2, exit);
        Assert.Contains("nothing to import: none of the 1 file in", output, StringComparison.Ordinal);
        var (emptyExit, emptyOutput, _) = await Protokol("import", Folder("helt-tom"));
        Assert.Equal(2, emptyExit);
        Assert.Contains("holds no files", emptyOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_errors_apart_from_warnings()
    {
        var folder = Folder("blandet");
        File.Copy(Samples.Kolding(Samples.Oct2024), Path.Combine(folder, "a.txt"));
        File.WriteAllText(Path.Combine(folder, "b.txt"), "REFERAT Teknik- og Miljøudvalget d. 03-03-2025\n\nMødedato Mandag d. 03. marts 2025 kl. 16:00\n\nMødeleder Anne Holm\n\nPunkt 1: Trafikplan\n\nBeslutning\n\nGodkendt.\n");
        File.WriteAllText(Path.Combine(folder, "c.txt"), "Dette er ikke et referat.\n");

        var (exit, output, _) = await Protokol("import", folder);

        Assert.Equal(1, exit);
        Assert.Contains($"failed {Path.Combine(folder, "c.txt")}: line 1: error: [title] expected 'REFERAT <body> d. <dd-mm-yyyy>'", output, StringComparison.Ordinal);
        Assert.Matches(@"1 error \(the file was not imported\), \d+ warnings? in \d+ files?; run 'protokol check <file>' to see them", output);
    }

    [Fact]
    public async Task Control_characters_from_a_damaged_file_never_reach_the_terminal()
    {
        var folder = Folder("skadet");
        var damaged = Path.Combine(folder, "skadet\u001b[2J.txt");
        File.WriteAllText(damaged, "REFERAT Teknik\u001b]0;ejet\u0007- og Miljøudvalget d. 03-03-2025\n\nPunkt 1: Trafik\u001b[31mplan\u009b\n\nBeslutning\n\nGodkendt.\n\u0000\u0000");

        var import = await Protokol("import", folder);
        var check = await Protokol("check", damaged);

        foreach (var text in new[] { import.Out, import.Err, check.Out, check.Err })
            Assert.DoesNotContain(text, c => char.IsControl(c) && c is not ('\n' or '\r'));
        Assert.Contains("skadet\\u001B[2J.txt:line ", check.Out, StringComparison.Ordinal);
        Assert.Contains("control characters (U+001B and others) removed", check.Out, StringComparison.Ordinal);
        Assert.Matches(@"words: \d+ in the source, \d+ in the meeting with its labels, 0 lost", check.Out);
        await using var db = database.Open();
        Assert.Equal("Trafikplan", (await db.Items.SingleAsync()).Title);
    }

    [Fact]
    public async Task A_run_again_over_the_same_files_finds_every_one_unchanged_and_reports_nothing_else()
    {
        // The first files are parsed while the store opens, before the run knows which it holds: they must still count as stored.
        var folder = Folder("greve");
        foreach (var f in Samples.GreveFiles.Take(12)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        File.Copy(Samples.Kolding(Samples.Oct2024), Path.Combine(folder, "referat.txt"));

        var first = await Protokol("import", folder);
        var again = await Protokol("import", folder);

        Assert.Equal(0, first.Exit);
        Assert.Matches(@"imported\s*│\s*13\s", first.Out);
        Assert.Contains("Words: ", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.Matches(@"unchanged\s*│\s*13\s", again.Out);
        Assert.DoesNotContain("Words: ", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_is_named_and_the_portal_does_not_start()
    {
        var (exit, _, error) = await Protokol("imprt", Folder("x"));

        Assert.Equal(2, exit);
        Assert.Contains("unknown command 'imprt'. Did you mean 'import'?", error, StringComparison.Ordinal);
        // Nothing was served, migrated or written.
        if (TestStore.IsPostgres)
        {
            await using var db = database.Open();
            Assert.False(await db.Meetings.AnyAsync());
        }
        else Assert.False(File.Exists(database.Path));
    }

    public void Dispose() => database.Dispose();
}
