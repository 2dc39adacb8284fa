using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Protokol.Accounts;

/// <summary>
/// Codes from an authenticator app (RFC 6238: 30-second steps, six digits), checked against the injected clock,
/// one step either side for a phone's drifting clock, and each step used at most once: a code seen over a
/// shoulder or in a proxy log cannot log in again.
/// </summary>
public sealed class OneTimeCodes(TimeProvider clock) : IUserTwoFactorTokenProvider<Account>
{
    const string Store = "Protokol";
    const string LastStep = "TotpLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        var secret = Base32.Decode(key);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= last || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token))) continue;
            await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture));
            return true;
        }
        return false;
    }

    /// <summary>Checks a code against a key that is not stored yet (while setting up the app).</summary>
    public bool Matches(string base32Key, string token)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var secret = Base32.Decode(base32Key);
        return token.Length == 6 && Enumerable.Range(-1, 3).Any(d => CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Code(secret, now + d)), System.Text.Encoding.ASCII.GetBytes(token)));
    }

    static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }
}

/// <summary>RFC 4648 base32, as authenticator keys are written.</summary>
public static class Base32
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>(text.Length * 5 / 8);
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (v < 0) continue; // spaces and padding
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) { bytes.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return [.. bytes];
    }
}
