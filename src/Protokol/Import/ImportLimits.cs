using System.Globalization;

namespace Protokol.Import;

/// <summary>
/// The largest documents the importer takes (README, "Limits"). A larger file or section is refused with these
/// messages, never cut: what is imported is whole. The largest sample is 0.6 MB, its largest section 30,000 characters.
/// </summary>
public static class ImportLimits
{
    /// <summary>Per file: 64 MiB (a referat PDF with scanned pages runs to tens of MB; its text to a few hundred KB).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Per section: one million characters, about 150,000 words or 300 printed pages.</summary>
    public const int MaxSectionChars = 1_000_000;

    public static string FileTooLarge(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"the file is {bytes / (1024.0 * 1024):0.0} MB; protokol imports files of up to {MaxFileBytes / (1024 * 1024)} MB");

    /// <returns>The error for a section this long, or null when it is within the limit.</returns>
    public static string? SectionTooLong(string where, int chars) => chars <= MaxSectionChars ? null : string.Create(CultureInfo.InvariantCulture,
        $"{where} has {chars:N0} characters; protokol imports sections of up to {MaxSectionChars:N0}, so nothing of this file was imported");
}
