using System.Text;
using Protokol.Import;
using Protokol.Meetings;

namespace Protokol.Tests.Import;

public class LossMeterTests
{
    public static TheoryData<string> AllSamples => new(Samples.KoldingFiles.Concat(Samples.GreveFiles));

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void No_word_of_a_sample_is_lost(string file)
    {
        var parsed = ArchiveImport.Parse(file, File.ReadAllBytes(file));

        Assert.NotNull(parsed.Words);
        Assert.True(parsed.Words.Lost == 0, string.Join("\n", parsed.Diagnostics.Where(d => d.Message.Contains("lost", StringComparison.Ordinal))));
        Assert.InRange(parsed.Words.Source, 1, parsed.Words.Stored);
    }

    [Fact]
    public void A_passage_missing_from_the_meeting_is_reported_where_it_stood()
    {
        var text = Samples.KoldingText(Samples.Oct2024);
        var parsed = ArchiveImport.Parse("referat.txt", Encoding.UTF8.GetBytes(text));
        var caseText = parsed.Meeting!.Items[0].Sections.Single(s => s.Kind == SectionKind.CaseText);
        var paragraph = caseText.Text.Split("\n\n")[1];
        caseText.Text = caseText.Text.Replace(paragraph, "", StringComparison.Ordinal);

        var (count, diagnostics) = LossMeter.Measure(parsed.Source, parsed.Meeting);

        var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(count.Lost, words - 5, words); // a dash or two are not words
        var place = Assert.Single(diagnostics, d => d.Line > 0);
        Assert.Equal(paragraph, text.Split('\n')[place.Line - 1]);
        Assert.Contains("lost here", place.Message, StringComparison.Ordinal);
        Assert.Contains($"{count.Lost} of the source's {count.Source} words", diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_lost_once_of_several_is_placed_among_the_surely_lost()
    {
        var meeting = new Meeting { SourceKey = "x", Bodies = [new MeetingBody { Body = new Body { Name = "Udvalget", Slug = "udvalget" } }] };
        meeting.Items.Add(new AgendaItem { Number = "1", Title = "Budget", Sections = [new ItemSection { Kind = SectionKind.Decision, Text = "Godkendt med følgende betingelser." }] });
        SourcePart[] source = [new("Punkt 1: Budget", 1, "text"), new("Godkendt med følgende betingelser.", 2, "text"), new("at kommunen betaler med glæde", 3, "text")];

        var (count, diagnostics) = LossMeter.Measure(source, meeting);

        Assert.Equal(5, count.Lost);
        var place = Assert.Single(diagnostics, d => d.Line > 0);
        Assert.Equal(3, place.Line);
        Assert.Contains("'at kommunen betaler med glæde'", place.Message, StringComparison.Ordinal);
    }
}
