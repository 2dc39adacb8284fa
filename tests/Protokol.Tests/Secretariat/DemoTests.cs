using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;
using Protokol.Tests.Portal;

namespace Protokol.Tests.Secretariat;

/// <summary>A new demo database: a secretary and two members who get one-time links (never a password), and a draft agenda to work on.</summary>
public sealed class DemoTests(PortalApplication app) : IClassFixture<PortalApplication>
{
    [Fact]
    public async Task The_demo_has_accounts_without_passwords_and_an_upcoming_draft_agenda_only_staff_see()
    {
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDb>();
        var accounts = await db.Accounts.Include(a => a.SecretaryOf).ToListAsync();
        Assert.Equal(["camilla@fjordby.dk", "lars@fjordby.dk", "sekretaer@fjordby.dk"], accounts.Select(a => a.Email).Order(StringComparer.Ordinal));
        Assert.All(accounts, a => Assert.Null(a.PasswordHash));
        Assert.Equal(3, await db.PasswordLinks.CountAsync(l => l.UsedAt == null));
        Assert.NotNull(accounts.Single(a => a.Email == "lars@fjordby.dk").PersonId);
        var draft = await db.Meetings.Include(m => m.Items).SingleAsync(m => m.State == MeetingState.Planned);
        Assert.True(draft.StartsAt > FixedClock.Today.DateTime);
        Assert.Equal(4, draft.Items.Count);
        Assert.Contains(draft.Items, i => i.IsClosed);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri($"/moeder/{draft.Id}", UriKind.Relative))).StatusCode);
    }
}
