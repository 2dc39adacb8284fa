using System.Globalization;
using Protokol.Meetings;

namespace Protokol.Portal;

/// <summary>Danish display forms shared by the pages.</summary>
public static class PortalFormat
{
    static readonly CultureInfo Da = SectionLabels.Danish;

    /// <summary>Danish alphabetical order: ... x, y, z, æ, ø, å.</summary>
    public static readonly StringComparer DanishOrder = StringComparer.Create(Da, ignoreCase: true);

    public static string Date(DateTime at) => at.ToString("dddd 'd.' d. MMMM yyyy", Da);
    public static string DateTime(DateTime at) => at.ToString("dddd 'd.' d. MMMM yyyy 'kl.' HH:mm", Da);
    public static string ShortDate(DateTime at) => at.ToString("d. MMM yyyy", Da);
    /// <summary>"812 kB", "2,4 MB".</summary>
    public static string FileSize(long bytes) =>
        bytes < 1024 * 1024 ? $"{Math.Max(1, (bytes + 1023) / 1024).ToString(Da)} kB" : (bytes / (1024.0 * 1024)).ToString("0.0", Da) + " MB";
    public static string Place(string? place) => place is null ? "" : string.Join(' ', place.Split('\n', StringSplitOptions.TrimEntries));
    /// <summary>What the public sees the meeting as: its minutes once published, else its agenda.</summary>
    public static string Stage(Meeting m) => m.MinutesArePublic ? "Referat" : m.AgendaIsPublic ? "Dagsorden" : "Planlagt møde (ikke offentligt)";
}
