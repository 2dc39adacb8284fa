using Protokol.Search;

namespace Protokol.Tests.Portal;

public class SnippetTests
{
    [Fact]
    public void Markdown_escapes_do_not_show_in_a_snippet()
    {
        var html = Snippet.Html("KL\\`s forslag: \\<div> og en sti C:\\\\data i budgettet", new SearchQuery("budget").Stems.ToHashSet());
        Assert.DoesNotContain("\\`", html, StringComparison.Ordinal);
        Assert.Contains("KL`s", html, StringComparison.Ordinal);
        Assert.Contains("&lt;div&gt;", html, StringComparison.Ordinal);
        Assert.Contains("C:\\data", html, StringComparison.Ordinal);
        Assert.Contains("<mark>budgettet</mark>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_match_deep_in_a_long_text_is_shown_in_a_short_passage_around_it()
    {
        var filler = string.Concat(Enumerable.Repeat("Udvalget drøftede sagen grundigt. ", 2000));
        var html = Snippet.Html(filler + "Byrådet godkendte budgettet for 2026. " + filler, new SearchQuery("budget").Stems.ToHashSet());
        Assert.StartsWith("… ", html, StringComparison.Ordinal);
        Assert.EndsWith(" …", html, StringComparison.Ordinal);
        Assert.Contains("godkendte <mark>budgettet</mark> for 2026", html, StringComparison.Ordinal);
        Assert.InRange(html.Length, 100, 300);
    }

    [Fact]
    public void Text_without_the_word_shows_its_beginning()
    {
        var html = Snippet.Html("Sagen handler om vejbelysning. " + string.Concat(Enumerable.Repeat("Mere tekst. ", 100)), new SearchQuery("budget").Stems.ToHashSet());
        Assert.StartsWith("Sagen handler om vejbelysning.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>", html, StringComparison.Ordinal);
    }
}
