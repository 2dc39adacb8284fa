using Microsoft.AspNetCore.Identity;

namespace Protokol.Accounts;

/// <summary>Identity's messages in Danish, as the pages show them.</summary>
public sealed class DanishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Adgangskoden skal have mindst {length} tegn." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Den nuværende adgangskode er forkert." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Linket eller koden er ikke gyldig." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Der findes allerede en konto med e-mail {email}." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Der findes allerede en konto med e-mail {userName}." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"'{email}' er ikke en gyldig e-mailadresse." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"'{userName}' kan ikke bruges som brugernavn." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Kontoen blev ændret samtidig et andet sted. Prøv igen." };
}
