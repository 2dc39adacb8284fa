using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Protokol.Tests.Accounts;

/// <summary>
/// Every route the app maps, read from its endpoint data source (a route added later is covered without editing
/// this test), requested by the public, a member of another committee, a member of the committee and its
/// secretary: the closed item's markers reach only those allowed, and nothing changes state without the right
/// person and an antiforgery token.
/// </summary>
public sealed class AccessTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static readonly string[] Allowed = ["member", "secretary", "admin"];

    /// <summary>Real values for every route parameter: the closed item, its meeting, case and committee.</summary>
    Dictionary<string, string> RouteValues() => new()
    {
        ["id"] = "", // by route: below
        ["slug"] = "",
        ["key"] = Uri.EscapeDataString(app.CaseNumber.Replace('/', '-')),
        ["code"] = "500",
        ["variant"] = "dokument",
        ["aar"] = "2026",
        ["token"] = "0000",
    };

    List<string> Urls() => Endpoints().Select(e => e.Url).Distinct().ToList();

    /// <summary>Every endpoint the app maps, with its route filled with real values.</summary>
    List<(string Url, RouteEndpoint Endpoint)> Endpoints()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var urls = new List<(string, RouteEndpoint)>();
        foreach (var e in endpoints)
        {
            var pattern = e.RoutePattern;
            var url = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => Value(pattern.RawText!, p.Name),
                _ => throw new InvalidOperationException(pattern.RawText),
            }))));
            // The search page needs words to search for: the marker, in capitals, so the page's echo of the query is not a leak.
            if (url is "/soeg" or "/soeg/beslutninger.csv") url += "?q=" + AccountsApplication.Marker.ToUpperInvariant();
            urls.Add((url, e));
        }
        return urls;
    }

    string Value(string route, string parameter) => (route, parameter) switch
    {
        (_, "id") when route.Contains("filer", StringComparison.Ordinal) => app.ClosedAttachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "name") when route.Contains("filer", StringComparison.Ordinal) => "bilag.txt",
        (_, "id") when route.Contains("moeder", StringComparison.Ordinal) => app.MeetingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "id") when route.Contains("punkter", StringComparison.Ordinal) => app.ClosedItemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "id") when route.Contains("konti", StringComparison.Ordinal) => app.AccountId("member").ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "id") when route.Contains("sekretariat/udvalg", StringComparison.Ordinal) || route.Contains("medlemsliste", StringComparison.Ordinal) => MemberSeat().BodyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "id") when route.Contains("pladser", StringComparison.Ordinal) => MemberSeat().Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (_, "slug") when route.Contains("personer", StringComparison.Ordinal) => app.MemberSlug,
        (_, "slug") => "teknik-og-miljoeudvalget",
        _ when RouteValues().TryGetValue(parameter, out var v) && v.Length > 0 => v,
        _ => throw new InvalidOperationException($"no test value for {{{parameter}}} in route '{route}': add one, so the new route is covered"),
    };

    /// <summary>The member's seat in the committee whose secretary the test has.</summary>
    Protokol.Meetings.Membership MemberSeat()
    {
        using var db = app.Db();
        return db.Memberships.Single(m => m.Person.Slug == app.MemberSlug && m.Body.Slug == "teknik-og-miljoeudvalget");
    }

    [Fact]
    public async Task The_markers_of_a_closed_item_reach_only_its_committee_members_its_secretary_and_administrators()
    {
        var urls = Urls();
        Assert.Contains(urls, u => u.StartsWith("/punkter/", StringComparison.Ordinal));
        var seen = new Dictionary<string, List<string>>();
        foreach (var who in AccountsApplication.People.Prepend("public"))
        {
            var client = await app.As(who);
            seen[who] = [];
            foreach (var url in urls)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.True(response.StatusCode != HttpStatusCode.InternalServerError || url.StartsWith("/fejl/", StringComparison.Ordinal), $"{who}: {url} gave 500");
                var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                if (body.Contains(AccountsApplication.Marker, StringComparison.Ordinal) || body.Contains(AccountsApplication.DecisionMarker, StringComparison.Ordinal))
                    seen[who].Add(url);
            }
        }
        foreach (var who in new[] { "public", "outsider" })
            Assert.True(seen[who].Count == 0, $"{who} saw a marker at {string.Join(", ", seen[who])}");
        // Those allowed read it on the meeting page, the item page, the case page, and find it by search.
        foreach (var who in Allowed)
        {
            Assert.Contains($"/moeder/{app.MeetingId}", seen[who]);
            Assert.Contains($"/punkter/{app.ClosedItemId}", seen[who]);
            Assert.Contains(seen[who], u => u.StartsWith("/sager/", StringComparison.Ordinal));
            Assert.Contains(seen[who], u => u.StartsWith("/soeg", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task No_route_accepts_a_post_without_an_antiforgery_token_from_anyone()
    {
        foreach (var who in AccountsApplication.People.Prepend("public"))
        {
            var client = await app.As(who);
            foreach (var url in Urls())
            {
                var response = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@y.dk", ["Code"] = "000000" }));
                // Refused as a forgery, or for the method, or (pages behind a login) before that, by sending the stranger to log in.
                var refused = url.StartsWith("/fejl/", StringComparison.Ordinal) && ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) == url[6..]
                    || response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && IsRefusal(response))
                    // One-click unsubscribe (RFC 8058) is posted by mail programs, which carry no token of ours: the secret in
                    // the address is the proof, and all it can do is end that one subscription.
                    || url.StartsWith("/foelg/afmeld/", StringComparison.Ordinal);
                Assert.True(refused, $"{who}: POST {url} without a token gave {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Pages_that_need_a_login_or_a_role_refuse_everyone_else_with_or_without_a_token()
    {
        var protectedUrls = Endpoints()
            .Where(e => e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0)
            .Select(e => (e.Url, Policy: e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null)))
            .ToList();
        Assert.Contains(protectedUrls, p => p.Url == "/admin/adgangslog");
        Assert.Contains(protectedUrls, p => p.Url == "/konto/adgangskode");
        foreach (var who in AccountsApplication.People.Prepend("public"))
        {
            var client = await app.As(who);
            var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
            var token = who == "public" ? null : AccountsApplication.AntiforgeryToken(home);
            foreach (var (url, policy) in protectedUrls)
            {
                var allowed = who != "public" && (policy is null || (policy == "admin" && who == "admin") || (policy == "staff" && who is "admin" or "secretary"));
                var get = await client.GetAsync(new Uri(url, UriKind.Relative));
                var fields = new Dictionary<string, string> { ["Current"] = AccountsApplication.Password, ["New"] = "x", ["Repeat"] = "y" };
                if (token is not null) fields["__RequestVerificationToken"] = token;
                var post = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
                if (allowed) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                else
                {
                    Assert.True(get.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{who}: GET {url} gave {(int)get.StatusCode}");
                    Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{who}: POST {url} gave {(int)post.StatusCode}");
                    if (get.StatusCode == HttpStatusCode.Redirect) Assert.True(IsRefusal(get), $"{who}: GET {url} went to {get.Headers.Location}");
                }
            }
        }
    }

    static bool IsRefusal(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath is "/log-ind" or "/fejl/403";
}
