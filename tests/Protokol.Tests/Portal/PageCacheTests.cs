using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Portal;

/// <summary>
/// Published pages from the output cache, over real HTTP: served without the database once cached, changed at
/// once by a save through the app, by another process within the poll, never shared with a signed-in person.
/// </summary>
public sealed class PageCacheTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);

    /// <summary>Changes a meeting's place behind the app's back: a bulk update in a context of its own, so no change row and nothing evicted.</summary>
    void SetPlaceUnseen(int meetingId, string place)
    {
        using var other = Database.Open(app.DatabasePath);
        Assert.Equal(1, other.Meetings.Where(m => m.Id == meetingId).ExecuteUpdate(u => u.SetProperty(m => m.Place, place)));
    }

    async Task<int> OpenMeetingAsync()
    {
        await using var db = app.Db();
        return await db.Meetings.Where(m => m.State == MeetingState.MinutesPublished && m.Id != app.MeetingId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }

    [Fact]
    public async Task A_cached_meeting_page_is_served_without_the_database_until_a_save_through_the_app_evicts_it()
    {
        var id = await OpenMeetingAsync();
        var citizen = app.Client();
        var first = await citizen.GetStringAsync(U($"/moeder/{id}"));
        SetPlaceUnseen(id, "Skjult mødelokale");
        var second = await citizen.GetAsync(U($"/moeder/{id}"));
        Assert.Equal(first, await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Age is not null, "the second answer did not come from the cache");

        await using (var db = app.Db())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == id);
            meeting.Place = "Rådhuset, mødesal 2";
            await db.SaveChangesAsync();
        }
        var after = await citizen.GetStringAsync(U($"/moeder/{id}"));
        Assert.Contains("Rådhuset, mødesal 2", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_page_is_evicted_when_its_section_changes_and_so_is_its_meeting_page()
    {
        var id = await OpenMeetingAsync();
        int itemId;
        await using (var db = app.Db())
            itemId = await db.Items.Where(i => i.MeetingId == id && !i.IsClosed && i.Sections.Any()).Select(i => i.Id).FirstAsync();
        var citizen = app.Client();
        await citizen.GetStringAsync(U($"/punkter/{itemId}"));
        await citizen.GetStringAsync(U($"/moeder/{id}"));
        await using (var db = app.Db())
        {
            var section = await db.Sections.Where(s => s.AgendaItemId == itemId).OrderBy(s => s.Order).FirstAsync();
            section.Text += "\n\nTilføjet af testen: sektionsmarkøren.";
            await db.SaveChangesAsync();
        }
        Assert.Contains("sektionsmarkøren", WebUtility.HtmlDecode(await citizen.GetStringAsync(U($"/punkter/{itemId}"))), StringComparison.Ordinal);
        Assert.Contains("sektionsmarkøren", WebUtility.HtmlDecode(await citizen.GetStringAsync(U($"/moeder/{id}"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_agenda_through_the_domain_operations_shows_on_the_front_page_and_its_own_page_at_once()
    {
        var citizen = app.Client();
        var front = await citizen.GetStringAsync(U("/"));
        Assert.DoesNotContain($"/moeder/{app.PlannedMeetingId}\"", front, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync(U($"/moeder/{app.PlannedMeetingId}"))).StatusCode);
        // Cached, once the page cache's follower has read the change rows the fixture wrote (it evicts on its first read).
        var cached = System.Diagnostics.Stopwatch.StartNew();
        while ((await citizen.GetAsync(U("/"))).Headers.Age is null && cached.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(100);
        Assert.NotNull((await citizen.GetAsync(U("/"))).Headers.Age);

        using (var scope = app.Services.CreateScope())
        {
            var operations = new MeetingOperations(scope.ServiceProvider.GetRequiredService<ProtokolDb>(), Viewer.CommandLine(),
                scope.ServiceProvider.GetRequiredService<Protokol.Signing.MinutesSigner>());
            var outcome = await operations.PublishAgendaAsync(app.PlannedMeetingId, null, default);
            Assert.True(outcome.Ok, outcome.Problem);
        }
        Assert.Contains($"/moeder/{app.PlannedMeetingId}\"", await citizen.GetStringAsync(U("/")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync(U($"/moeder/{app.PlannedMeetingId}"))).StatusCode);
    }

    [Fact]
    public async Task Renaming_a_body_changes_its_committee_page_and_its_meetings_at_once()
    {
        var citizen = app.Client();
        var committee = $"/udvalg/{AccountsApplication.Body}udvalget";
        Assert.Contains("Teknik- og Miljøudvalget", WebUtility.HtmlDecode(await citizen.GetStringAsync(U(committee))), StringComparison.Ordinal);
        await citizen.GetStringAsync(U($"/moeder/{app.MeetingId}"));
        try
        {
            await Rename("Teknik- og Miljøudvalget", "Klima- og Teknikudvalget");
            Assert.Contains("Klima- og Teknikudvalget", WebUtility.HtmlDecode(await citizen.GetStringAsync(U(committee))), StringComparison.Ordinal);
            Assert.Contains("Klima- og Teknikudvalget", WebUtility.HtmlDecode(await citizen.GetStringAsync(U($"/moeder/{app.MeetingId}"))), StringComparison.Ordinal);
        }
        finally { await Rename("Klima- og Teknikudvalget", "Teknik- og Miljøudvalget"); }

        async Task Rename(string from, string to)
        {
            await using var db = app.Db();
            var body = await db.Bodies.SingleAsync(b => b.Name == from);
            body.Name = to;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_signed_in_member_never_gets_the_public_copy_and_their_page_is_never_cached()
    {
        var item = $"/punkter/{app.ClosedItemId}";
        var meeting = $"/moeder/{app.MeetingId}";
        var member = await app.As("member");
        // The member first: were their page stored, the citizen after them would read the closed item.
        var theirs = await member.GetAsync(U(item));
        Assert.Contains(AccountsApplication.Marker, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(theirs.Headers.Age);
        Assert.Contains("no-store", theirs.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var citizen = app.Client();
        var publicPage = await citizen.GetStringAsync(U(item));
        Assert.DoesNotContain(AccountsApplication.Marker, publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Test member", publicPage, StringComparison.Ordinal);
        Assert.NotNull((await citizen.GetAsync(U(item))).Headers.Age);

        // The public copy is cached now: the member still gets their own, and so does another signed-in person.
        await citizen.GetStringAsync(U(meeting));
        var again = await member.GetAsync(U(item));
        Assert.Null(again.Headers.Age);
        Assert.Contains(AccountsApplication.Marker, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var memberMeeting = await member.GetStringAsync(U(meeting));
        Assert.Contains(AccountsApplication.Marker, memberMeeting, StringComparison.Ordinal);
        Assert.Contains("Test member", memberMeeting, StringComparison.Ordinal);
        var outsider = await app.As("outsider");
        var outsiderMeeting = await outsider.GetStringAsync(U(meeting));
        Assert.DoesNotContain(AccountsApplication.Marker, outsiderMeeting, StringComparison.Ordinal);
        Assert.DoesNotContain("Test member", outsiderMeeting, StringComparison.Ordinal);
        Assert.Contains("Test outsider", outsiderMeeting, StringComparison.Ordinal);
        var citizenMeeting = await citizen.GetStringAsync(U(meeting));
        Assert.DoesNotContain("Log ud", citizenMeeting, StringComparison.Ordinal);
        Assert.DoesNotContain("Test outsider", citizenMeeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_asked_for_with_head_first_is_still_whole_for_get_and_the_query_string_is_its_own_entry()
    {
        var id = await OpenMeetingAsync();
        var citizen = app.Client();
        var committee = $"/udvalg/{AccountsApplication.Body}udvalget";
        var head = await citizen.SendAsync(new HttpRequestMessage(HttpMethod.Head, U(committee + "?fra=head")));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var get = await citizen.GetStringAsync(U(committee + "?fra=head"));
        Assert.Contains("</html>", get, StringComparison.Ordinal);
        var headAgain = await citizen.SendAsync(new HttpRequestMessage(HttpMethod.Head, U(committee + "?fra=head")));
        Assert.Equal(HttpStatusCode.OK, headAgain.StatusCode);
        // (Kestrel drops a body written for HEAD; the test server passes it on, so only the headers are compared.)
        Assert.Equal("text/html", headAgain.Content.Headers.ContentType?.MediaType);

        await citizen.GetStringAsync(U($"/moeder/{id}?a=1"));
        SetPlaceUnseen(id, "Lokale efter forespørgsel");
        var other = await citizen.GetAsync(U($"/moeder/{id}?a=2"));
        Assert.Null(other.Headers.Age);
        Assert.Contains("Lokale efter forespørgsel", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_once_its_change_rows_are_read()
    {
        var citizen = app.Client();
        var id = await OpenMeetingAsync();
        await citizen.GetStringAsync(U($"/moeder/{id}"));
        Assert.NotNull((await citizen.GetAsync(U($"/moeder/{id}"))).Headers.Age);
        // Another process (a second web node, a command-line import): its own context, none of this app's eviction.
        await using (var other = Database.Open(app.DatabasePath))
        {
            var meeting = await other.Meetings.SingleAsync(m => m.Id == id);
            meeting.Place = "Byrådssalen (anden proces)";
            await other.SaveChangesAsync();
        }
        var seen = false;
        for (var i = 0; i < 50 && !seen; i++)
        {
            seen = WebUtility.HtmlDecode(await citizen.GetStringAsync(U($"/moeder/{id}"))).Contains("Byrådssalen (anden proces)", StringComparison.Ordinal);
            if (!seen) await Task.Delay(100);
        }
        Assert.True(seen, "the page was still the cached one 5 s after another process changed the meeting");
    }

    [Fact]
    public async Task Attendance_and_a_body_renamed_by_another_process_are_seen_once_their_change_rows_are_read()
    {
        var citizen = app.Client();
        var id = await OpenMeetingAsync();
        var committee = $"/udvalg/{AccountsApplication.Body}udvalget";
        await citizen.GetStringAsync(U($"/moeder/{id}"));
        await citizen.GetStringAsync(U(committee));
        string name;
        await using (var other = Database.Open(app.DatabasePath))
        {
            var participant = await other.Set<Participant>().Where(p => p.MeetingId == id && !p.Absent).OrderBy(p => p.Order).FirstAsync();
            participant.Absent = true;
            name = participant.Name;
            var body = await other.Bodies.SingleAsync(b => b.Slug == AccountsApplication.Body + "udvalget");
            body.Name = "Udvalget for Teknik (anden proces)";
            await other.SaveChangesAsync();
        }
        try
        {
            Assert.True(await SeenAsync(citizen, $"/moeder/{id}", $"{name} (fraværende)"), "attendance changed elsewhere was not seen within 5 s");
            Assert.True(await SeenAsync(citizen, committee, "Udvalget for Teknik (anden proces)"), "a body renamed elsewhere was not seen within 5 s");
        }
        finally
        {
            await using var db = app.Db();
            var body = await db.Bodies.SingleAsync(b => b.Slug == AccountsApplication.Body + "udvalget");
            body.Name = "Teknik- og Miljøudvalget";
            await db.Set<Participant>().Where(p => p.MeetingId == id && p.Name == name).ExecuteUpdateAsync(u => u.SetProperty(p => p.Absent, false));
            await db.SaveChangesAsync();
        }
    }

    static async Task<bool> SeenAsync(HttpClient client, string url, string text)
    {
        for (var i = 0; i < 50; i++)
        {
            // The page's text as read: tags out, runs of white space as one.
            var shown = System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(await client.GetStringAsync(U(url)), "<[^>]+>", "")), @"\s+", " ");
            if (shown.Contains(text, StringComparison.Ordinal)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task A_citizen_holding_an_antiforgery_cookie_gets_cached_pages_without_any_token_of_theirs()
    {
        var citizen = app.Client();
        var form = await citizen.GetAsync(U($"/foelg?udvalg={AccountsApplication.Body}udvalget"));
        Assert.Contains("protokol-af", string.Join(";", form.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Null(form.Headers.Age);
        var id = await OpenMeetingAsync();
        foreach (var url in (string[])["/", "/udvalg", $"/udvalg/{AccountsApplication.Body}udvalget", $"/moeder/{id}", $"/punkter/{app.ClosedItemId}", $"/personer/{app.MemberSlug}"])
        {
            var page = await citizen.GetAsync(U(url));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(page.Headers.Contains("Set-Cookie"), url);
        }
    }
}
