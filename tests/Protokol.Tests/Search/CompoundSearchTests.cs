using Protokol.Meetings;
using Protokol.Search;

namespace Protokol.Tests.Search;

/// <summary>Searching compounds through the index, with items written here and a word list given here.</summary>
public sealed class CompoundSearchTests : IDisposable
{
    readonly TempDatabase database = new();

    static readonly Lexicon Words = Lexicon.FromWords(["budget", "opfølgning", "skole", "reform", "ældre", "pleje", "handicap", "område", "sikker", "hed"], "test");

    static AgendaItem Item(string number, string title, string text, bool closed = false) => new()
    {
        Number = number, Title = title, Order = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), IsClosed = closed,
        Sections = [new ItemSection { Kind = SectionKind.CaseText, Text = text }],
    };

    async Task<(Protokol.Storage.ProtokolDb, SearchIndex)> ArchiveAsync()
    {
        var db = database.Open();
        db.Meetings.Add(new Meeting
        {
            SourceKey = "test:compounds", State = MeetingState.MinutesPublished, StartsAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Unspecified),
            Items =
            [
                Item("1", "Budgetopfølgning pr. 31. marts", "Forvaltningen fremlægger budgetopfølgningen for første kvartal."),
                Item("2", "Skolernes fremtid", "Udvalget drøfter en reform af skolen og af undervisningen."),
                Item("3", "Sikkerhed på vejene", "Trafiksikkerheden skal forbedres ved skolerne."),
                Item("4", "Handicapområdet", "Status for handicapområdet og ældreplejen."),
                Item("5", "Personalesag", "Lukket: skolereformens opfølgning for en medarbejder.", closed: true),
            ],
        });
        await db.SaveChangesAsync();
        var index = SearchIndex.Open(database.SearchFolder, applyBeforeSearch: 0, lexicon: Words);
        await index.CatchUpAsync(db, default);
        return (db, index);
    }

    static async Task<string[]> Found(SearchIndex index, Protokol.Storage.ProtokolDb db, string q, ReadAccess? access = null) =>
        [.. (await index.SearchAsync(db, new SearchQuery(q, Access: access), default)).Hits.Select(h => h.Number).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_part_finds_its_compound_and_a_compound_finds_its_parts_apart()
    {
        var (db, index) = await ArchiveAsync();
        await using var _ = db;
        using var __ = index;
        Assert.Equal(["1"], await Found(index, db, "opfølgning"));           // in "budgetopfølgning" only
        Assert.Equal(["1"], await Found(index, db, "budgetopfølgningen"));   // stems, as before
        Assert.Equal(["2"], await Found(index, db, "skolereform"));          // "reform af skolen", the parts apart
        Assert.Equal(["2"], await Found(index, db, "skolereformen"));
        Assert.Equal(["4"], await Found(index, db, "handicap"));             // "handicapområdet"
        Assert.Equal(["4"], await Found(index, db, "ældre"));                // "ældreplejen"
        Assert.Equal(["4"], await Found(index, db, "pleje"));
        Assert.Empty(await Found(index, db, "hed"));                         // "sikkerhed" is no compound of "sikker" and "hed"
        Assert.Empty(await Found(index, db, "budgetreform"));                // parts in no one item
    }

    [Fact]
    public async Task The_public_never_finds_a_closed_items_text_by_its_parts()
    {
        var (db, index) = await ArchiveAsync();
        await using var _ = db;
        using var __ = index;
        Assert.Equal(["2"], await Found(index, db, "skolereform"));
        Assert.Equal(["1"], await Found(index, db, "opfølgning"));
        Assert.Equal(["2", "5"], await Found(index, db, "skolereform", ReadAccess.From(null)));
        Assert.Equal(["1", "5"], await Found(index, db, "opfølgning", ReadAccess.From(null)));
    }

    [Fact]
    public async Task A_snippet_marks_the_compound_a_part_found()
    {
        var (db, index) = await ArchiveAsync();
        await using var _ = db;
        using var __ = index;
        var hit = Assert.Single((await index.SearchAsync(db, new SearchQuery("opfølgning"), default)).Hits);
        Assert.Contains("<mark>budgetopfølgningen</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_split_with_another_word_list_is_built_again()
    {
        var (db, index) = await ArchiveAsync();
        await using var _ = db;
        index.Dispose();
        using var other = SearchIndex.Open(database.SearchFolder, applyBeforeSearch: 0, lexicon: Lexicon.FromWords(["budget"], "other"));
        Assert.Equal(0, other.AppliedSequence);
        await other.CatchUpAsync(db, default);
        Assert.Empty(await Found(other, db, "opfølgning"));
        Assert.Equal(["1"], await Found(other, db, "budgetopfølgning"));
    }

    public void Dispose() => database.Dispose();
}
