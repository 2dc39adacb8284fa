using CsCheck;
using Protokol.Search;

namespace Protokol.Tests.Search;

/// <summary>The splitter with a small word list written here (the hunspell list may not be installed).</summary>
public sealed class DecompounderTests
{
    static readonly Lexicon Words = Lexicon.FromWords(
    [
        "budget", "opfølgning", "skole", "folkeskole", "folk", "reform", "arbejde", "marked", "ældre", "pleje", "kommune", "plan",
        "handicap", "område", "sikker", "hed", "fælles", "skab", "stilling", "frem", "cykel", "sti", "sundhed", "aftale",
        "børn", "have", "beskæftigelse", "udvalg", "beslutte", "ning", "lokal", "borger", "service", "vand", "forsyning", "ring",
    ], "test");

    static string[] Split(string word) => [.. Decompounder.Split(word, Words.Contains)];

    /// <summary>What the index takes from a split: the parts' stems ("arbejd" or "arbejds" alike).</summary>
    static string[] Stems(params string[] words) => [.. words.Select(DanishText.Stem)];

    [Theory]
    [InlineData("budgetopfølgning", "budget", "opfølgning")]
    [InlineData("budgetopfølgningen", "budget", "opfølgningen")] // the last part keeps the inflection; its stem is known
    [InlineData("skolereform", "skole", "reform")]
    [InlineData("ældrepleje", "ældre", "pleje")]
    [InlineData("kommuneplanen", "kommune", "planen")]
    [InlineData("handicapområdet", "handicap", "området")]
    [InlineData("vandforsyning", "vand", "forsyning")]
    [InlineData("borgerservicen", "borger", "servicen")]
    public void Real_compounds_split_into_their_words(string word, string first, string last) =>
        Assert.Equal(Stems(first, last), Stems(Split(word)));

    [Theory]
    [InlineData("arbejdsmarkedet", "arbejd", "markedet")]          // arbejde loses its e before the linking s
    [InlineData("sundhedsaftale", "sundhed", "aftale")]             // linking s
    [InlineData("beskæftigelsesudvalget", "beskæftigelse", "udvalget")]
    [InlineData("børnehave", "børn", "have")]                       // linking e
    public void Linking_s_and_e_between_parts_are_not_parts(string word, string first, string last) =>
        Assert.Equal(Stems(first, last), Stems(Split(word)));

    [Fact]
    public void The_split_with_fewest_parts_wins_and_its_parts_split_in_turn()
    {
        Assert.Equal(["folkeskole", "reform"], Split("folkeskolereform"));
        Assert.Equal(["folkeskole", "folke", "skole", "reform"], Decompounder.AllParts("folkeskolereform", Words.Contains));
    }

    [Theory]
    [InlineData("sikkerhed")]     // "hed" is a word, and an ending
    [InlineData("fællesskab")]    // "skab" too
    [InlineData("vandringen")]    // and "ring": a walk, not a water ring
    [InlineData("fremstilling")]  // a particle first: not about a "stilling"
    [InlineData("beslutning")]    // a verb and -ning
    [InlineData("handicap")]      // no known parts
    [InlineData("plan")]          // too short to be two words
    [InlineData("cykelsti")]      // a three-letter part: too often an ending ("bevill|ing"), so never one
    [InlineData("budget2026")]    // digits: not a word
    public void Words_that_are_no_compound_of_known_words_stay_whole(string word) => Assert.Empty(Split(word));

    [Fact]
    public void The_index_holds_each_compound_followed_by_its_parts_stems()
    {
        Assert.Equal("budgetopfølgning budg opfølgning for 2026", DanishText.Stems("Budgetopfølgning for 2026", Words));
        // "trafik" is not in the list, but this text has it on its own: a word the list does not split splits by the text's own words.
        Assert.Equal("ny trafikplan trafik plan en plan for trafik", DanishText.Stems("Ny trafikplan: en plan for trafik", Words));
        Assert.Equal("ny trafikplan", DanishText.Stems("Ny trafikplan", Words));
    }

    [Fact]
    public void Lower_case_by_table_is_the_cultures_lower_case()
    {
        // Latin letters (the table), Greek and Cyrillic (the culture), and whatever else a text may hold.
        var letters = Gen.OneOf(Gen.Char['\0', '\u024F'], Gen.Char['\u0370', '\u04FF'], Gen.Char);
        letters.Array[0, 300].Select(c => new string(c)).Sample(text =>
        {
            var culture = text.ToLower(Protokol.Meetings.SectionLabels.Danish);
            Assert.Equal(culture, DanishText.Lower(text));
            Assert.Equal(culture, DanishText.Lower(text.AsSpan()));
            Assert.All(text, c => Assert.Equal(char.ToLower(c, Protokol.Meetings.SectionLabels.Danish), DanishText.Lower(c)));
        });
        Assert.Same("ærø", DanishText.Lower("ærø")); // already lower case: the word itself
    }
}
