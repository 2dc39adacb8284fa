using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;

namespace Protokol.Tests.Accounts;

/// <summary>The administrator's account pages: the same operations as `protokol users`, in the browser.</summary>
public sealed class AdminPageTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);

    [Fact]
    public async Task An_administrator_creates_a_secretary_who_sets_a_password_from_the_link_shown_once()
    {
        var admin = await app.As("admin");
        var created = await AccountsApplication.PostForm(admin, "/admin/konti", new()
        {
            ["Name"] = "Sigrid Sekretær", ["Email"] = "sigrid@fjordby.dk", ["Role"] = "Secretary", ["Bodies"] = "teknik-og-miljoeudvalget",
        });
        var html = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        var link = Regex.Match(html, "<code class=\"link\">http://localhost:5000/(konto/ny-adgangskode/[0-9a-f]{64})</code>").Groups[1].Value;
        Assert.NotEmpty(link);
        await using (var db = app.Db())
        {
            var sigrid = await db.Accounts.Include(a => a.SecretaryOf).ThenInclude(s => s.Body).SingleAsync(a => a.Email == "sigrid@fjordby.dk");
            Assert.Equal(AccountRole.Secretary, sigrid.Role);
            Assert.Equal("teknik-og-miljoeudvalget", Assert.Single(sigrid.SecretaryOf).Body.Slug);
            Assert.Null(sigrid.PasswordHash);
            Assert.Contains(await db.AuditTrail.ToListAsync(), r => r.Entity == "Account" && r.Action == "Added" && r.Actor == AccountsApplication.Email("admin"));
        }
        var person = app.Client();
        var set = await AccountsApplication.PostForm(person, "/" + link, new() { ["New"] = "sigrids egen lange sætning", ["Repeat"] = "sigrids egen lange sætning" });
        Assert.Contains("Din adgangskode er gemt", WebUtility.HtmlDecode(await set.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var login = await AccountsApplication.PostForm(person, "/log-ind", new() { ["Email"] = "sigrid@fjordby.dk", ["Password"] = "sigrids egen lange sætning" });
        Assert.Equal("/konto/totrin", login.Headers.Location!.OriginalString);

        var again = await AccountsApplication.PostForm(admin, "/admin/konti", new() { ["Name"] = "Sigrid igen", ["Email"] = "sigrid@fjordby.dk", ["Role"] = "Member" });
        Assert.Contains("Der findes allerede en konto med e-mail sigrid@fjordby.dk", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_change_a_lost_phone_is_reset_and_the_last_administrator_stays()
    {
        var admin = await app.As("admin");
        var id = app.AccountId("outsider");
        var page = $"/admin/konti/{id}";
        var changed = await AccountsApplication.PostForm(admin, page + "?handler=Role", new() { ["Role"] = "Secretary", ["Bodies"] = "oekonomiudvalget" }, page);
        Assert.Contains("Rollen er gemt", WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = app.Db())
            Assert.Equal("oekonomiudvalget", (await db.Accounts.Include(a => a.SecretaryOf).ThenInclude(s => s.Body).SingleAsync(a => a.Id == id)).SecretaryOf.Single().Body.Slug);
        // Unticking every body leaves a secretary with none.
        await AccountsApplication.PostForm(admin, page + "?handler=Role", new() { ["Role"] = "Secretary" }, page);
        await using (var db = app.Db())
            Assert.Empty((await db.Accounts.Include(a => a.SecretaryOf).SingleAsync(a => a.Id == id)).SecretaryOf);
        await AccountsApplication.PostForm(admin, page + "?handler=Role", new() { ["Role"] = "Member" }, page);

        var secretary = $"/admin/konti/{app.AccountId("secretary")}";
        var reset = await AccountsApplication.PostForm(admin, secretary + "?handler=ResetTwoFactor", [], secretary);
        Assert.Contains("nulstillet", WebUtility.HtmlDecode(await reset.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = app.Db())
            Assert.False((await db.Accounts.SingleAsync(a => a.Email == AccountsApplication.Email("secretary"))).TwoFactorEnabled);

        var self = $"/admin/konti/{app.AccountId("admin")}";
        var demoted = await AccountsApplication.PostForm(admin, self + "?handler=Role", new() { ["Role"] = "Member" }, self);
        Assert.Contains("mindst én administrator", WebUtility.HtmlDecode(await demoted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(U("/admin/konti"))).StatusCode);
    }
}
