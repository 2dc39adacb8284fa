using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Browser;

/// <summary>
/// The secretariat's whole week in Chromium, by clicking as people do: plan, build the agenda from a new case, an
/// existing case and a standard item, attach a file, publish; after the meeting record attendance, decisions and one
/// member's absence for an item, send one item on to the next body; the members approve; and a visitor who is not
/// logged in reads the final minutes with their hash and checks a downloaded copy. Every staff page on the way is
/// checked with axe-core and photographed at desktop and phone width.
/// </summary>
public sealed class SecretariatWalkthroughTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    const string Password = "en lang nok adgangskode";

    [Fact]
    public async Task A_meeting_goes_from_plan_to_signed_published_minutes_that_a_visitor_verifies()
    {
        var (secretaryEmail, key) = await SecretaryAsync();
        var existing = await ExistingCaseAsync();
        var page = await portal.NewPage(javaScript: true);
        await page.GotoAsync(portal.Url + "/log-ind");
        await page.GetByLabel("E-mail").FillAsync(secretaryEmail);
        await page.GetByLabel("Adgangskode").FillAsync(Password);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key, FixedClock.Today));
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(portal.Url + "/");

        // The next body's meeting, so the case has somewhere to go on to.
        var economy = await PlanAsync(page, "Økonomiudvalget", "2027-01-20");
        var workspace = await PlanAsync(page, "Teknik- og Miljøudvalget", "2027-01-12");
        await portal.Check(page, "sekretariat-moede-planlagt", null);

        var main = page.GetByRole(AriaRole.Main);
        await main.GetByLabel("Titel").FillAsync("Ny legeplads i Fjordparken");
        await main.GetByLabel("Sagsnummer (en ny eller en eksisterende sag)").FillAsync("27/0500");
        await main.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt" }).ClickAsync();
        await main.GetByLabel("Sagsnummer (en ny eller en eksisterende sag)").FillAsync(existing.CaseNumber);
        await main.GetByRole(AriaRole.Button, new() { Name = "Tilføj punkt" }).ClickAsync();
        await main.GetByRole(AriaRole.Button, new() { Name = "Meddelelser" }).ClickAsync();
        var agenda = page.Locator("ol.agenda-builder > li");
        await Assertions.Expect(agenda).ToHaveCountAsync(3);
        await agenda.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Gør lukket" }).ClickAsync();
        await Assertions.Expect(agenda.Nth(2)).ToContainTextAsync("(lukket punkt)");
        await agenda.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Gør åbent" }).ClickAsync();
        await Assertions.Expect(agenda.Nth(2)).Not.ToContainTextAsync("(lukket punkt)");
        await Assertions.Expect(agenda.Nth(1)).ToContainTextAsync($"2. {existing.Title}");

        // Item 1: its resumé written, a file attached.
        await page.GetByRole(AriaRole.Link, new() { Name = "1. Ny legeplads i Fjordparken" }).ClickAsync();
        var resume = page.Locator("section.section-editor").Filter(new() { HasText = "Resumé" });
        await resume.Locator("textarea").FillAsync("Forvaltningen foreslår en **ny legeplads** med plads til 40 børn.");
        await resume.GetByRole(AriaRole.Button, new() { Name = "Gem" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("er gemt");
        await page.GetByLabel("Vedhæft fil").SetInputFilesAsync(new FilePayload { Name = "Tegning.pdf", MimeType = "application/pdf", Buffer = SimplePdf("Legepladsen set fra Fjordvej") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vedhæft", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#bilag")).ToContainTextAsync("Tegning.pdf");
        await portal.Check(page, "sekretariat-punkt-bilag", null);
        await page.Locator(".crumbs a").ClickAsync();

        await Assertions.Expect(page.Locator("section.checks")).ToContainTextAsync("Ingen fund");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offentliggør dagsordenen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mødet er holdt – skriv referat" }).ClickAsync();
        await portal.Check(page, "sekretariat-moede-afholdt", null);

        var participants = await ParticipantsAsync(workspace);
        var away = participants[^1];
        var outForItem = participants[0];
        var attendance = page.Locator("ul.attendance > li").Filter(new() { HasText = away.Name });
        await attendance.GetByRole(AriaRole.Button, new() { Name = "Var fraværende" }).ClickAsync();
        await Assertions.Expect(page.Locator("ul.attendance > li").Filter(new() { HasText = away.Name })).ToContainTextAsync("fraværende (Afbud)");

        await Decide(page, "1. Ny legeplads i Fjordparken", "Godkendt.", absent: outForItem.Name);
        await page.Locator(".crumbs a").ClickAsync();
        await Decide(page, $"2. {existing.Title}", "Anbefales over for Økonomiudvalget.");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Sagen behandles i" }).SelectOptionAsync(new SelectOptionValue { Label = "Økonomiudvalget" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send videre" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sagen er sat på dagsordenen til Økonomiudvalgets møde 20-01-2027");
        await portal.Check(page, "sekretariat-punkt-beslutning", null);
        await page.Locator(".crumbs a").ClickAsync();
        await Decide(page, "3. Meddelelser", "Taget til efterretning.");

        // The case went on carrying this committee's decision, dated, as the 2020-12-16 sample prints two committees' decisions.
        await page.GotoAsync(portal.Url + economy);
        await page.GetByRole(AriaRole.Link, new() { Name = $"1. {existing.Title}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Beslutning Teknik- og Miljøudvalget den 12-01-2027");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Anbefales over for Økonomiudvalget.");

        // Each member present presses "Godkendt" for themselves; the last press makes the minutes final and public.
        foreach (var p in participants.Where(p => p.Id != away.Id))
        {
            var member = await portal.NewPage();
            await member.GotoAsync(portal.Url + "/log-ind");
            await member.GetByLabel("E-mail").FillAsync(p.Email);
            await member.GetByLabel("Adgangskode").FillAsync(Password);
            await member.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
            await member.GotoAsync(portal.Url + $"/moeder/{workspace.Split('/')[^1]}");
            await member.GetByRole(AriaRole.Button, new() { Name = "Godkendt" }).ClickAsync();
            await member.Context.CloseAsync();
        }

        var visitor = await portal.NewPage();
        await visitor.GotoAsync(portal.Url + $"/moeder/{workspace.Split('/')[^1]}");
        var minutes = visitor.GetByRole(AriaRole.Main);
        await Assertions.Expect(minutes).ToContainTextAsync("Underskrevet referat");
        await Assertions.Expect(minutes).ToContainTextAsync("Godkendt.");
        await Assertions.Expect(minutes).ToContainTextAsync("Tegning.pdf");
        var hash = (await visitor.Locator("dt:text-is('SHA-256') + dd code").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        var copy = await (await visitor.APIRequest.GetAsync(portal.Url + $"/moeder/{workspace.Split('/')[^1]}/referat.txt")).BodyAsync();
        Assert.Equal(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy)));
        var text = System.Text.Encoding.UTF8.GetString(copy);
        Assert.Matches($"Fraværende:\\s+{outForItem.Name}", text);
        await visitor.GotoAsync(portal.Url + "/signatur");
        await visitor.GetByLabel("Referatet (tekstfil)").SetInputFilesAsync(new FilePayload { Name = "referat.txt", MimeType = "text/plain", Buffer = copy });
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Tjek" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Main)).ToContainTextAsync("Ægte og uændret");
    }

    /// <summary>Plans a meeting of one body from the desk and returns its workspace's path.</summary>
    async Task<string> PlanAsync(IPage page, string body, string date)
    {
        await page.GotoAsync(portal.Url + "/sekretariat");
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Planlæg mødet" }) });
        foreach (var box in await form.GetByRole(AriaRole.Checkbox).AllAsync()) await box.UncheckAsync();
        await form.GetByLabel(body).CheckAsync();
        await form.GetByLabel("Dato").FillAsync(date);
        await form.GetByLabel("Klokken").FillAsync("16:00");
        await form.GetByLabel("Mødested").FillAsync("Mødelokale 2, Rådhuset");
        await form.GetByRole(AriaRole.Button, new() { Name = "Planlæg mødet" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sekretariat/moeder/\\d+$"));
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Opens an item from the meeting's workspace and records its decision (and who was away for it).</summary>
    static async Task Decide(IPage page, string item, string decision, string? absent = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = item }).ClickAsync();
        await page.GetByLabel("Beslutningen, som den skal stå i referatet").FillAsync(decision);
        if (absent is not null) await page.Locator("fieldset").Filter(new() { HasText = "Fraværende under punktet" }).GetByLabel(absent).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem beslutning" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Beslutningen");
    }

    static byte[] SimplePdf(string text)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var pdfPage = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        pdfPage.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 750), builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica));
        return builder.Build();
    }

    /// <summary>A secretary of the Teknik- og Miljøudvalget and the Økonomiudvalget with the authenticator app set up, and a password-login account for every member of the first.</summary>
    async Task<(string Email, string Key)> SecretaryAsync()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var bodies = await db.Bodies.Where(b => b.Slug == "teknik-og-miljoeudvalget" || b.Slug == "oekonomiudvalget").Select(b => b.Id).ToListAsync();
        var secretary = new Account { Name = "Sekretær Sørensen", Email = "walk.sekretaer@fjordby.dk", UserName = "walk.sekretaer@fjordby.dk", Role = AccountRole.Secretary };
        secretary.SecretaryOf.AddRange(bodies.Select(b => new SecretaryBody { BodyId = b }));
        Assert.True((await users.CreateAsync(secretary, Password)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(secretary);
        await users.SetTwoFactorEnabledAsync(secretary, true);
        var key = (await users.GetAuthenticatorKeyAsync(secretary))!;
        var teknik = bodies.Count == 2 ? await db.Bodies.Where(b => b.Slug == "teknik-og-miljoeudvalget").Select(b => b.Id).SingleAsync() : 0;
        foreach (var seat in await db.Memberships.Include(m => m.Person).Where(m => m.BodyId == teknik).ToListAsync())
        {
            var email = $"walk.{seat.Person.Slug}@fjordby.dk";
            if (await users.FindByEmailAsync(email) is null)
                Assert.True((await users.CreateAsync(new Account { Name = seat.Person.Name, Email = email, UserName = email, PersonId = seat.PersonId }, Password)).Succeeded);
        }
        return (secretary.Email, key);
    }

    sealed record Seat(int Id, string Name, string Email);

    async Task<List<Seat>> ParticipantsAsync(string workspace)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var id = int.Parse(workspace.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        return (await db.Set<Participant>().Where(p => p.MeetingId == id).OrderBy(p => p.Order).Select(p => new { p.Id, p.Name, p.PersonId }).ToListAsync())
            .Select(p => new Seat(p.Id, p.Name, $"walk.{db.People.Single(x => x.Id == p.PersonId).Slug}@fjordby.dk")).ToList();
    }

    /// <summary>An open case the committee treated before, with its number and title.</summary>
    async Task<(string CaseNumber, string Title)> ExistingCaseAsync()
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var item = await db.Items.Where(i => !i.IsClosed && i.CaseNumber != null && i.Meeting.Bodies.Any(b => b.Body.Slug == "teknik-og-miljoeudvalget") && i.Meeting.State == MeetingState.MinutesPublished)
            .OrderBy(i => i.Meeting.StartsAt).Select(i => new { i.CaseNumber, i.Title }).FirstAsync();
        return (item.CaseNumber!, item.Title);
    }
}
