using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Protokol.Tests.Accounts;

namespace Protokol.Tests.Secretariat;

/// <summary>The roster pages over real HTTP: a secretary keeps their committee's seats and imports a file, an administrator creates a body, others are kept out.</summary>
public sealed class RosterPageTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    static Uri U(string url) => new(url, UriKind.Relative);
    static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    static async Task<string> Get(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(U(url)));

    async Task<(int Teknik, int Oekonomi)> Bodies()
    {
        await using var db = app.Db();
        return (await db.Bodies.Where(b => b.Slug == "teknik-og-miljoeudvalget").Select(b => b.Id).SingleAsync(),
            await db.Bodies.Where(b => b.Slug == "oekonomiudvalget").Select(b => b.Id).SingleAsync());
    }

    static string SeatId(string page, string name) => Regex.Match(page, $"href=\"/sekretariat/pladser/(\\d+)\">Ret<span class=\"visually-hidden\"> pladsen for {name}<").Groups[1].Value;

    [Fact]
    public async Task A_secretary_adds_a_member_picks_an_existing_person_ends_and_corrects_seats()
    {
        var secretary = await app.As("secretary");
        Assert.Contains("href=\"/sekretariat/udvalg\"", await Get(secretary, "/sekretariat"), StringComparison.Ordinal);
        var (teknik, oekonomi) = await Bodies();
        var list = await Get(secretary, "/sekretariat/udvalg");
        Assert.Contains($"<a href=\"/sekretariat/udvalg/{teknik}\">Teknik- og Miljøudvalget</a>", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"/sekretariat/udvalg/{oekonomi}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Opret et udvalg", list, StringComparison.Ordinal);

        var roster = $"/sekretariat/udvalg/{teknik}";
        var added = await AccountsApplication.PostForm(secretary, roster + "?handler=Add", new() { ["Name"] = "Sara Vinther", ["Role"] = "næstformand", ["Start"] = "2026-12-01" }, roster);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await Get(secretary, roster);
        Assert.Contains("Sara Vinther</a> – næstformand, fra 01-12-2026 (ikke begyndt endnu)", page, StringComparison.Ordinal);

        // A name that is taken asks who is meant; picking the Økonomiudvalget member seats her, and makes nobody new.
        int people;
        await using (var db = app.Db()) people = await db.People.CountAsync();
        var asked = await Html(await AccountsApplication.PostForm(secretary, roster + "?handler=Add", new() { ["Name"] = "mette kjærgaard", ["Start"] = "01-01-2026" }, roster));
        Assert.Contains("Der findes allerede en person ved navn mette kjærgaard.", asked, StringComparison.Ordinal);
        var mette = Regex.Match(asked, "id=\"hvem-(\\d+)\" name=\"Who\"").Groups[1].Value;
        Assert.Contains("Mette Kjærgaard (medlem i Økonomiudvalget uden kendt startdato; medlem i Byrådet uden kendt startdato)", asked, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-01-01\"", asked, StringComparison.Ordinal); // the typed date kept, in the form a date field needs
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApplication.PostForm(secretary, roster + "?handler=Add", new() { ["Name"] = "mette kjærgaard", ["Who"] = mette, ["Start"] = "2026-01-01" }, roster)).StatusCode);
        await using (var db = app.Db()) Assert.Equal(people, await db.People.CountAsync());

        // Ending: a date that is no date is refused; a past last day moves the seat to the former members.
        page = await Get(secretary, roster);
        var metteSeat = SeatId(page, "Mette Kjærgaard");
        var bad = await Html(await AccountsApplication.PostForm(secretary, roster + "?handler=End", new() { ["seat"] = metteSeat, ["last"] = "30-02-2026" }, roster));
        Assert.Contains("»30-02-2026« er ikke en dato.", bad, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApplication.PostForm(secretary, roster + "?handler=End", new() { ["seat"] = metteSeat, ["last"] = "30-06-2026" }, roster)).StatusCode);
        page = await Get(secretary, roster);
        Assert.Matches("Tidligere medlemmer</h2>[\\s\\S]*Mette Kjærgaard</a> – medlem, fra 01-01-2026 til 30-06-2026", page);
        var publicPage = await Get(app.Client(), "/udvalg/teknik-og-miljoeudvalget");
        Assert.Matches("Tidligere medlemmer</h3>[\\s\\S]*Mette Kjærgaard</a> – til 30. jun. 2026", publicPage);
        Assert.Contains("Teknik- og Miljøudvalget</a> – til 30. jun. 2026", await Get(app.Client(), "/personer/mette-kjaergaard"), StringComparison.Ordinal);

        // Correcting a seat and a person's name on the seat's page.
        var seat = $"/sekretariat/pladser/{SeatId(page, "Sara Vinther")}";
        var form = await Get(secretary, seat);
        Assert.Contains("value=\"2026-12-01\"", form, StringComparison.Ordinal);
        var wrong = await Html(await AccountsApplication.PostForm(secretary, seat + "?handler=Correct", new() { ["Role"] = "formand", ["Start"] = "2026-12-01", ["End"] = "2026-11-30" }, seat));
        Assert.Contains("Slutdatoen (30-11-2026) ligger før startdatoen (01-12-2026).", wrong, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApplication.PostForm(secretary, seat + "?handler=Correct", new() { ["Role"] = "formand", ["Start"] = "2026-12-01", ["End"] = "" }, seat)).StatusCode);
        var taken = await Html(await AccountsApplication.PostForm(secretary, seat + "?handler=Rename", new() { ["PersonName"] = "Pia Lykkegaard" }, seat));
        Assert.Contains("Det er en anden person med samme navn", taken, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountsApplication.PostForm(secretary, seat + "?handler=Rename", new() { ["PersonName"] = "Sara Vinther Holm" }, seat)).StatusCode);
        Assert.Contains("Sara Vinther Holm</a> – formand, fra 01-12-2026", await Get(secretary, roster), StringComparison.Ordinal);

        await using var check = app.Db();
        var trail = await check.AuditTrail.AsNoTracking().Where(a => a.Actor == AccountsApplication.Email("secretary") && (a.Entity == "Membership" || a.Entity == "Person")).Select(a => a.Entity + "/" + a.Action).ToListAsync();
        Assert.Equal(["Membership/Added", "Membership/Added", "Membership/Modified", "Membership/Modified", "Person/Added", "Person/Modified"], trail.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_secretary_previews_a_roster_file_sees_its_errors_and_applies_a_good_one()
    {
        var secretary = await app.As("secretary");
        var (teknik, _) = await Bodies();
        var import = $"/sekretariat/medlemsliste/{teknik}";
        Assert.Contains($"href=\"{import}\"", await Get(secretary, $"/sekretariat/udvalg/{teknik}"), StringComparison.Ordinal);

        var errors = await Upload(secretary, import, "navn;rolle;start;slut\nNiels Bak;;;\nOline Krag;;31-02-2026;\n");
        Assert.Contains("Filen har 2 fejl, så intet bliver ændret.", errors, StringComparison.Ordinal);
        Assert.Contains("Linje 2, start: Mangler. En ny plads skal have den første dag, den gælder.", errors, StringComparison.Ordinal);
        Assert.Contains("Linje 3, start: »31-02-2026« er ikke en dato.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Gennemfør ændringerne", errors, StringComparison.Ordinal);
        Assert.Contains("Filen er for stor (højst 512 kB)", await Upload(secretary, import, new string('x', 600 * 1024)), StringComparison.Ordinal);
        Assert.Contains("Teksten er ikke UTF-8", await Upload(secretary, import, null, Encoding.Latin1.GetBytes("navn;rolle;start;slut\nSøren;;01-01-2026;")), StringComparison.Ordinal);

        var preview = await Upload(secretary, import, "navn,rolle,start,slut\r\nNiels Bak,formand,01.12.2026,\r\nTorben Aagaard,,,\r\n", bom: true);
        Assert.Contains("<li>Nye personer: 1</li>", preview, StringComparison.Ordinal);
        Assert.Contains("<li>Nye pladser: 1</li>", preview, StringComparison.Ordinal);
        Assert.Contains("<li>Uændrede: 1</li>", preview, StringComparison.Ordinal);
        int seats;
        await using (var db = app.Db()) seats = await db.Memberships.CountAsync();
        var applied = await secretary.PostAsync(U(import + "?handler=Apply"), new FormUrlEncodedContent(AccountsApplication.WithHiddenFields(preview, [])));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal($"/sekretariat/udvalg/{teknik}?importeret=1", applied.Headers.Location!.OriginalString);
        var roster = await Get(secretary, applied.Headers.Location.OriginalString);
        Assert.Contains("Medlemslisten er importeret: 1 ændring er gemt.", roster, StringComparison.Ordinal);
        Assert.Contains("Niels Bak</a> – formand, fra 01-12-2026", roster, StringComparison.Ordinal);
        await using (var db = app.Db()) Assert.Equal(seats + 1, await db.Memberships.CountAsync());

        // The same preview applied twice (a reload) changes nothing more.
        var again = await Html(await secretary.PostAsync(U(import + "?handler=Apply"), new FormUrlEncodedContent(AccountsApplication.WithHiddenFields(preview, []))));
        Assert.Contains("Medlemmerne er ændret, siden du så forhåndsvisningen", again, StringComparison.Ordinal);
        await using (var db = app.Db()) Assert.Equal(seats + 1, await db.Memberships.CountAsync());
    }

    [Fact]
    public async Task An_administrator_creates_a_body_and_imports_a_roster_for_several_bodies()
    {
        var admin = await app.As("admin");
        var list = await Get(admin, "/sekretariat/udvalg");
        Assert.Contains("Økonomiudvalget", list, StringComparison.Ordinal);
        var created = await AccountsApplication.PostForm(admin, "/sekretariat/udvalg?handler=Create", new() { ["Name"] = "Klima- og Naturudvalget", ["Kind"] = "Committee" }, "/sekretariat/udvalg");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var body = created.Headers.Location!.OriginalString;
        Assert.Matches("^/sekretariat/udvalg/\\d+$", body);
        Assert.Contains("<h1>Klima- og Naturudvalget</h1>", await Get(admin, body), StringComparison.Ordinal);
        var twice = await Html(await AccountsApplication.PostForm(admin, "/sekretariat/udvalg?handler=Create", new() { ["Name"] = "Klima- og Naturudvalget", ["Kind"] = "Committee" }, "/sekretariat/udvalg"));
        Assert.Contains("Der findes allerede et udvalg med adressen /udvalg/klima-og-naturudvalget.", twice, StringComparison.Ordinal);
        // Not the secretary's body.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("secretary")).GetAsync(U(body))).StatusCode);

        var preview = await Upload(admin, "/sekretariat/medlemsliste", "navn;rolle;start;slut;udvalg\nUlla Mørk;formand;01-01-2027;;Klima- og Naturudvalget\nUlla Mørk;;01-01-2027;;oekonomiudvalget\n");
        Assert.Contains("<li>Nye personer: 1</li>", preview, StringComparison.Ordinal);
        Assert.Contains("<li>Nye pladser: 2</li>", preview, StringComparison.Ordinal);
        var applied = await admin.PostAsync(U("/sekretariat/medlemsliste?handler=Apply"), new FormUrlEncodedContent(AccountsApplication.WithHiddenFields(preview, [])));
        Assert.Equal("/sekretariat/udvalg?importeret=2", applied.Headers.Location!.OriginalString);
        Assert.Contains("Ulla Mørk</a> – formand", await Get(admin, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_the_public_and_other_bodies_secretaries_are_kept_out()
    {
        var (teknik, oekonomi) = await Bodies();
        foreach (var who in new[] { "public", "member" })
        {
            var client = await app.As(who);
            foreach (var url in new[] { "/sekretariat/udvalg", $"/sekretariat/udvalg/{teknik}", "/sekretariat/medlemsliste", $"/sekretariat/medlemsliste/{teknik}" })
                Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(U(url))).StatusCode);
        }
        var secretary = await app.As("secretary");
        int economySeat;
        await using (var db = app.Db()) economySeat = await db.Memberships.Where(m => m.BodyId == oekonomi).Select(m => m.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(U($"/sekretariat/udvalg/{oekonomi}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(U($"/sekretariat/pladser/{economySeat}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync(U($"/sekretariat/medlemsliste/{oekonomi}"))).StatusCode);
        // A form of their own body's page, aimed at another body's seat, is refused by the operation.
        var refused = await Html(await AccountsApplication.PostForm(secretary, $"/sekretariat/udvalg/{teknik}?handler=End", new() { ["seat"] = economySeat.ToString(System.Globalization.CultureInfo.InvariantCulture), ["last"] = "2026-06-30" }, $"/sekretariat/udvalg/{teknik}"));
        Assert.Contains("Du er ikke sekretær for dette udvalg.", refused, StringComparison.Ordinal);
        await using (var db = app.Db()) Assert.Null((await db.Memberships.SingleAsync(m => m.Id == economySeat)).End);
    }

    /// <summary>Chooses the file on the import page and asks for the preview, as a browser does.</summary>
    static async Task<string> Upload(HttpClient client, string url, string? text, byte[]? bytes = null, bool bom = false)
    {
        var page = await client.GetStringAsync(U(url));
        var content = bytes ?? (bom ? "\uFEFF"u8.ToArray() : []).Concat(Encoding.UTF8.GetBytes(text!)).ToArray();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { new StringContent(AccountsApplication.AntiforgeryToken(page)), "__RequestVerificationToken" }, { file, "file", "medlemmer.csv" } };
        var response = await client.PostAsync(U(url + "?handler=Preview"), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Html(response);
    }
}
