using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Accounts;

/// <summary>
/// What an administrator does to accounts, the same from the command line and from the admin pages: create one
/// (with a one-time link, never a password), change its role and bodies, send a new link. Each is one transaction.
/// </summary>
public sealed class AccountAdmin(ProtokolDb db, UserManager<Account> users)
{
    /// <summary>The account changed, the token of a new one-time link if one was made, or what was wrong (Danish, for people).</summary>
    public sealed record Result(Account? Account, string? Token, string? Problem)
    {
        public static Result Fail(string problem) => new(null, null, problem);
    }

    public async Task<Result> AddAsync(string email, string name, AccountRole role, string? personSlug, IReadOnlyCollection<string> bodySlugs, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return Result.Fail("Skriv personens navn.");
        var (bodies, missing) = await BodiesAsync(bodySlugs, ct);
        if (missing is not null) return Result.Fail(missing);
        var slug = string.IsNullOrWhiteSpace(personSlug) ? Slug.From(name) : personSlug.Trim();
        var person = await db.People.FirstOrDefaultAsync(p => p.Slug == slug, ct);
        if (!string.IsNullOrWhiteSpace(personSlug) && person is null) return Result.Fail($"Der er ingen person '{personSlug}' (se portalens /personer/<slug>-sider).");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var account = new Account { Name = name.Trim(), Email = email.Trim(), UserName = email.Trim(), Role = role, Person = person };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded) return Result.Fail(string.Join(" ", created.Errors.Select(e => e.Description)));
        await AssignAsync(account, bodies, ct);
        var token = await PasswordLink.IssueAsync(db, account, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(account, token, null);
    }

    /// <summary>
    /// For a secretary, the bodies served become these (given as the complete set, or added to the ones served);
    /// for a member, each body is a seat from today. The last administrator keeps the role.
    /// </summary>
    public async Task<Result> SetRoleAsync(string email, AccountRole role, IReadOnlyCollection<string> bodySlugs, bool completeSet, CancellationToken ct)
    {
        var (bodies, missing) = await BodiesAsync(bodySlugs, ct);
        if (missing is not null) return Result.Fail(missing);
        var account = await FindAsync(email, ct);
        if (account is null) return Result.Fail($"Der er ingen konto '{email}'.");
        if (account.Role == AccountRole.Admin && role != AccountRole.Admin && !await db.Accounts.AnyAsync(a => a.Role == AccountRole.Admin && a.Id != account.Id, ct))
            return Result.Fail("Der skal være mindst én administrator: giv en anden rollen først.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        account.Role = role;
        if (role != AccountRole.Secretary || completeSet) account.SecretaryOf.Clear();
        await AssignAsync(account, bodies, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(account, null, null);
    }

    /// <summary>A new one-time link (a lost password); earlier links stop working.</summary>
    public async Task<Result> NewLinkAsync(string email, CancellationToken ct)
    {
        var account = await FindAsync(email, ct);
        if (account is null) return Result.Fail($"Der er ingen konto '{email}'.");
        var token = await PasswordLink.IssueAsync(db, account, ct);
        await db.SaveChangesAsync(ct);
        return new(account, token, null);
    }

    /// <summary>A lost phone: the second factor is switched off and its key and recovery codes made useless; the next login sets it up anew.</summary>
    public async Task<Result> ResetTwoFactorAsync(string email, CancellationToken ct)
    {
        var account = await FindAsync(email, ct);
        if (account is null) return Result.Fail($"Der er ingen konto '{email}'.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
        await tx.CommitAsync(ct);
        return new(account, null, null);
    }

    public Task<List<Account>> ListAsync(CancellationToken ct) =>
        db.Accounts.AsNoTracking().Include(a => a.Person).Include(a => a.SecretaryOf).ThenInclude(s => s.Body).OrderBy(a => a.Email).ToListAsync(ct);

    async Task AssignAsync(Account account, List<Body> bodies, CancellationToken ct)
    {
        if (account.Role == AccountRole.Secretary)
        {
            foreach (var b in bodies.Where(b => account.SecretaryOf.All(s => s.BodyId != b.Id))) account.SecretaryOf.Add(new SecretaryBody { BodyId = b.Id });
            return;
        }
        if (bodies.Count == 0) return;
        var slug = Slug.From(account.Name);
        account.Person ??= await db.People.FirstOrDefaultAsync(p => p.Id == account.PersonId || (account.PersonId == null && p.Slug == slug), ct)
            ?? db.People.Add(new Person { Name = account.Name, Slug = slug }).Entity;
        var today = DateOnly.FromDateTime(Copenhagen.Now(db.Clock));
        foreach (var b in bodies)
            if (account.Person.Id == 0 || !await db.Memberships.AnyAsync(m => m.PersonId == account.Person.Id && m.BodyId == b.Id && (m.End == null || m.End >= today), ct))
                db.Memberships.Add(new Membership { Body = b, Person = account.Person, Start = today });
    }

    async Task<(List<Body> Bodies, string? Missing)> BodiesAsync(IReadOnlyCollection<string> slugs, CancellationToken ct)
    {
        var found = await db.Bodies.Where(b => slugs.Contains(b.Slug)).ToListAsync(ct);
        var missing = slugs.Except(found.Select(b => b.Slug), StringComparer.Ordinal).ToList();
        return (found, missing.Count == 0 ? null : $"Der er intet udvalg '{string.Join("', '", missing)}' (brug navnet fra udvalgets adresse /udvalg/<navn>).");
    }

    Task<Account?> FindAsync(string email, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        return db.Accounts.Include(a => a.SecretaryOf).Include(a => a.Person).FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
    }
}
