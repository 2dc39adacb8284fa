using System.Net;
using System.Text.RegularExpressions;
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
