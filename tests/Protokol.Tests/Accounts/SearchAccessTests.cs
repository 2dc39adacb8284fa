using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Protokol.Tests.Accounts;

/// <summary>The index holds closed items; each search filters them by who asks, in its hits, snippets, count and every facet.</summary>
public sealed partial class SearchAccessTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    [GeneratedRegex(@"\((\d+)\)</li>")]
    private static partial Regex FacetCount();

    async Task<(int Total, int FacetSum, string Html)> Search(string who, string q)
    {
        var html = WebUtility.HtmlDecode(await (await app.As(who)).GetStringAsync(new Uri("/soeg?q=" + Uri.EscapeDataString(q), UriKind.Relative)));
        var total = Regex.Match(html, @"(\d+) punkt(er)? fundet") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (total, FacetCount().Matches(html).Sum(f => int.Parse(f.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), html);
    }

    [Fact]
    public async Task Words_only_a_closed_item_holds_find_nothing_for_the_public_or_other_members()
    {
        foreach (var who in new[] { "public", "outsider" })
        {
            var (total, facets, html) = await Search(who, AccountsApplication.Marker.ToUpperInvariant());
            Assert.Equal(0, total);
            Assert.Equal(0, facets);
            Assert.DoesNotContain(AccountsApplication.Marker, html, StringComparison.Ordinal);
        }
        foreach (var who in new[] { "member", "secretary", "admin" })
        {
            var (total, facets, html) = await Search(who, AccountsApplication.Marker);
            Assert.Equal(1, total);
            Assert.Equal(3, facets); // one committee, one year, one kind of decision
            Assert.Contains("(lukket punkt)", html, StringComparison.Ordinal);
            Assert.Contains($"<mark>{AccountsApplication.Marker}</mark>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_count_of_a_common_word_differs_between_the_public_and_an_administrator_by_exactly_the_closed_items()
    {
        await using var db = app.Db();
        // The property on Havnevej went through three committees, behind closed doors in each.
        var closed = await db.Items.CountAsync(i => i.IsClosed && i.Title.Contains("Havnevej"));
        Assert.Equal(3, closed);
        var anonymous = await Search("public", "Havnevej");
        var admin = await Search("admin", "Havnevej");
        Assert.Equal(anonymous.Total + closed, admin.Total);
        Assert.DoesNotContain("(lukket punkt)", anonymous.Html, StringComparison.Ordinal);
    }
}
