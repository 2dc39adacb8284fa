using Microsoft.EntityFrameworkCore;
using Protokol.Accounts;
using Protokol.Import;

namespace Protokol.Tests.Cli;

/// <summary>`protokol users …` run as a person runs it: the program in its own process, on a real SQLite file.</summary>
public sealed class UsersCommandTests : IDisposable
{
    readonly TempDatabase database = new();

    /// <summary>The program on this test's database.</summary>
    Task<(int Exit, string Out, string Err)> Protokol(params string[] args) => ProtokolProcess.RunAsync([.. args, "--db", database.Store]);

    [Fact]
    public async Task The_first_administrator_gets_a_one_time_link_and_never_a_password()
    {
        var (exit, output, _) = await Protokol("users", "add", "anna@fjordby.dk", "--name", "Anna Andersen", "--role", "admin", "--public-url", "https://moeder.fjordby.dk/");
        Assert.Equal(0, exit);
        var link = output.Split('\n').Single(l => l.StartsWith("https://moeder.fjordby.dk/konto/ny-adgangskode/", StringComparison.Ordinal)).Trim();
        await using var db = database.Open();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(AccountRole.Admin, account.Role);
        Assert.Null(account.PasswordHash);
        var (found, problem) = await PasswordLink.FindAsync(db, link[(link.LastIndexOf('/') + 1)..], default);
        Assert.Null(problem);
        Assert.Equal(account.Id, found!.AccountId);
        Assert.True(found.ExpiresAt - db.Clock.GetUtcNow().UtcDateTime <= TimeSpan.FromHours(24));
        Assert.Contains(await db.AuditTrail.ToListAsync(), a => a.Entity == "Account" && a.Action == "Added" && a.Actor.StartsWith("kommandolinje:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Roles_and_bodies_are_set_and_listed_and_mistakes_are_named()
    {
        await using (var db = database.Open())
            Assert.Equal(FileOutcome.Imported, (await new ArchiveImport(db).ImportAsync(Path.Combine(Samples.Demo, "2026-01-13_teknik-og-miljoe.txt"))).Outcome);
        Assert.Equal(0, (await Protokol("users", "add", "lars@fjordby.dk", "--name", "Lars Brøndum", "--role", "member")).Exit);
        Assert.Equal(0, (await Protokol("users", "add", "sekr@fjordby.dk", "--name", "Sara Sekretær", "--role", "secretary", "--body", "teknik-og-miljoeudvalget")).Exit);
        var (_, list, _) = await Protokol("users", "list");
        Assert.Contains("lars@fjordby.dk", list, StringComparison.Ordinal);
        Assert.Contains("lars-broendum", list, StringComparison.Ordinal); // the person the account belongs to, found by name
        Assert.Contains("teknik-og-miljoeudvalget", list, StringComparison.Ordinal);

        Assert.Equal(0, (await Protokol("users", "set-role", "lars@fjordby.dk", "secretary", "--body", "teknik-og-miljoeudvalget")).Exit);
        await using (var db = database.Open())
        {
            var lars = await db.Accounts.Include(a => a.SecretaryOf).SingleAsync(a => a.Email == "lars@fjordby.dk");
            Assert.Equal(AccountRole.Secretary, lars.Role);
            Assert.Single(lars.SecretaryOf);
        }

        var unknownBody = await Protokol("users", "set-role", "lars@fjordby.dk", "secretary", "--body", "findes-ikke");
        Assert.Equal(2, unknownBody.Exit);
        Assert.Contains("Der er intet udvalg 'findes-ikke'", unknownBody.Err, StringComparison.Ordinal);
        var unknownAccount = await Protokol("users", "set-role", "ingen@fjordby.dk", "member");
        Assert.Equal(2, unknownAccount.Exit);
        Assert.Contains("Der er ingen konto 'ingen@fjordby.dk'", unknownAccount.Err, StringComparison.Ordinal);
        var twice = await Protokol("users", "add", "lars@fjordby.dk", "--name", "Lars Brøndum", "--role", "member");
        Assert.Equal(2, twice.Exit);
        Assert.Contains("lars@fjordby.dk", twice.Err, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Protokol("users", "set-role", "lars@fjordby.dk", "konge")).Exit);
    }

    public void Dispose() => database.Dispose();
}
