using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Secretariat;

/// <summary>The secretary's pages over HTTP: plan a meeting, build its agenda, edit a section (and meet a colleague's save), publish.</summary>
public sealed partial class SecretariatPageTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);

    [GeneratedRegex("<textarea id=\"tekst-(\\d+)\"")]
    private static partial Regex Textarea();

    [Fact]
    public async Task A_secretary_plans_builds_edits_and_publishes_an_agenda_the_public_then_reads()
    {
        var secretary = await app.As("secretary");
        var desk = WebUtility.HtmlDecode(await secretary.GetStringAsync(U("/sekretariat")));
        var body = Regex.Match(desk, "name=\"Bodies\" value=\"(\\d+)\"").Groups[1].Value;
        var planned = await AccountsApplication.PostForm(secretary, "/sekretariat", new() { ["Bodies"] = body, ["Date"] = "2027-03-02", ["Time"] = "16:00", ["Place"] = "Byrådssalen" });
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var workspace = planned.Headers.Location!.OriginalString;
        Assert.Matches("^/sekretariat/moeder/\\d+$", workspace);
        var meetingId = workspace[(workspace.LastIndexOf('/') + 1)..];
        // Nobody outside the staff sees a planned meeting.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(U($"/moeder/{meetingId}"))).StatusCode);

        await AccountsApplication.PostForm(secretary, workspace + "?handler=Template", new() { ["template"] = "formand" }, workspace);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Add", new() { ["Title"] = "Ny cykelsti langs Fjordvej", ["CaseNumber"] = "27/0101" }, workspace);
        var refused = await AccountsApplication.PostForm(secretary, workspace + "?handler=Add", new() { ["Title"] = "Forkert", ["CaseNumber"] = "ikke et nummer" }, workspace);
        Assert.Contains("er ikke et sagsnummer", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace)));
        Assert.Matches("1\\. Orientering fra formanden[\\s\\S]*2\\. Ny cykelsti langs Fjordvej", page);
        var itemId = Regex.Match(page, "href=\"/sekretariat/punkter/(\\d+)\">2\\.").Groups[1].Value;
        var move = await AccountsApplication.PostForm(secretary, workspace + "?handler=Move", new() { ["item"] = itemId, ["by"] = "-1" }, workspace);
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
        Assert.Matches("1\\. Ny cykelsti langs Fjordvej[\\s\\S]*2\\. Orientering fra formanden", WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace))));

        // Two secretaries open the item; the second to save is told, and keeps their text.
        var editor = $"/sekretariat/punkter/{itemId}";
        var colleague = await app.As("admin");
        var mine = await secretary.GetStringAsync(U(editor));
        var theirs = await colleague.GetStringAsync(U(editor));
        var section = Textarea().Match(mine).Groups[1].Value;
        var saved = await secretary.PostAsync(U(editor + "?handler=Save"), new FormUrlEncodedContent(Fields(mine, section, "Forvaltningen foreslår en **dobbeltrettet** cykelsti.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = WebUtility.HtmlDecode(await (await colleague.PostAsync(U(editor + "?handler=Save"), new FormUrlEncodedContent(Fields(theirs, section, "Min egen tekst, skrevet samtidig.")))).Content.ReadAsStringAsync());
        Assert.Contains("En anden har gemt dette afsnit", conflict, StringComparison.Ordinal);
        Assert.Contains(">Min egen tekst, skrevet samtidig.</textarea>", conflict, StringComparison.Ordinal);
        Assert.Contains("Forvaltningen foreslår en **dobbeltrettet** cykelsti.", conflict, StringComparison.Ordinal);
        var preview = WebUtility.HtmlDecode(await (await secretary.PostAsync(U(editor + "?handler=Preview"), new FormUrlEncodedContent(Fields(mine, section, "Se **her**.")))).Content.ReadAsStringAsync());
        Assert.Contains("<strong>her</strong>", preview, StringComparison.Ordinal);

        var published = await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", [], workspace);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var visitor = WebUtility.HtmlDecode(await app.Client().GetStringAsync(U($"/moeder/{meetingId}")));
        Assert.Contains("Ny cykelsti langs Fjordvej", visitor, StringComparison.Ordinal);
        Assert.Contains("<strong>dobbeltrettet</strong>", visitor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_minutes_are_recorded_approved_by_the_members_and_anyone_can_verify_the_signed_copy()
    {
        var secretary = await app.As("secretary");
        var desk = WebUtility.HtmlDecode(await secretary.GetStringAsync(U("/sekretariat")));
        var body = Regex.Match(desk, "name=\"Bodies\" value=\"(\\d+)\"").Groups[1].Value;
        var workspace = (await AccountsApplication.PostForm(secretary, "/sekretariat", new() { ["Bodies"] = body, ["Date"] = "2027-04-06", ["Time"] = "16:00" })).Headers.Location!.OriginalString;
        var meetingId = int.Parse(workspace[(workspace.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Add", new() { ["Title"] = "Trafiksikkerhedsplan", ["CaseNumber"] = "27/0202" }, workspace);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", [], workspace);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Held", [], workspace);
        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace)));
        Assert.Contains("Fremmøde", page, StringComparison.Ordinal);
        var itemId = Regex.Match(page, "href=\"/sekretariat/punkter/(\\d+)\">1\\.").Groups[1].Value;

        // One member sent apologies for the whole meeting; one was absent for the item.
        await using var db = app.Db();
        var participants = await db.Set<Protokol.Meetings.Participant>().Where(p => p.MeetingId == meetingId).OrderBy(p => p.Order).ToListAsync();
        var away = participants.Single(p => p.Name == "Pia Lykkegaard");
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Attendance", new() { ["participant"] = away.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["absent"] = "true", ["Reason"] = "Afbud" }, workspace);
        var editor = $"/sekretariat/punkter/{itemId}";
        var other = participants.First(p => p.Id != away.Id && p.Name != "Lars Brøndum");
        var decided = await AccountsApplication.PostForm(secretary, editor + "?handler=Decision", new()
        {
            ["text"] = "Godkendt.", ["kind"] = "", ["version"] = "0", ["absent"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, editor);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        // Sending the case on is refused with the reason when the secretary may not add to the next body's agenda.
        var edit = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(editor)));
        var economy = Regex.Match(edit, "<option value=\"(\\d+)\">Økonomiudvalget</option>").Groups[1].Value;
        var refusedOn = await AccountsApplication.PostForm(secretary, editor + "?handler=SendOn", new() { ["body"] = economy }, editor);
        Assert.Contains("Du er ikke sekretær for Økonomiudvalget", WebUtility.HtmlDecode(await refusedOn.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // Before the minutes are final the public sees the agenda, not the decision.
        Assert.DoesNotContain("Godkendt.", WebUtility.HtmlDecode(await app.Client().GetStringAsync(U($"/moeder/{meetingId}"))), StringComparison.Ordinal);

        // Every member present presses "Godkendt" on the signature sheet.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Protokol.Accounts.Account>>();
            foreach (var p in participants.Where(p => p.Id != away.Id && p.Name != "Lars Brøndum"))
                Assert.True((await users.CreateAsync(new Protokol.Accounts.Account { Name = p.Name, Email = $"p{p.PersonId}@fjordby.dk", UserName = $"p{p.PersonId}@fjordby.dk", PersonId = p.PersonId }, AccountsApplication.Password)).Succeeded);
        }
        var present = participants.Where(p => p.Id != away.Id).ToList();
        foreach (var p in present)
        {
            var member = p.Name == "Lars Brøndum" ? await app.As("member") : app.Client();
            if (p.Name != "Lars Brøndum")
                await AccountsApplication.PostForm(member, "/log-ind", new() { ["Email"] = $"p{p.PersonId}@fjordby.dk", ["Password"] = AccountsApplication.Password });
            var sheet = await member.GetStringAsync(U($"/moeder/{meetingId}"));
            Assert.Contains("Underskriftsark", sheet, StringComparison.Ordinal);
            var approved = await member.PostAsync(U($"/moeder/{meetingId}?handler=Approve"), new FormUrlEncodedContent(AccountsApplication.WithHiddenFields(sheet, [])));
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var visitor = app.Client();
        var final = WebUtility.HtmlDecode(await visitor.GetStringAsync(U($"/moeder/{meetingId}")));
        Assert.Contains("Underskrevet referat", final, StringComparison.Ordinal);
        Assert.Contains("Godkendt.", final, StringComparison.Ordinal);
        var hash = Regex.Match(final, "<dt>SHA-256</dt><dd><code class=\"link\">([0-9a-f]{64})</code>").Groups[1].Value;
        var copy = await visitor.GetByteArrayAsync(U($"/moeder/{meetingId}/referat.txt"));
        Assert.Equal(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy)));
        Assert.StartsWith("REFERAT Teknik- og Miljøudvalget d. 06-04-2027", System.Text.Encoding.UTF8.GetString(copy), StringComparison.Ordinal);

        Assert.Contains("Ægte og uændret", await Check(visitor, copy), StringComparison.Ordinal);
        var changed = (byte[])copy.Clone();
        changed[^3] = (byte)(changed[^3] == (byte)'x' ? 'y' : 'x');
        Assert.Contains("Ikke et underskrevet referat", await Check(visitor, changed), StringComparison.Ordinal);
        // Final minutes refuse every change the pages offer.
        var late = await AccountsApplication.PostForm(secretary, editor + "?handler=Decision", new() { ["text"] = "Afvist.", ["version"] = "1" }, editor);
        Assert.Contains("godkendt og kan ikke ændres", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>Uploads a copy to the check page, as a citizen would.</summary>
    static async Task<string> Check(HttpClient client, byte[] copy)
    {
        var page = await client.GetStringAsync(U("/signatur"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AccountsApplication.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(copy), "copy", "referat.txt" },
        };
        return WebUtility.HtmlDecode(await (await client.PostAsync(U("/signatur"), form)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Members_do_not_get_into_the_secretariat()
    {
        var member = await app.As("member");
        var response = await member.GetAsync(U("/sekretariat"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/sekretariat", await member.GetStringAsync(U("/")), StringComparison.Ordinal);
    }

    /// <summary>A section's form as the page gave it (its version), with new text.</summary>
    static Dictionary<string, string> Fields(string page, string section, string text)
    {
        var version = Regex.Match(page, $"name=\"section\" value=\"{section}\">\\s*<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(version);
        return new() { ["section"] = section, ["version"] = version, ["text"] = text, ["__RequestVerificationToken"] = AccountsApplication.AntiforgeryToken(page) };
    }
}
