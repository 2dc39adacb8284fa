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
}
