using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Meetings;

namespace Protokol.Tests.Accounts;

public sealed class AuditTests(AccountsApplication app) : IClassFixture<AccountsApplication>
{
    [Fact]
    public async Task A_change_to_an_account_leaves_a_row_with_who_before_and_after_but_never_the_password_hash()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<Protokol.Storage.ProtokolDb>();
        db.Actor = "revisor@fjordby.dk";
        var account = (await users.FindByEmailAsync(AccountsApplication.Email("outsider")))!;
        account.Name = "Omdøbt Person";
        Assert.True((await users.UpdateAsync(account)).Succeeded);
        await users.ChangePasswordAsync(account, AccountsApplication.Password, AccountsApplication.Password + " igen");
        await users.ChangePasswordAsync(account, AccountsApplication.Password + " igen", AccountsApplication.Password);

        var rows = await db.AuditTrail.AsNoTracking().Where(a => a.Entity == "Account" && a.Key == account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Modified").ToListAsync();
        var renamed = Assert.Single(rows, r => r.After!.Contains("Omdøbt Person", StringComparison.Ordinal));
        Assert.Equal("revisor@fjordby.dk", renamed.Actor);
        Assert.Contains("Test outsider", renamed.Before, StringComparison.Ordinal);
        var hashes = rows.Where(r => r.After!.Contains("PasswordHash", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.All(hashes, r => Assert.DoesNotContain(account.PasswordHash!, r.After!, StringComparison.Ordinal));
        Assert.All(hashes, r => Assert.Contains("(skjult)", r.After!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_change_leaves_no_audit_row_and_no_change()
    {
        await using var db = app.Db();
        var before = await db.AuditTrail.CountAsync();
        var taken = await db.People.AsNoTracking().Select(p => p.Slug).FirstAsync();
        // A second person with a slug already taken breaks a unique index: the whole save fails, the first person too.
        db.People.Add(new Person { Name = "Ny Person", Slug = "ny-person-audit" });
        db.People.Add(new Person { Name = "Dobbelt", Slug = taken });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var fresh = app.Db();
        Assert.Equal(before, await fresh.AuditTrail.CountAsync());
        Assert.False(await fresh.People.AnyAsync(p => p.Slug == "ny-person-audit"));
    }

    [Fact]
    public async Task The_audit_row_is_written_in_the_transaction_of_the_change()
    {
        await using var db = app.Db();
        var before = await db.AuditTrail.CountAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var seat = await db.Memberships.FirstAsync();
            seat.Role = "næstformand";
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, await db.AuditTrail.CountAsync());
            await tx.RollbackAsync();
        }
        await using var fresh = app.Db();
        Assert.Equal(before, await fresh.AuditTrail.CountAsync());
        Assert.False(await fresh.Memberships.AnyAsync(m => m.Role == "næstformand"));
    }

    [Fact]
    public async Task An_import_writes_one_row_per_meeting_naming_the_file_by_its_hash()
    {
        await using var db = app.Db();
        var rows = await db.AuditTrail.AsNoTracking().Where(a => a.MeetingId == app.MeetingId).ToListAsync();
        var imports = rows.Where(r => r.Action == "Imported").ToList();
        Assert.Equal(2, imports.Count); // the demo minutes, then the same minutes with the markers
        Assert.All(imports, r => Assert.Matches("sha256:[0-9A-F]{64}", r.After!));
        Assert.DoesNotContain(rows, r => r.Entity == nameof(ItemSection));
    }

    [Fact]
    public async Task Staff_of_the_committee_see_an_items_history_and_members_do_not()
    {
        var url = new Uri($"/punkter/{app.ClosedItemId}", UriKind.Relative);
        var secretary = WebUtility.HtmlDecode(await (await app.As("secretary")).GetStringAsync(url));
        Assert.Contains("<h2 id=\"historik\">Historik</h2>", secretary, StringComparison.Ordinal);
        Assert.Contains("importeret møde", secretary, StringComparison.Ordinal);
        var member = WebUtility.HtmlDecode(await (await app.As("member")).GetStringAsync(url));
        Assert.DoesNotContain("Historik", member, StringComparison.Ordinal);
    }
}
