using System.Net;

namespace Protokol.Tests.Accounts;

/// <summary>A planned meeting's draft agenda is for its staff; a held meeting's decisions wait for the published minutes, except for its members and staff.</summary>
public sealed class StateVisibilityTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    async Task<(HttpStatusCode Status, string Html)> Get(string who, string url)
    {
        var response = await (await app.As(who)).GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("public", false)]
    [InlineData("outsider", false)]
    [InlineData("member", false)] // not released to the members yet
    [InlineData("secretary", true)]
    [InlineData("admin", true)]
    public async Task A_planned_meeting_is_seen_only_by_the_staff_of_its_committee(string who, bool sees)
    {
        var meeting = await Get(who, $"/moeder/{app.PlannedMeetingId}");
        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, meeting.Status);
        Assert.Equal(sees, meeting.Html.Contains(AccountsApplication.PlannedMarker, StringComparison.Ordinal));
        var search = await Get(who, "/soeg?q=" + AccountsApplication.PlannedMarker.ToUpperInvariant());
        Assert.Equal(sees, search.Html.Contains(AccountsApplication.PlannedMarker, StringComparison.Ordinal));
        foreach (var url in new[] { "/", "/udvalg/teknik-og-miljoeudvalget", "/udvalg/teknik-og-miljoeudvalget/moeder.ics", "/udvalg/teknik-og-miljoeudvalget/referater.rss" })
        {
            var (_, html) = await Get(who, url);
            Assert.DoesNotContain($"/moeder/{app.PlannedMeetingId}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"/moeder/{app.PlannedMeetingId}<", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("public", false)]
    [InlineData("outsider", false)]
    [InlineData("member", true)]
    [InlineData("secretary", true)]
    [InlineData("admin", true)]
    public async Task A_held_meetings_decisions_wait_for_the_published_minutes_except_for_its_members_and_staff(string who, bool sees)
    {
        var meeting = await Get(who, $"/moeder/{app.HeldMeetingId}");
        Assert.Equal(HttpStatusCode.OK, meeting.Status);
        Assert.Contains("Forslag til parkeringsstrategi for bymidten", meeting.Html, StringComparison.Ordinal); // the agenda stays public
        Assert.Equal(sees, meeting.Html.Contains(AccountsApplication.HeldMarker, StringComparison.Ordinal));
        Assert.Equal(sees, meeting.Html.Contains("Referat under udarbejdelse", StringComparison.Ordinal));
        var search = await Get(who, "/soeg?q=" + AccountsApplication.HeldMarker.ToUpperInvariant());
        Assert.Equal(sees, search.Html.Contains(AccountsApplication.HeldMarker, StringComparison.Ordinal));
        var rss = await Get(who, "/udvalg/teknik-og-miljoeudvalget/referater.rss");
        Assert.DoesNotContain($"/moeder/{app.HeldMeetingId}<", rss.Html, StringComparison.Ordinal);
    }
}
