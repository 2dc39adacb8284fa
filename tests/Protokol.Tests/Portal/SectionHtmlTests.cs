using Protokol.Portal;

namespace Protokol.Tests.Portal;

public class SectionHtmlTests
{
    static string Html(string markdown, int level = 4) => SectionHtml.Render(markdown, level).ToString()!;

    [Fact]
    public void Headings_inside_a_section_sit_one_level_below_it()
    {
        Assert.Contains("<h3>Baggrund</h3>", Html("#### Baggrund\n\nTekst.", 3), StringComparison.Ordinal);
        Assert.Contains("<h4>Baggrund</h4>", Html("# Baggrund", 4), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipe_tables_become_tables_in_a_keyboard_reachable_region()
    {
        var html = Html("| Område | Beløb |\n|---|---|\n| Skoler | 1.200 |");
        Assert.Contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel\"><table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1.200</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[klik](javascript:alert(1))")]
    public void User_text_cannot_run_script(string markdown)
    {
        var html = Html(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
