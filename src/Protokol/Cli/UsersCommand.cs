using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Storage;

namespace Protokol.Cli;

/// <summary>`protokol users add | list | set-role | link`: accounts from the command line; the first administrator comes from here, never from a default password.</summary>
static class UsersCommand
{
    static readonly Dictionary<string, AccountRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["admin"] = AccountRole.Admin, ["administrator"] = AccountRole.Admin,
        ["secretary"] = AccountRole.Secretary, ["sekretær"] = AccountRole.Secretary,
        ["member"] = AccountRole.Member, ["medlem"] = AccountRole.Member,
    };

    public static Command Build(Option<string> dbOption)
    {
        var publicUrl = new Option<string>("--public-url")
        {
            Description = "the portal's address, for the link (default: Protokol__PublicUrl, else http://localhost:5000)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Protokol__PublicUrl") ?? Portal.PublicUrl.Default,
        };
        var email = new Argument<string>("email") { Description = "the account's e-mail, which is also its login" };
        var role = new Argument<string>("role") { Description = "admin, secretary or member" };
        role.AcceptOnlyFromAmong([.. Roles.Keys]);
        var roleOption = new Option<string>("--role") { Description = "admin, secretary or member", Required = true };
        roleOption.AcceptOnlyFromAmong([.. Roles.Keys]);
        var name = new Option<string>("--name") { Description = "the person's name as the minutes print it", Required = true };
        var person = new Option<string?>("--person") { Description = "the portal person (slug) the account belongs to; default: the person with this name" };
        var bodies = new Option<string[]>("--body") { Description = "a body (slug): the bodies a secretary serves, or where a member takes a seat from today; repeatable", AllowMultipleArgumentsPerToken = true };

        var add = new Command("add", "Create an account and print a one-time link (24 hours) to set its password") { email, name, roleOption, person, bodies, publicUrl };
        add.SetAction((p, ct) => Run(p.GetValue(dbOption)!, async (admin, _) =>
        {
            var role = Roles[p.GetValue(roleOption)!];
            var result = await admin.AddAsync(p.GetValue(email)!, p.GetValue(name)!, role, p.GetValue(person), p.GetValue(bodies) ?? [], ct);
            return Report(result, $"{Account.Danish(role)} {result.Account?.Email} oprettet{(result.Account?.Person is { } who ? $" for {who.Name}" : "")}.", p.GetValue(publicUrl)!);
        }, ct));
        var list = new Command("list", "List the accounts with their roles and bodies");
        list.SetAction((p, ct) => Run(p.GetValue(dbOption)!, (admin, clock) => ListAsync(admin, clock, ct), ct));
        var setRole = new Command("set-role", "Change an account's role; --body names a secretary's bodies (replacing the earlier ones) or a member's new seats") { email, role, bodies };
        setRole.SetAction((p, ct) => Run(p.GetValue(dbOption)!, async (admin, _) =>
        {
            var named = p.GetValue(bodies) ?? [];
            var result = await admin.SetRoleAsync(p.GetValue(email)!, Roles[p.GetValue(role)!], named, completeSet: named.Length > 0, ct);
            return Report(result, $"{result.Account?.Email} er nu {Account.Danish(Roles[p.GetValue(role)!])}.", "");
        }, ct));
        var link = new Command("link", "Print a new one-time link to set the password (a lost password); earlier links stop working") { email, publicUrl };
        link.SetAction((p, ct) => Run(p.GetValue(dbOption)!, async (admin, _) =>
            Report(await admin.NewLinkAsync(p.GetValue(email)!, ct), $"Nyt link til {p.GetValue(email)}; tidligere links virker ikke længere.", p.GetValue(publicUrl)!), ct));
        return new Command("users", "Accounts: add, list, set-role, link") { add, list, setRole, link };
    }

    static async Task<int> Run(string dbPath, Func<AccountAdmin, TimeProvider, Task<int>> action, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddProtokolDb(_ => dbPath);
        services.AddAccounts();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        Database.Migrate(db);
        db.Actor = Viewer.CommandLine().Actor;
        return await action(scope.ServiceProvider.GetRequiredService<AccountAdmin>(), db.Clock);
    }

    /// <summary>Prints what happened, or the problem on standard error with exit code 2.</summary>
    static int Report(AccountAdmin.Result result, string done, string publicUrl)
    {
        if (result.Problem is not null)
        {
            Console.Error.WriteLine(result.Problem);
            return 2;
        }
        Console.WriteLine(done);
        if (result.Token is not null) PrintLink(publicUrl, result.Token);
        return 0;
    }

    static async Task<int> ListAsync(AccountAdmin admin, TimeProvider clock, CancellationToken ct)
    {
        // One line an account, tab-separated: readable in a terminal, and whole when piped to grep or a file.
        Console.WriteLine("e-mail\tname\trole\tperson\tsecretary of\t2fa\tlocked until");
        foreach (var a in await admin.ListAsync(ct))
            Console.WriteLine(string.Join('\t', a.Email, a.Name, Account.Danish(a.Role), a.Person?.Slug ?? "-",
                a.SecretaryOf.Count == 0 ? "-" : string.Join(",", a.SecretaryOf.Select(s => s.Body.Slug)), a.TwoFactorEnabled ? "ja" : "nej",
                a.LockoutEnd is { } end && end > clock.GetUtcNow() ? end.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "-"));
        return 0;
    }

    static void PrintLink(string publicUrl, string token) =>
        Console.WriteLine($"Link til at vælge adgangskode (gælder i 24 timer, kan bruges én gang):\n{Portal.PublicUrl.PasswordLink(Portal.PublicUrl.From(publicUrl), token)}");
}
