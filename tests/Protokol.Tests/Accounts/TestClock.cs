namespace Protokol.Tests.Accounts;

/// <summary>A clock a test can move, for links that expire.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
