namespace Protokol.Tests;

/// <summary>The clock the portal is given in tests: always 23 November 2026, before the demo's December agendas.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Today = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
