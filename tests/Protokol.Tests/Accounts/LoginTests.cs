using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Pages = Protokol.Accounts.Pages;

namespace Protokol.Tests.Accounts;

public sealed class LoginTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);

    async Task<string> NewAccount(string who, AccountRole role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var email = $"{who}-{Guid.NewGuid():N}@fjordby.dk";
        Assert.True((await users.CreateAsync(new Account { Name = who, Email = email, UserName = email, Role = role }, AccountsApplication.Password)).Succeeded);
        return email;
    }

    static Task<HttpResponseMessage> LogIn(HttpClient client, string email, string password) =>
        AccountsApplication.PostForm(client, "/log-ind", new() { ["Email"] = email, ["Password"] = password });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused()
    {
        var email = await NewAccount("laas", AccountRole.Member);
        var client = app.Client();
        for (var i = 0; i < 5; i++)
            Assert.Contains(Pages.LogIndModel.Refused, WebUtility.HtmlDecode(await (await LogIn(client, email, "forkert adgangskode " + i)).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var locked = await LogIn(client, email, AccountsApplication.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        // The same words as for an e-mail without an account: the page tells nobody which accounts exist.
        Assert.Contains(Pages.LogIndModel.Refused, WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains(Pages.LogIndModel.Refused, WebUtility.HtmlDecode(await (await LogIn(client, "ingen@fjordby.dk", "hvad som helst")).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using var db = app.Db();
        Assert.True((await db.Accounts.SingleAsync(a => a.Email == email)).LockoutEnd > app.Clock.Now);
    }

    [Fact]
    public async Task Login_attempts_are_rate_limited_per_client()
    {
        // Its own portal, with the default limit of 10 a minute.
        using var limited = new LimitedPortal();
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync(U("/log-ind"));
        var token = AccountsApplication.AntiforgeryToken(page);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await client.PostAsync(U("/log-ind"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = "ingen@fjordby.dk", ["Password"] = "forkert adgangskode",
            }))).StatusCode);
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U("/log-ind"))).StatusCode);
    }

    [Fact]
    public async Task A_secretary_sets_up_an_authenticator_and_then_logs_in_with_a_code_or_a_recovery_code()
    {
        var email = await NewAccount("sekretaer", AccountRole.Secretary);
        var client = app.Client();
        var login = await LogIn(client, email, AccountsApplication.Password);
        Assert.Equal("/konto/totrin", login.Headers.Location!.OriginalString);
        // Until the second factor is set up, the secretary counts as no more than a member.
        Assert.Contains("kun adgang som almindeligt medlem", await client.GetStringAsync(U("/konto/totrin")), StringComparison.Ordinal);
        var page = await client.GetStringAsync(U("/konto/totrin"));
        var key = Regex.Match(WebUtility.HtmlDecode(page), "class=\"totp-key\">([a-z0-9 ]+)<").Groups[1].Value;
        Assert.True(key.Length >= 32, page);
        // Someone else with the password who opens the page meanwhile gets a key of their own, never this one.
        var stranger = app.Client();
        await LogIn(stranger, email, AccountsApplication.Password);
        Assert.DoesNotContain(key, WebUtility.HtmlDecode(await stranger.GetStringAsync(U("/konto/totrin"))), StringComparison.Ordinal);
        var enabled = await client.PostAsync(U("/konto/totrin?handler=Enable"), new FormUrlEncodedContent(
            AccountsApplication.WithHiddenFields(page, new() { ["Code"] = app.NextCode(key) })));
        var codes = Regex.Matches(await enabled.Content.ReadAsStringAsync(), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);

        var fresh = app.Client();
        var second = await LogIn(fresh, email, AccountsApplication.Password);
        Assert.StartsWith("/log-ind/totrin", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var wrong = await AccountsApplication.PostForm(fresh, "/log-ind/totrin", new() { ["Code"] = "000000" });
        Assert.Contains("Koden er forkert", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var code = app.NextCode(key);
        var right = await AccountsApplication.PostForm(fresh, "/log-ind/totrin", new() { ["Code"] = code });
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        // The same code again, still within its half minute, is refused: each code logs in once.
        var replay = app.Client();
        await LogIn(replay, email, AccountsApplication.Password);
        Assert.Contains("Koden er forkert, brugt eller udløbet", WebUtility.HtmlDecode(await (await AccountsApplication.PostForm(replay, "/log-ind/totrin", new() { ["Code"] = code })).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // New recovery codes take a code from the app.
        var noCode = await AccountsApplication.PostForm(fresh, "/konto/totrin?handler=RecoveryCodes", new() { ["Code"] = "123456" }, "/konto/totrin");
        Assert.DoesNotContain("<li><code>", await noCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var renewed = await AccountsApplication.PostForm(fresh, "/konto/totrin?handler=RecoveryCodes", new() { ["Code"] = app.NextCode(key) }, "/konto/totrin");
        Assert.Equal(10, Regex.Count(await renewed.Content.ReadAsStringAsync(), "<li><code>"));
        codes = Regex.Matches(await renewed.Content.ReadAsStringAsync(), "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.DoesNotContain("almindeligt medlem", await fresh.GetStringAsync(U("/konto")), StringComparison.Ordinal);

        var third = app.Client();
        await LogIn(third, email, AccountsApplication.Password);
        var recovered = await AccountsApplication.PostForm(third, "/log-ind/totrin", new() { ["Code"] = codes[0], ["Recovery"] = "true" });
        Assert.Equal("/", recovered.Headers.Location!.OriginalString);
        // A recovery code works once.
        var fourth = app.Client();
        await LogIn(fourth, email, AccountsApplication.Password);
        var reused = await AccountsApplication.PostForm(fourth, "/log-ind/totrin", new() { ["Code"] = codes[0], ["Recovery"] = "true" });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    [Fact]
    public async Task A_one_time_link_sets_the_password_once_and_expires_after_24_hours()
    {
        var email = await NewAccount("link", AccountRole.Member);
        string Issue()
        {
            using var db = app.Db();
            var account = db.Accounts.Single(a => a.Email == email);
            var token = PasswordLink.IssueAsync(db, account, default).GetAwaiter().GetResult();
            db.SaveChanges();
            return token;
        }
        var client = app.Client();
        var token = Issue();
        var url = $"/konto/ny-adgangskode/{token}";
        var tooShort = await AccountsApplication.PostForm(client, url, new() { ["New"] = "kort", ["Repeat"] = "kort" });
        Assert.Contains("mindst 12 tegn", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var set = await AccountsApplication.PostForm(client, url, new() { ["New"] = "et helt nyt kodeord til mig", ["Repeat"] = "et helt nyt kodeord til mig" });
        Assert.Contains("Din adgangskode er gemt", WebUtility.HtmlDecode(await set.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LogIn(app.Client(), email, "et helt nyt kodeord til mig")).StatusCode);

        var reused = WebUtility.HtmlDecode(await client.GetStringAsync(U(url)));
        Assert.Contains("allerede brugt", reused, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" class=\"account-form\">", reused, StringComparison.Ordinal);

        var late = Issue();
        app.Clock.Now += TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1); // time only moves on: codes already used stay used
        {
            var expired = await client.PostAsync(U($"/konto/ny-adgangskode/{late}"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AccountsApplication.AntiforgeryToken(await client.GetStringAsync(U("/log-ind"))),
                ["New"] = "et kodeord for sent sat ind", ["Repeat"] = "et kodeord for sent sat ind",
            }));
            Assert.Contains("udløbet", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await LogIn(app.Client(), email, "et kodeord for sent sat ind")).StatusCode); // refused: still the old one
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(U("/konto/ny-adgangskode/ukendt"))).StatusCode);
    }

    [Fact]
    public async Task A_member_changes_the_password_and_logs_out()
    {
        var email = await NewAccount("skift", AccountRole.Member);
        var client = app.Client();
        await LogIn(client, email, AccountsApplication.Password);
        var elsewhere = app.Client();
        await LogIn(elsewhere, email, AccountsApplication.Password);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(U("/konto"))).StatusCode);
        var changed = await AccountsApplication.PostForm(client, "/konto/adgangskode", new()
        {
            ["Current"] = AccountsApplication.Password, ["New"] = "mit nye lange kodeord", ["Repeat"] = "mit nye lange kodeord",
        });
        Assert.Contains("Din adgangskode er skiftet", WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U("/konto"))).StatusCode);
        // The login on the other device ends with the old password.
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync(U("/konto"))).StatusCode);
        var logout = await AccountsApplication.PostForm(client, "/log-ud", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(U("/konto"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LogIn(app.Client(), email, "mit nye lange kodeord")).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_signed_in_pages_are_never_cached()
    {
        var client = app.Client();
        foreach (var url in new[] { "/", "/log-ind", "/findes-ikke", "/site.css", "/udvalg/teknik-og-miljoeudvalget/referater.rss" })
        {
            var r = await client.GetAsync(U(url));
            var csp = string.Join("", r.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", r.Headers.GetValues("Referrer-Policy").Single());
        }
        var publicFront = await client.GetAsync(U("/"));
        Assert.DoesNotContain("private", publicFront.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var member = await app.As("member");
        var front = await member.GetAsync(U("/"));
        Assert.True(front.Headers.CacheControl!.Private && front.Headers.CacheControl.NoStore);
        var set = (await app.Client().GetAsync(U("/log-ind"))).Headers.GetValues("Set-Cookie").ToList();
        Assert.All(set, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        var login = await LogIn(app.Client(), AccountsApplication.Email("member"), AccountsApplication.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("protokol=", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Logging_out_ends_the_login_even_for_a_copy_of_its_cookie()
    {
        var email = await NewAccount("kopi", AccountRole.Member);
        var client = app.Client();
        var login = await LogIn(client, email, AccountsApplication.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("protokol=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(U("/konto"))).StatusCode);
        await AccountsApplication.PostForm(client, "/log-ud", []);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync(U("/konto"))).StatusCode);
    }

    [Fact]
    public async Task A_return_address_leads_only_to_this_site_and_may_hold_any_letter()
    {
        var email = await NewAccount("retur", AccountRole.Member);
        foreach (var (asked, expected) in new[] { ("/soeg?q=møde", "/soeg?q=m%C3%B8de"), ("//evil.example/x", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/") })
        {
            var login = await AccountsApplication.PostForm(app.Client(), "/log-ind", new() { ["Email"] = email, ["Password"] = AccountsApplication.Password, ["ReturnUrl"] = asked });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(expected, login.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_shows_is_405()
    {
        var member = await app.As("member");
        var token = AccountsApplication.AntiforgeryToken(await member.GetStringAsync(U("/")));
        foreach (var url in new[] { $"/moeder/{app.MeetingId}", $"/punkter/{app.ClosedItemId}", "/udvalg/byraadet", "/soeg?q=budget" })
        {
            var response = await member.PostAsync(U(url), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("PROPFIND")]
    [InlineData("DELETE")]
    public async Task Unknown_methods_get_405_never_500(string method)
    {
        var response = await app.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), U($"/moeder/{app.MeetingId}")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Staff_keep_their_role_when_the_login_is_checked_again_later()
    {
        var admin = await app.As("admin");
        app.Clock.Now += TimeSpan.FromMinutes(10); // past the security-stamp check's interval: Identity rebuilds the login's claims
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(U("/admin/adgangslog"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(U("/admin/adgangslog"))).StatusCode);
    }

    [Fact]
    public async Task Staff_without_a_second_factor_count_as_members()
    {
        using var db = app.Db();
        var email = await NewAccount("admin-uden-totrin", AccountRole.Admin);
        var client = app.Client();
        await LogIn(client, email, AccountsApplication.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(U("/admin/adgangslog"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("admin")).GetAsync(U("/admin/adgangslog"))).StatusCode);
        Assert.True(await db.Accounts.AnyAsync(a => a.Email == email));
    }

    /// <summary>A portal with no demo data and the login limit as shipped.</summary>
    sealed class LimitedPortal : WebApplicationFactory<Program>
    {
        readonly TempDatabase database = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Protokol:Database", database.Store);
            builder.UseSetting("Protokol:Search:Folder", database.SearchFolder);
            builder.UseSetting("Protokol:SigningKey", database.SigningKey);
            builder.UseSetting("Protokol:DemoData", "");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) database.Dispose();
        }
    }
}
