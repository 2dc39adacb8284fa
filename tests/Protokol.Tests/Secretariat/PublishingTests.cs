using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Protokol.Tests.Accounts;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Protokol.Tests.Secretariat;

/// <summary>
/// Attachments, the checks before publishing and the e-mail they lead to, over real HTTP with a real SMTP server on
/// loopback: a CPR number in an attachment stops the agenda; files reach only those who may read their item;
/// members, reviewers and followers get their messages; members who have not approved are reminded on schedule.
/// </summary>
public sealed partial class PublishingTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);
    static string Invariant(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("href=\"/sekretariat/punkter/(\\d+)\">(\\d+)\\. ([^<]+)</a>")]
    private static partial Regex ItemLink();

    [GeneratedRegex("href=\"(/filer/\\d+/[^\"]+)\"")]
    private static partial Regex FileLink();

    /// <summary>A PDF whose text layer says <paramref name="text"/>; with null, a page with only a drawing (as a scan has no text).</summary>
    static byte[] Pdf(string? text)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        if (text is null) page.DrawRectangle(new PdfPoint(50, 500), 300, 200, 2);
        else page.AddText(text, 11, new PdfPoint(50, 750), builder.AddStandard14Font(Standard14Font.Helvetica));
        return builder.Build();
    }

    async Task<(HttpClient Secretary, string Workspace, int MeetingId)> PlanAsync(string date)
    {
        var secretary = await app.As("secretary");
        var desk = WebUtility.HtmlDecode(await secretary.GetStringAsync(U("/sekretariat")));
        var body = Regex.Match(desk, "name=\"Bodies\" value=\"(\\d+)\"").Groups[1].Value;
        var planned = await AccountsApplication.PostForm(secretary, "/sekretariat", new() { ["Bodies"] = body, ["Date"] = date, ["Time"] = "16:00" });
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var workspace = planned.Headers.Location!.OriginalString;
        return (secretary, workspace, int.Parse(workspace[(workspace.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    static async Task<string> AddItemAsync(HttpClient secretary, string workspace, string title, bool closed = false)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title };
        if (closed) fields["Closed"] = "true";
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Add", fields, workspace);
        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace)));
        return ItemLink().Matches(page).Single(m => m.Groups[3].Value == title).Groups[1].Value;
    }

    static async Task<string> AttachAsync(HttpClient secretary, string item, string name, byte[] bytes)
    {
        var editor = $"/sekretariat/punkter/{item}";
        var page = await secretary.GetStringAsync(U(editor));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AccountsApplication.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", name },
        };
        var response = await secretary.PostAsync(U(editor + "?handler=Attach"), form);
        return response.StatusCode == HttpStatusCode.Redirect ? "" : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cpr_number_in_an_attachment_stops_the_agenda_until_a_logged_override_and_files_reach_only_those_allowed()
    {
        var (secretary, workspace, meetingId) = await PlanAsync("2027-05-04");
        var open = await AddItemAsync(secretary, workspace, "Høring om skolestruktur");
        var closed = await AddItemAsync(secretary, workspace, "Personalesag", closed: true);

        Assert.Contains("Filtypen er ikke tilladt", await AttachAsync(secretary, open, "program.exe", [0x4D, 0x5A, 0x90]), StringComparison.Ordinal);
        Assert.Contains("indholdet er ikke en PDF-fil", await AttachAsync(secretary, open, "falsk.pdf", "<html>"u8.ToArray()), StringComparison.Ordinal);
        Assert.Equal("", await AttachAsync(secretary, open, "Høringssvar.pdf", Pdf("Indsendt af borger med CPR 150384-1234, Skolevej 3.")));
        var scan = Pdf(null);
        Assert.Equal("", await AttachAsync(secretary, open, "Kort.pdf", scan));
        Assert.Equal("", await AttachAsync(secretary, closed, "Lukket bilag.pdf", Pdf("Fortroligt: medarbejder 010190-4321.")));
        // The same bytes twice are stored once.
        Assert.Equal("", await AttachAsync(secretary, closed, "Samme kort.pdf", scan));
        await using (var db = app.Db())
            Assert.Equal(3, await db.Files.CountAsync(f => db.Set<Protokol.Meetings.Attachment>().Any(a => a.FileSha256 == f.Sha256 && db.Items.Any(i => i.Id == a.AgendaItemId && i.MeetingId == meetingId))));

        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace)));
        Assert.Contains("Muligt CPR-nummer:</strong> Punkt 1 (Høring om skolestruktur), bilag 'Høringssvar.pdf'. Ligner et CPR-nummer: 150384-1xxx", page, StringComparison.Ordinal);
        Assert.Contains("Skal ses igennem:</strong> Punkt 1 (Høring om skolestruktur), bilag 'Kort.pdf'", page, StringComparison.Ordinal);
        Assert.DoesNotContain("010190", page, StringComparison.Ordinal); // closed items are never published, so never checked
        var refused = WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", [], workspace)).Content.ReadAsStringAsync());
        Assert.Contains("Tjekket fandt 1 mulige CPR-numre", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(U($"/moeder/{meetingId}"))).StatusCode);

        var published = await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", new() { ["OverrideReason"] = "Borgeren har selv bedt om at stå med CPR-nummer" }, workspace);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using (var db = app.Db())
        {
            var logged = await db.AuditTrail.SingleAsync(a => a.MeetingId == meetingId && a.Action == "ChecksOverridden");
            Assert.Contains("Borgeren har selv bedt", logged.After, StringComparison.Ordinal);
            Assert.Equal(AccountsApplication.Email("secretary"), logged.Actor);
        }

        // The public reads the open item's files and never the closed item's; a member of the body does.
        var visitor = app.Client();
        var meeting = WebUtility.HtmlDecode(await visitor.GetStringAsync(U($"/moeder/{meetingId}")));
        var links = FileLink().Matches(meeting).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, links.Count);
        var served = await visitor.GetAsync(U(links[0]));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await served.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var member = await app.As("member");
        var closedLinks = FileLink().Matches(WebUtility.HtmlDecode(await member.GetStringAsync(U($"/moeder/{meetingId}")))).Select(m => m.Groups[1].Value).Except(links).ToList();
        Assert.Equal(2, closedLinks.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(U(closedLinks[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("outsider")).GetAsync(U(closedLinks[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(U(closedLinks[0]))).StatusCode);
        await using (var db = app.Db())
            Assert.Contains(await db.AccessLog.Where(a => a.Actor == AccountsApplication.Email("member")).ToListAsync(), a => a.Way == Protokol.Accounts.AccessWay.File && a.ItemId == int.Parse(closed, System.Globalization.CultureInfo.InvariantCulture));

        // The combined document carries the open item's PDF attachments and never the closed item's.
        var combined = await visitor.GetAsync(U($"/moeder/{meetingId}/samlet.pdf"));
        Assert.Equal(HttpStatusCode.OK, combined.StatusCode);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await combined.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains("Indsendt af borger", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Fortroligt", text, StringComparison.Ordinal);
        }

        // The members are told by e-mail, through the SMTP server.
        await app.SendMailAsync();
        var mail = Assert.Single(app.Smtp.To(AccountsApplication.Email("member")), m => m.Subject!.StartsWith("Dagsorden: Teknik- og Miljøudvalget tirsdag d. 4. maj 2027", StringComparison.Ordinal));
        Assert.Contains("1. Høring om skolestruktur", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"/moeder/{meetingId}", mail.TextBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_agenda_sent_for_review_reaches_the_chosen_reader_who_alone_may_open_it()
    {
        var (secretary, workspace, meetingId) = await PlanAsync("2027-05-18");
        await AddItemAsync(secretary, workspace, "Budgetopfølgning");
        var outsider = await app.As("outsider");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(U($"/moeder/{meetingId}"))).StatusCode);
        var sent = await AccountsApplication.PostForm(secretary, workspace + "?handler=Review", new()
        {
            ["readers"] = Invariant(app.AccountId("outsider")), ["note"] = "Se venligst punkt 1 igennem inden fredag.",
        }, workspace);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace)));
        Assert.Contains("Sendt til gennemlæsning hos Test outsider.", page, StringComparison.Ordinal);
        Assert.Matches("<li>Test outsider, .* af secretary@fjordby.dk</li>", page);

        Assert.Contains("Budgetopfølgning", WebUtility.HtmlDecode(await outsider.GetStringAsync(U($"/moeder/{meetingId}"))), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(U($"/moeder/{meetingId}"))).StatusCode);
        await app.SendMailAsync();
        var mail = Assert.Single(app.Smtp.To(AccountsApplication.Email("outsider")), m => m.Subject!.StartsWith("Til gennemlæsning", StringComparison.Ordinal) && m.TextBody!.Contains($"/moeder/{meetingId}", StringComparison.Ordinal));
        Assert.Contains("Se venligst punkt 1 igennem inden fredag.", mail.TextBody!, StringComparison.Ordinal);
        Assert.Contains("1. Budgetopfølgning", mail.TextBody!, StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.Contains(await db.AuditTrail.Where(a => a.Entity == "AgendaReview").ToListAsync(), a => a.Actor == AccountsApplication.Email("secretary") && a.After!.Contains($"\"MeetingId\":{meetingId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_citizen_follows_a_body_confirms_from_the_inbox_hears_of_a_new_agenda_and_unsubscribes()
    {
        const string Citizen = "borger.hansen@eksempel.dk";
        var visitor = app.Client();
        var follow = await visitor.GetStringAsync(U("/foelg?udvalg=teknik-og-miljoeudvalget"));
        Assert.Contains("Følg Teknik- og Miljøudvalget på e-mail", WebUtility.HtmlDecode(follow), StringComparison.Ordinal);
        Assert.Contains("skriv en gyldig", WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(visitor, "/foelg", new() { ["Udvalg"] = "teknik-og-miljoeudvalget", ["Email"] = "ikke en adresse" }, "/foelg?udvalg=teknik-og-miljoeudvalget")).Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
        var asked = WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(visitor, "/foelg", new() { ["Udvalg"] = "teknik-og-miljoeudvalget", ["Email"] = Citizen }, "/foelg?udvalg=teknik-og-miljoeudvalget")).Content.ReadAsStringAsync());
        Assert.Contains("Vi har sendt en e-mail", asked, StringComparison.Ordinal);
        Assert.DoesNotContain(Citizen, asked, StringComparison.Ordinal);
        // Asking again says the same and sends nothing new (no one floods an address through the form).
        var again = WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(visitor, "/foelg", new() { ["Udvalg"] = "teknik-og-miljoeudvalget", ["Email"] = Citizen.ToUpperInvariant() }, "/foelg?udvalg=teknik-og-miljoeudvalget")).Content.ReadAsStringAsync());
        Assert.Contains("Vi har sendt en e-mail", again, StringComparison.Ordinal);
        await app.SendMailAsync();
        var confirmation = Assert.Single(app.Smtp.To(Citizen));
        var link = new Uri(Regex.Match(confirmation.TextBody!, "http://\\S+/foelg/bekraeft/\\S+").Value).PathAndQuery;

        // Unconfirmed, a new agenda sends nothing; the link itself (as a link checker opens it) confirms nothing either.
        var (secretary, workspace, _) = await PlanAsync("2027-06-01");
        await AddItemAsync(secretary, workspace, "Vejplan 2028");
        Assert.Contains("Ja, send mig besked", WebUtility.HtmlDecode(await visitor.GetStringAsync(U(link))), StringComparison.Ordinal);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", [], workspace);
        await app.SendMailAsync();
        Assert.Single(app.Smtp.To(Citizen));

        Assert.Contains("Tak, det er bekræftet", WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(visitor, link, [], link)).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var (secretary2, workspace2, meeting2) = await PlanAsync("2027-06-15");
        await AddItemAsync(secretary2, workspace2, "Klimaplan");
        await AccountsApplication.PostForm(secretary2, workspace2 + "?handler=Publish", [], workspace2);
        await app.SendMailAsync();
        var news = app.Smtp.To(Citizen)[^1];
        Assert.Equal("Ny dagsorden: Teknik- og Miljøudvalget tirsdag d. 15. juni 2027 kl. 16.00", news.Subject);
        Assert.Contains($"/moeder/{meeting2}", news.TextBody!, StringComparison.Ordinal);
        var unsubscribe = news.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Contains(unsubscribe, news.TextBody!, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", news.Headers["List-Unsubscribe-Post"]);

        // The mail program's one-click button: a bare POST, no form of ours.
        var clicked = await app.Client().PostAsync(U(new Uri(unsubscribe).PathAndQuery), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var (secretary3, workspace3, _) = await PlanAsync("2027-06-29");
        await AddItemAsync(secretary3, workspace3, "Trafikplan");
        await AccountsApplication.PostForm(secretary3, workspace3 + "?handler=Publish", [], workspace3);
        await app.SendMailAsync();
        Assert.Equal(2, app.Smtp.To(Citizen).Count);
        await using var db = app.Db();
        Assert.DoesNotContain(await db.AuditTrail.Where(a => a.Entity == "Subscription").Select(a => (a.Before ?? "") + a.After).ToListAsync(), t => t.Contains(Citizen, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Members_who_have_not_approved_are_reminded_on_the_schedule_the_secretary_sets()
    {
        var (secretary, workspace, meetingId) = await PlanAsync("2026-12-15");
        await AddItemAsync(secretary, workspace, "Vintertjeneste");
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Publish", [], workspace);
        await AccountsApplication.PostForm(secretary, workspace + "?handler=Held", [], workspace);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApplication.PostForm(secretary, workspace + "?handler=Reminders", new() { ["days"] = "2" }, workspace)).StatusCode);
        Assert.Contains("Næste påmindelse", WebUtility.HtmlDecode(await secretary.GetStringAsync(U(workspace))), StringComparison.Ordinal);
        bool Reminded() => app.Smtp.To(AccountsApplication.Email("member")).Any(m => m.Subject!.StartsWith("Påmindelse", StringComparison.Ordinal) && m.TextBody!.Contains($"/moeder/{meetingId}", StringComparison.Ordinal));

        await app.SendMailAsync();
        Assert.False(Reminded()); // not due yet
        app.Clock.Now += TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1);
        await app.SendMailAsync();
        Assert.True(Reminded());
        var count = app.Smtp.To(AccountsApplication.Email("member")).Count;

        // Once the member has approved, the next round passes them by.
        var member = await app.As("member");
        var sheet = await member.GetStringAsync(U($"/moeder/{meetingId}"));
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync(U($"/moeder/{meetingId}?handler=Approve"), new FormUrlEncodedContent(AccountsApplication.WithHiddenFields(sheet, [])))).StatusCode);
        app.Clock.Now += TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1);
        await app.SendMailAsync();
        Assert.Equal(count, app.Smtp.To(AccountsApplication.Email("member")).Count);
    }
}
