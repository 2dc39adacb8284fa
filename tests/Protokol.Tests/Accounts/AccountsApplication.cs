using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Protokol.Accounts;
using Protokol.Import;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Tests.Accounts;

/// <summary>
/// The real portal on a SQLite file with the demo minutes, where the closed item of the Teknik- og Miljøudvalget's
/// meeting of 13 January 2026 carries planted marker phrases (imported the one way meetings come in), and an
/// account for each kind of person: a member of that committee, a member of another committee only, the
/// committee's secretary (with a second factor) and an administrator (with a second factor).
/// </summary>
public sealed class AccountsApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "en lang nok adgangskode";
    /// <summary>Found only in the closed item's content: its resumé and its decision.</summary>
    public const string Marker = "zebrafinkeprojektet";
    public const string DecisionMarker = "Markørbeslutning-QX7";
    public const string Body = "teknik-og-miljoe";
    /// <summary>Only in the draft agenda of a planned meeting (8 December 2026), which only staff see.</summary>
    public const string PlannedMarker = "udkastmarkoeren";
    /// <summary>Only in a decision of a held meeting whose minutes are not published (8 September 2026).</summary>
    public const string HeldMarker = "beslutningsudkastet";
    public int PlannedMeetingId { get; private set; }
    public int HeldMeetingId { get; private set; }

    readonly TempDatabase database = new();
    public TestClock Clock { get; } = new(FixedClock.Today);
    /// <summary>The mail server the app sends to: a real SMTP server on loopback.</summary>
    public Mail.SmtpSink Smtp { get; } = new();
    public string DatabasePath => database.Store;
    public int ClosedItemId { get; private set; }
    /// <summary>A file (bilag.txt) of the closed item whose content carries the marker.</summary>
    public int ClosedAttachmentId { get; private set; }
    public int MeetingId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public string MemberSlug { get; private set; } = "";
    public Dictionary<string, string> AuthenticatorKeys { get; } = [];

    public static readonly string[] People = ["member", "outsider", "secretary", "admin"];
    public static string Email(string who) => $"{who}@fjordby.dk";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Protokol:Database", database.Store);
        builder.UseSetting("Protokol:Search:Folder", database.SearchFolder);
        builder.UseSetting("Protokol:SigningKey", database.SigningKey);
        builder.UseSetting("Protokol:DemoData", Samples.Demo);
        builder.UseSetting("Protokol:LoginAttemptsPerMinute", "1000");
        builder.UseSetting("Protokol:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Protokol:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Protokol:Smtp:Security", "None");
        builder.UseSetting("Protokol:Smtp:PollSeconds", "3600"); // tests deliver with SendMailAsync, at the moment they choose
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the app: migrations and demo data
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        await PlantMarkersAsync(db);
        PlannedMeetingId = await PlantAsync(db, "2026-12-08_teknik-og-miljoe.txt", "Høringen sluttede den 13. november 2026", $"Høringen ({PlannedMarker}) sluttede den 13. november 2026", MeetingState.Planned);
        HeldMeetingId = await PlantAsync(db, "2026-09-08_teknik-og-miljoe.txt", "før mødet. Taget til efterretning.", $"før mødet. {HeldMarker}. Taget til efterretning.", MeetingState.Held);
        var item = await db.Items.Include(i => i.Meeting).SingleAsync(i => i.IsClosed && i.Meeting.SourceKey == "referat:teknik-og-miljoeudvalget:2026-01-13T16:00");
        (ClosedItemId, MeetingId, CaseNumber) = (item.Id, item.MeetingId, item.CaseNumber!);
        var content = System.Text.Encoding.UTF8.GetBytes($"Bilag om {Marker}.");
        var sha = AttachmentFiles.Hash(content);
        db.Files.Add(new StoredFile { Sha256 = sha, Content = content, Length = content.Length, ContentType = "text/plain; charset=utf-8", Text = "", TextState = FileText.Read });
        var attachment = new Attachment { AgendaItemId = item.Id, Name = "bilag.txt", FileSha256 = sha, Length = content.Length, Order = 99 };
        db.Add(attachment);
        await db.SaveChangesAsync();
        ClosedAttachmentId = attachment.Id;

        var body = await db.Bodies.SingleAsync(b => b.Slug == "teknik-og-miljoeudvalget");
        var member = await db.People.SingleAsync(p => p.Slug == "lars-broendum");
        MemberSlug = member.Slug;
        var outsider = await db.People.FirstAsync(p => p.Memberships.Any() && !p.Memberships.Any(m => m.BodyId == body.Id));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        await AddAsync(users, "member", AccountRole.Member, member.Id, null);
        await AddAsync(users, "outsider", AccountRole.Member, outsider.Id, null);
        await AddAsync(users, "secretary", AccountRole.Secretary, null, body.Id);
        await AddAsync(users, "admin", AccountRole.Admin, null, null);
    }

    /// <summary>The demo minutes again, with markers in the closed item: an import that updates the meeting.</summary>
    async Task PlantMarkersAsync(ProtokolDb db)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt"));
        Assert.Contains("Ejendommen Havnevej 14 grænser op", text, StringComparison.Ordinal);
        text = text.Replace("Ejendommen Havnevej 14 grænser op", $"Ejendommen ({Marker}) Havnevej 14 grænser op", StringComparison.Ordinal);
        const string Decided = "Anbefales over for Økonomiudvalget og Byrådet.";
        var decision = text.IndexOf(Decided, text.IndexOf("Punkt 5: Lukket", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(decision > 0, "the closed item's decision moved in the demo minutes");
        text = text.Insert(decision + Decided.Length, $" {DecisionMarker}.");
        var file = Path.Combine(database.Folder, "2026-01-13_teknik-og-miljoe.txt");
        await File.WriteAllTextAsync(file, text);
        var result = await new ArchiveImport(db).ImportAsync(file);
        Assert.Equal(FileOutcome.Updated, result.Outcome);
    }

    /// <summary>A demo document with a marker, imported, then put back in an earlier state (as the secretariat's own meetings are).</summary>
    async Task<int> PlantAsync(ProtokolDb db, string demo, string find, string replace, MeetingState state)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Samples.Demo, demo));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var file = Path.Combine(database.Folder, demo);
        await File.WriteAllTextAsync(file, text.Replace(find, replace, StringComparison.Ordinal));
        var result = await new ArchiveImport(db).ImportAsync(file);
        Assert.Equal(FileOutcome.Updated, result.Outcome);
        var meeting = await db.Meetings.SingleAsync(m => m.SourceKey == result.MeetingKey);
        meeting.State = state;
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    async Task AddAsync(UserManager<Account> users, string who, AccountRole role, int? person, int? secretaryOf)
    {
        var account = new Account { Name = $"Test {who}", Email = Email(who), UserName = Email(who), Role = role, PersonId = person };
        if (secretaryOf is { } b) account.SecretaryOf.Add(new SecretaryBody { BodyId = b });
        var created = await users.CreateAsync(account, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (!account.RequiresTwoFactor) return;
        await users.ResetAuthenticatorKeyAsync(account);
        AuthenticatorKeys[who] = (await users.GetAuthenticatorKeyAsync(account))!;
        await users.SetTwoFactorEnabledAsync(account, true);
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (so tests see them).</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client logged in as one of <see cref="People"/> ("public": nobody), through the login pages with the second factor where the role needs one.</summary>
    public async Task<HttpClient> As(string who)
    {
        var client = Client();
        if (who == "public") return client;
        var response = await PostForm(client, "/log-ind", new() { ["Email"] = Email(who), ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (AuthenticatorKeys.TryGetValue(who, out var key))
        {
            Assert.StartsWith("/log-ind/totrin", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            response = await PostForm(client, response.Headers.Location.OriginalString, new() { ["Code"] = NextCode(key) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>
    /// The code the app shows half a minute later than the last one asked for: each code logs in once, so every
    /// login with a second factor moves the clock on a step.
    /// </summary>
    public string NextCode(string key)
    {
        Clock.Now += TimeSpan.FromSeconds(30);
        return Totp.Code(key, Clock.Now);
    }

    /// <summary>Fetches the form's page, then posts the fields with its hidden fields (the antiforgery token among them), as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(new Uri(formPage ?? url, UriKind.Relative));
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(WithHiddenFields(page, fields)));
    }

    public static Dictionary<string, string> WithHiddenFields(string page, Dictionary<string, string> fields)
    {
        foreach (Match m in Regex.Matches(page, "<input type=\"hidden\" (?:data-[^>]*? )?id=\"[^\"]*\" name=\"([^\"]+)\" value=\"([^\"]*)\""))
            fields.TryAdd(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value));
        fields.TryAdd("__RequestVerificationToken", AntiforgeryToken(page));
        return fields;
    }

    public static string AntiforgeryToken(string html)
    {
        var m = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(m.Success, "no antiforgery token on the page");
        return m.Groups[1].Value;
    }

    public int AccountId(string who)
    {
        using var db = Db();
        return db.Accounts.Single(a => a.Email == Email(who)).Id;
    }

    public ProtokolDb Db() => Services.CreateScope().ServiceProvider.GetRequiredService<ProtokolDb>();

    /// <summary>Delivers the outbox (and any reminders due) to the SMTP server now.</summary>
    public Task<int> SendMailAsync() => Services.GetRequiredService<Protokol.Mail.MailSender>().RunOnceAsync(default);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        database.Dispose();
        Smtp.Dispose();
    }
}
