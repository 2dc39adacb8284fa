using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Secretariat;

/// <summary>
/// Demo mode only (a new database filled with the demo minutes): a secretary and two members of the Teknik- og
/// Miljøudvalget, each with a one-time link printed at start (never a password), and an upcoming meeting whose
/// agenda is still a draft, so a newcomer can walk the whole flow.
/// </summary>
public static class DemoSecretariat
{
    const string Body = "teknik-og-miljoeudvalget";

    public static async Task SeedAsync(IServiceProvider services, ProtokolDb db, Uri site, CancellationToken ct)
    {
        var body = await db.Bodies.FirstOrDefaultAsync(b => b.Slug == Body, ct);
        if (body is null) return;
        var admin = services.GetRequiredService<AccountAdmin>();
        var links = new List<string>();
        async Task<Account?> Add(string email, string name, AccountRole role, string[] bodies)
        {
            var result = await admin.AddAsync(email, name, role, null, bodies, ct);
            if (result.Token is not null) links.Add($"{name} ({Account.Danish(role)}, {email}): {PublicUrl.PasswordLink(site, result.Token)}");
            return result.Account;
        }
        var secretary = await Add("sekretaer@fjordby.dk", "Sofie Sekretær", AccountRole.Secretary, [Body]);
        await Add("lars@fjordby.dk", "Lars Brøndum", AccountRole.Member, []);
        await Add("camilla@fjordby.dk", "Camilla Friis Nørgaard", AccountRole.Member, []);
        if (secretary is null) return;

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, secretary.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("amr", "mfa")], "demo"));
        var viewer = await Viewer.LoadAsync(db, principal, ct);
        db.Actor = viewer.Actor;
        var ops = new MeetingOperations(db, viewer, services.GetRequiredService<Signing.MinutesSigner>());
        var next = DateOnly.FromDateTime(Copenhagen.Now(db.Clock)).AddDays(21);
        var planned = await ops.PlanAsync([body.Id], next.ToDateTime(new TimeOnly(16, 0)), "Udvalgsværelse 2, Fjordby Rådhus, Torvet 1", ct);
        await ops.AddItemAsync(planned.Id, "", null, false, "formand", ct);
        var plan = await ops.AddItemAsync(planned.Id, "Trafiksikkerhedsplan 2027-2030", "26/2210", false, null, ct);
        await ops.AddItemAsync(planned.Id, "Salg af kommunal grund ved Søndervang", "26/2231", true, null, ct);
        await ops.AddItemAsync(planned.Id, "", null, false, "meddelelser", ct);
        var summary = await db.Sections.FirstAsync(s => s.AgendaItemId == plan.Id && s.Kind == SectionKind.Summary, ct);
        await ops.EditSectionAsync(summary.Id, "Forvaltningen har udarbejdet et udkast til trafiksikkerhedsplan for 2027-2030 med 14 indsatser ved skoleveje og i landsbyerne.", summary.Version, ct);

        Console.WriteLine("Demo-konti – engangslinks (gælder i 24 timer) til at vælge adgangskode:\n" + string.Join("\n", links));
    }
}
