using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Protokol.Accounts;
using Protokol.Storage;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Browser;

/// <summary>
/// A committee member's path in Chromium without JavaScript: the closed item of their own committee before, while
/// and after they are logged in; and an axe-core check and photographs of every account page.
/// </summary>
public class AccountBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    const string Password = "en lang nok adgangskode";
    /// <summary>From the closed item "Køb af ejendom på Havnevej 14" (Teknik- og Miljøudvalget, 13 January 2026): only its readers see it.</summary>
    const string ClosedText = "grænser op til kommunens arealer";

    [Fact]
    public async Task A_member_reads_the_closed_item_of_their_committee_only_while_logged_in()
    {
        await CreateAccount("lars.broendum@fjordby.dk", AccountRole.Member, "lars-broendum");
        var closedItem = await ClosedItem();
        var page = await portal.NewPage();
        var header = page.GetByRole(AriaRole.Banner);

        await page.GotoAsync(portal.Url + "/udvalg/teknik-og-miljoeudvalget");
        await page.GetByRole(AriaRole.Link, new() { Name = "tirsdag d. 13. januar 2026 kl. 16.00" }).ClickAsync();
        var meetingUrl = page.Url;
        var item = page.Locator($"#punkt-{closedItem.Id}");
        await Assertions.Expect(item.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Køb af ejendom på Havnevej 14");
        await Assertions.Expect(item.Locator(".closed-note")).ToHaveTextAsync("Lukket punkt");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(ClosedText);

        await header.GetByRole(AriaRole.Link, new() { Name = "Log ind" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("lars.broendum@fjordby.dk");
        await page.GetByLabel("Adgangskode").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Log ud" })).ToBeVisibleAsync();

        await page.GotoAsync(meetingUrl);
        await Assertions.Expect(item.Locator(".closed-badge")).ToContainTextAsync("Lukket punkt");
        await Assertions.Expect(item).ToContainTextAsync(ClosedText);

        await Search(page, "Havnevej");
        var hit = ClosedHit(page, closedItem.Id);
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        await Assertions.Expect(hit).ToContainTextAsync("(lukket punkt)");

        await header.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Link, new() { Name = "Log ind" })).ToBeVisibleAsync();
        await page.GotoAsync(meetingUrl);
        await Assertions.Expect(item.Locator(".closed-note")).ToHaveTextAsync("Lukket punkt");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(ClosedText);
        await Search(page, "Havnevej");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("fundet for »Havnevej«");
        await Assertions.Expect(ClosedHit(page, closedItem.Id)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(ClosedText);
    }

    [Fact]
    public async Task Every_account_page_passes_axe_and_is_photographed_at_desktop_and_phone_width()
    {
        var member = await CreateAccount("axe.medlem@fjordby.dk", AccountRole.Member, "lars-broendum");
        var admin = await CreateAccount("axe.admin@fjordby.dk", AccountRole.Admin, null);
        var key = await EnableAuthenticator(admin);
        var token = await PasswordLinkFor(await CreateAccount("axe.ny@fjordby.dk", AccountRole.Member, null, password: null));
        var closedItem = await ClosedItem();

        var visitor = await portal.NewPage(javaScript: true);
        await Check(visitor, "konto-log-ind", "/log-ind");
        await Check(visitor, "konto-ny-adgangskode", $"/konto/ny-adgangskode/{token}");
        await Assertions.Expect(visitor.GetByLabel("Ny adgangskode")).ToBeVisibleAsync();
        await Check(visitor, "foelg", "/foelg?udvalg=teknik-og-miljoeudvalget");
        await Check(visitor, "foelg-bekraeft", "/foelg/bekraeft/0000");
        await Check(visitor, "foelg-afmeld", "/foelg/afmeld/0000");

        var reader = await portal.NewPage(javaScript: true);
        await LogIn(reader, member.Email!);
        await Check(reader, "konto", "/konto");
        await Check(reader, "konto-adgangskode", "/konto/adgangskode");
        await Check(reader, "konto-totrin", "/konto/totrin");
        // Opened twice (once per width): making the key on the first visit must not end the login that asked for it.
        await Assertions.Expect(reader.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log ud" })).ToBeVisibleAsync();
        await Assertions.Expect(reader.Locator(".totp-key")).Not.ToBeEmptyAsync();
        await Check(reader, "konto-log-ud", "/log-ud");
        await Check(reader, "konto-moede-lukket", $"/moeder/{closedItem.MeetingId}#punkt-{closedItem.Id}");
        await Assertions.Expect(reader.Locator($"#punkt-{closedItem.Id} .closed-badge")).ToBeVisibleAsync();
        await Check(reader, "konto-soeg-lukket", "/soeg?q=Havnevej");
        await Assertions.Expect(ClosedHit(reader, closedItem.Id)).ToHaveCountAsync(1);

        var administrator = await portal.NewPage(javaScript: true);
        await LogIn(administrator, admin.Email!);
        await Assertions.Expect(administrator).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/log-ind/totrin"));
        await Check(administrator, "konto-log-ind-totrin", null);
        await administrator.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key, FixedClock.Today));
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await Assertions.Expect(administrator).ToHaveURLAsync(portal.Url + "/");
        await Check(administrator, "konto-adgangslog", "/admin/adgangslog");
        // The member's reading above is in the log, so the table is checked too.
        await Assertions.Expect(administrator.GetByRole(AriaRole.Table)).ToContainTextAsync("axe.medlem@fjordby.dk");
        await Check(administrator, "admin-konti", "/admin/konti");
        await Check(administrator, "admin-konto", $"/admin/konti/{admin.Id}");
        await Check(administrator, "sekretariat", "/sekretariat");
        await Check(administrator, "sekretariat-moede", $"/sekretariat/moeder/{closedItem.MeetingId}");
        await Check(administrator, "sekretariat-punkt", $"/sekretariat/punkter/{closedItem.Id}");
    }

    Task Check(IPage page, string name, string? path) => portal.Check(page, name, path);

    [Fact]
    public async Task Every_roster_page_passes_axe_and_is_photographed_at_desktop_and_phone_width()
    {
        var admin = await CreateAccount("axe.medlemmer@fjordby.dk", AccountRole.Admin, null);
        var key = await EnableAuthenticator(admin);
        var (teknik, seat) = await RosterIds();
        var page = await portal.NewPage(javaScript: true);
        await LogIn(page, admin.Email!);
        await page.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key, FixedClock.Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(portal.Url + "/");

        await Check(page, "sekretariat-udvalg", "/sekretariat/udvalg");
        await Check(page, "sekretariat-udvalg-medlemmer", $"/sekretariat/udvalg/{teknik}");
        // A name that is taken: the picker asks who is meant.
        var add = page.GetByRole(AriaRole.Main).Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlemmet" }) });
        await add.GetByLabel("Navn").FillAsync("Mette Kjærgaard");
        await add.GetByLabel("Første dag").FillAsync("2026-12-01");
        await add.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlemmet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Hvem er det?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Hvem er det?" }).ScrollIntoViewIfNeededAsync();
        await Check(page, "sekretariat-udvalg-hvem", null);
        await Check(page, "sekretariat-plads", $"/sekretariat/pladser/{seat}");
        await Check(page, "sekretariat-medlemsliste", $"/sekretariat/medlemsliste/{teknik}");
        await Upload(page, "navn;rolle;start;slut\nNiels Bak;formand;;\nOline Krag;;31-02-2026;\nTorben Aagaard;;;\n");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Linje 3, start: »31-02-2026« er ikke en dato.");
        await Check(page, "sekretariat-medlemsliste-fejl", null);
        await Upload(page, "navn;rolle;start;slut\nNiels Bak;formand;01-12-2026;\nPia Lykkegaard;næstformand;;\nJens Peter Holst;;;30-11-2026\nTorben Aagaard;;;\n");
        await Check(page, "sekretariat-medlemsliste-forhaandsvisning", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gennemfør ændringerne" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Medlemslisten er importeret: 3 ændringer er gemt.");

        // Without JavaScript, by keyboard: a member added (Enter in the form) and their seat ended.
        var keyboard = await portal.NewPage();
        await LogIn(keyboard, admin.Email!);
        await keyboard.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key, FixedClock.Today.AddSeconds(30)));
        await keyboard.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await keyboard.GotoAsync($"{portal.Url}/sekretariat/udvalg/{teknik}");
        await keyboard.GetByLabel("Navn", new() { Exact = true }).First.FillAsync("Ulla Mørk");
        await keyboard.GetByLabel("Rolle").FillAsync("medlem");
        await keyboard.GetByLabel("Første dag").FillAsync("2026-01-01");
        await keyboard.GetByLabel("Første dag").PressAsync("Enter");
        var ulla = keyboard.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Ulla Mørk" });
        await Assertions.Expect(ulla).ToContainTextAsync("Ulla Mørk – medlem, fra 01-01-2026");
        await ulla.GetByLabel("Sidste dag").FillAsync("2026-06-30");
        await ulla.GetByRole(AriaRole.Button, new() { Name = "Afslut pladsen for Ulla Mørk" }).FocusAsync();
        await keyboard.Keyboard.PressAsync("Enter");
        var former = keyboard.Locator("section").Filter(new() { Has = keyboard.GetByRole(AriaRole.Heading, new() { Name = "Tidligere medlemmer" }) });
        await Assertions.Expect(former).ToContainTextAsync("Ulla Mørk – medlem, fra 01-01-2026 til 30-06-2026");
    }

    static async Task Upload(IPage page, string csv)
    {
        await page.GetByLabel("Medlemslisten (CSV)").SetInputFilesAsync(new FilePayload { Name = "medlemmer.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis hvad der ændres" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Det ændrer filen" })).ToBeVisibleAsync();
    }

    async Task<(int Body, int Seat)> RosterIds()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var seat = await db.Memberships.FirstAsync(m => m.Body.Slug == "teknik-og-miljoeudvalget" && m.Person.Slug == "camilla-friis-noergaard");
        return (seat.BodyId, seat.Id);
    }


    async Task LogIn(IPage page, string email)
    {
        await page.GotoAsync(portal.Url + "/log-ind");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
    }

    static async Task Search(IPage page, string words)
    {
        var form = page.GetByRole(AriaRole.Search, new() { Name = "Hurtigsøgning" });
        await form.GetByRole(AriaRole.Searchbox).FillAsync(words);
        await form.GetByRole(AriaRole.Button, new() { Name = "Søg" }).ClickAsync();
    }

    static ILocator ClosedHit(IPage page, int itemId) =>
        page.Locator("ol.hits > li").Filter(new() { Has = page.Locator($"a[href='/punkter/{itemId}']") });

    async Task<AgendaItemRef> ClosedItem()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var item = await db.Items.SingleAsync(i => i.IsClosed && i.Meeting.SourceKey == "referat:teknik-og-miljoeudvalget:2026-01-13T16:00");
        return new(item.Id, item.MeetingId);
    }

    sealed record AgendaItemRef(int Id, int MeetingId);

    /// <summary>An account as an administrator makes it; without a password it waits for its password link.</summary>
    async Task<Account> CreateAccount(string email, AccountRole role, string? personSlug, string? password = Password)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var person = personSlug is null ? null : await db.People.SingleAsync(p => p.Slug == personSlug);
        var account = new Account { Name = $"Test {email.Split('@')[0]}", Email = email, UserName = email, Role = role, PersonId = person?.Id };
        var created = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return account;
    }

    /// <summary>Sets up the authenticator app for the account, as it would on /konto/totrin, and returns its key.</summary>
    async Task<string> EnableAuthenticator(Account account)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var stored = await users.FindByIdAsync(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await users.ResetAuthenticatorKeyAsync(stored!);
        var key = await users.GetAuthenticatorKeyAsync(stored!);
        await users.SetTwoFactorEnabledAsync(stored!, true);
        return key!;
    }

    async Task<string> PasswordLinkFor(Account account)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var token = await PasswordLink.IssueAsync(db, await db.Accounts.SingleAsync(a => a.Id == account.Id), CancellationToken.None);
        await db.SaveChangesAsync();
        return token;
    }
}
