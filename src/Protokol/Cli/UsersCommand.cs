using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Meetings;
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
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Protokol__PublicUrl") ?? "http://localhost:5000",
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
        add.SetAction((p, ct) => Run(p.GetValue(dbOption)!, (db, users) =>
            AddAsync(db, users, p.GetValue(email)!, p.GetValue(name)!, Roles[p.GetValue(roleOption)!], p.GetValue(person), p.GetValue(bodies) ?? [], p.GetValue(publicUrl)!, ct), ct));
        var list = new Command("list", "List the accounts with their roles and bodies");
        list.SetAction((p, ct) => Run(p.GetValue(dbOption)!, (db, _) => ListAsync(db, ct), ct));
        var setRole = new Command("set-role", "Change an account's role; --body names a secretary's bodies (replacing the earlier ones) or a member's new seats") { email, role, bodies };
        setRole.SetAction((p, ct) => Run(p.GetValue(dbOption)!, (db, _) =>
            SetRoleAsync(db, p.GetValue(email)!, Roles[p.GetValue(role)!], p.GetValue(bodies) ?? [], ct), ct));
        var link = new Command("link", "Print a new one-time link to set the password (a lost password); earlier links stop working") { email, publicUrl };
        link.SetAction((p, ct) => Run(p.GetValue(dbOption)!, (db, _) => LinkAsync(db, p.GetValue(email)!, p.GetValue(publicUrl)!, ct), ct));
        return new Command("users", "Accounts: add, list, set-role, link") { add, list, setRole, link };
    }

    static async Task<int> Run(string dbPath, Func<ProtokolDb, UserManager<Account>, Task<int>> action, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<ProtokolDb>(o => Database.UseSqlite(o, dbPath));
        services.AddAccounts();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        await db.Database.MigrateAsync(ct);
        db.Actor = Viewer.CommandLine().Actor;
        return await action(db, scope.ServiceProvider.GetRequiredService<UserManager<Account>>());
    }

    static async Task<int> AddAsync(ProtokolDb db, UserManager<Account> users, string email, string name, AccountRole role, string? personSlug,
        string[] bodySlugs, string publicUrl, CancellationToken ct)
    {
        var bodies = await BodiesAsync(db, bodySlugs, ct);
        if (bodies is null) return 2;
        var slug = personSlug ?? Slug.From(name);
        var person = await db.People.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (personSlug is not null && person is null) return Fail($"no person '{personSlug}' (see the portal's /personer/<slug> pages)");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var account = new Account { Name = name.Trim(), Email = email.Trim(), UserName = email.Trim(), Role = role, Person = person };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded) return Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        await AssignAsync(db, account, bodies, ct);
        var token = await PasswordLink.IssueAsync(db, account, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Console.WriteLine($"{Account.Danish(role)} {account.Email} oprettet{(person is null ? "" : $" for {person.Name}")}.");
        PrintLink(publicUrl, token);
        return 0;
    }

    static async Task<int> SetRoleAsync(ProtokolDb db, string email, AccountRole role, string[] bodySlugs, CancellationToken ct)
    {
        var bodies = await BodiesAsync(db, bodySlugs, ct);
        if (bodies is null) return 2;
        var account = await FindAsync(db, email, ct);
        if (account is null) return Fail($"no account '{email}' (see 'protokol users list')");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.Role = role;
        if (role != AccountRole.Secretary || bodies.Count > 0) account.SecretaryOf.Clear();
        await AssignAsync(db, account, bodies, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Console.WriteLine($"{account.Email} er nu {Account.Danish(role)}.");
        return 0;
    }

    static async Task<int> LinkAsync(ProtokolDb db, string email, string publicUrl, CancellationToken ct)
    {
        var account = await FindAsync(db, email, ct);
        if (account is null) return Fail($"no account '{email}' (see 'protokol users list')");
        var token = await PasswordLink.IssueAsync(db, account, ct);
        await db.SaveChangesAsync(ct);
        PrintLink(publicUrl, token);
        return 0;
    }

    static async Task<int> ListAsync(ProtokolDb db, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.Person).Include(a => a.SecretaryOf).ThenInclude(s => s.Body)
            .OrderBy(a => a.Email).ToListAsync(ct);
        // One line an account, tab-separated: readable in a terminal, and whole when piped to grep or a file.
        Console.WriteLine("e-mail\tname\trole\tperson\tsecretary of\t2fa\tlocked until");
        foreach (var a in accounts)
            Console.WriteLine(string.Join('\t', a.Email, a.Name, Account.Danish(a.Role), a.Person?.Slug ?? "-",
                a.SecretaryOf.Count == 0 ? "-" : string.Join(",", a.SecretaryOf.Select(s => s.Body.Slug)), a.TwoFactorEnabled ? "ja" : "nej",
                a.LockoutEnd is { } end && end > db.Clock.GetUtcNow() ? end.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "-"));
        return 0;
    }

    /// <summary>A secretary serves the bodies; a member takes a seat in each from today (a seat already held stays as it is).</summary>
    static async Task AssignAsync(ProtokolDb db, Account account, List<Body> bodies, CancellationToken ct)
    {
        if (account.Role == AccountRole.Secretary)
        {
            foreach (var b in bodies.Where(b => account.SecretaryOf.All(s => s.BodyId != b.Id))) account.SecretaryOf.Add(new SecretaryBody { BodyId = b.Id });
            return;
        }
        if (bodies.Count == 0) return;
        if (account.Person is null && account.PersonId is null)
            account.Person = db.People.Add(new Person { Name = account.Name, Slug = Slug.From(account.Name) }).Entity;
        var personId = account.PersonId ?? account.Person?.Id ?? 0;
        var today = DateOnly.FromDateTime(db.Clock.GetLocalNow().DateTime);
        foreach (var b in bodies)
            if (personId == 0 || !await db.Memberships.AnyAsync(m => m.PersonId == personId && m.BodyId == b.Id && (m.End == null || m.End >= today), ct))
                db.Memberships.Add(new Membership { Body = b, Person = account.Person ?? await db.People.SingleAsync(p => p.Id == personId, ct), Start = today });
    }

    static async Task<List<Body>?> BodiesAsync(ProtokolDb db, string[] slugs, CancellationToken ct)
    {
        var found = await db.Bodies.Where(b => slugs.Contains(b.Slug)).ToListAsync(ct);
        var missing = slugs.Except(found.Select(b => b.Slug), StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return found;
        Fail($"no body '{string.Join("', '", missing)}' (the slug from the portal's /udvalg/<slug> address)");
        return null;
    }

    static Task<Account?> FindAsync(ProtokolDb db, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Accounts.Include(a => a.SecretaryOf).Include(a => a.Person).FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
    }

    static void PrintLink(string publicUrl, string token) =>
        Console.WriteLine($"Link til at vælge adgangskode (gælder i 24 timer, kan bruges én gang):\n{publicUrl.TrimEnd('/')}/konto/ny-adgangskode/{token}");

    static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
