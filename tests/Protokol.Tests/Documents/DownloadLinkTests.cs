using System.Net;
using Protokol.Tests.Portal;

namespace Protokol.Tests.Documents;

/// <summary>Where the documents are offered: the meeting page, the committee page per year, the search page.</summary>
public sealed class DownloadLinkTests(PortalApplication portal) : IClassFixture<PortalApplication>
{
    async Task<string> Page(string url) => WebUtility.HtmlDecode(await portal.CreateClient().GetStringAsync(new Uri(url, UriKind.Relative)));

    [Fact]
    public async Task The_meeting_committee_and_search_pages_link_to_their_documents()
    {
        var meeting = await Page("/moeder/1");
        foreach (var link in new[] { "/moeder/1/dokument.pdf", "/moeder/1/samlet.pdf", "/moeder/1/dokument.docx" })
            Assert.Contains($"href=\"{link}\"", meeting, StringComparison.Ordinal);

        var committee = await Page("/udvalg/teknik-og-miljoeudvalget");
        Assert.Contains("href=\"/udvalg/teknik-og-miljoeudvalget/beslutninger-2026.csv\"", committee, StringComparison.Ordinal);
        var csv = await portal.CreateClient().GetAsync(new Uri("/udvalg/teknik-og-miljoeudvalget/beslutninger-2026.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);

        var search = await Page("/soeg?q=vejvedligeholdelse&udvalg=teknik-og-miljoeudvalget");
        Assert.Contains("href=\"/soeg/beslutninger.csv?q=vejvedligeholdelse&udvalg=teknik-og-miljoeudvalget\"", search, StringComparison.Ordinal);
        Assert.DoesNotContain("beslutninger.csv", await Page("/soeg?q=ordetfindesikkeiarkivet"), StringComparison.Ordinal);
    }
}
