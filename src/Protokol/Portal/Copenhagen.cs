namespace Protokol.Portal;

/// <summary>Meeting times are Copenhagen wall-clock time; this turns the injected clock's instant into it.</summary>
public static class Copenhagen
{
    static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static DateTime Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime;

    /// <summary>The Copenhagen wall-clock time of an instant, whatever offset it was written with.</summary>
    public static DateTime ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>A stored UTC time (audit trail, access log, signatures) as Copenhagen wall-clock time.</summary>
    public static DateTime FromUtc(DateTime utc) => ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static DateTimeOffset ToInstant(DateTime local) => new(local, Zone.GetUtcOffset(local));
}
