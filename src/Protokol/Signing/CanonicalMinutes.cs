using System.Text;
using Protokol.Import.Referat;
using Protokol.Meetings;

namespace Protokol.Signing;

/// <summary>
/// What is hashed and signed: the public minutes as referat text (the samples' layout, closed items as number and
/// title only), UTF-8 without BOM, lines ending in LF — the same bytes `protokol export &lt;meeting&gt; --format referat` writes.
/// </summary>
public static class CanonicalMinutes
{
    /// <param name="detached">The whole meeting, loaded without tracking: its closed content is taken out.</param>
    public static byte[] Of(Meeting detached)
    {
        detached.WithoutClosedContent();
        return Encoding.UTF8.GetBytes(ReferatWriter.Write(detached).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
