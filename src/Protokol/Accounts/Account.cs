using Microsoft.AspNetCore.Identity;
using Protokol.Meetings;

namespace Protokol.Accounts;

/// <summary>Administrators do everything; secretaries change their bodies' meetings; members read their bodies' closed items.</summary>
public enum AccountRole { Member, Secretary, Admin }

/// <summary>A login. It belongs to a person (the portal's member pages) where there is one; a member's seats are that person's memberships.</summary>
public sealed class Account : IdentityUser<int>
{
    public required string Name { get; set; }
    public AccountRole Role { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>The bodies a secretary serves.</summary>
    public List<SecretaryBody> SecretaryOf { get; set; } = [];

    /// <summary>Staff must log in with a second factor (TOTP) before their role counts.</summary>
    public bool RequiresTwoFactor => Role is AccountRole.Admin or AccountRole.Secretary;

    public static string Danish(AccountRole role) => role switch
    {
        AccountRole.Admin => "administrator",
        AccountRole.Secretary => "sekretær",
        _ => "medlem",
    };
}

public sealed class SecretaryBody
{
    public int AccountId { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
}
