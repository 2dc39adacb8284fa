using System.Text;

namespace Protokol.Import;

public enum Reader { None, ReferatText, ReferatPdf, FirstAgendaJson }

/// <summary>What a file is, and which reader reads it; <see cref="Name"/> says what it looks like when no reader does.</summary>
public sealed record FileKind(Reader Reader, string Name)
{
    /// <summary>What to tell a user about a file no reader takes.</summary>
    public string NotRead => Name == "empty" ? "the file is empty" : $"looks like {Name}, which protokol does not read (yet)";

    /// <summary>
    /// Judged by the bytes, not the name: a PDF saved as .txt is read as a PDF, and another vendor's format (an eDoc
    /// publishing XML, a publication site's HTML page, a Word file) is named rather than misread as referat text.
    /// </summary>
    public static FileKind Identify(string path, ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (bytes.IsEmpty) return new(Reader.None, "empty");
        if (head.IndexOf("%PDF-"u8) is >= 0 and < 1024) return new(Reader.ReferatPdf, "a PDF");
        if (head.StartsWith("PK\x03\x04"u8))
            return new(Reader.None, head.IndexOf("word/"u8) >= 0 ? "a Word document (.docx)" : head.IndexOf("xl/"u8) >= 0 ? "an Excel workbook (.xlsx)"
                : head.IndexOf("opendocument"u8) >= 0 ? "an OpenDocument file" : "a ZIP archive");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0])) return new(Reader.None, "an old Microsoft Office document (.doc, .xls)");
        if (head.StartsWith("{\\rtf"u8)) return new(Reader.None, "an RTF document");
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || head.StartsWith("GIF8"u8)
            || head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
            return new(Reader.None, "an image (a scan has no text to read)");
        if (!LooksLikeUtf16(head) && Binary(head)) return new(Reader.None, "a binary file");

        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            if (bytes.IndexOf("schema.oparl.org"u8) >= 0) return new(Reader.None, "OParl JSON");
            return new(Reader.FirstAgendaJson, "publication-site JSON");
        }
        if (text.StartsWith('<'))
        {
            if (bytes.IndexOf("fujitsu.dk/agenda"u8) >= 0 || bytes.IndexOf("<MeetingAgendaItem"u8) >= 0 || bytes.IndexOf("<MeetingAgendaTypes"u8) >= 0)
                return new(Reader.None, "eDoc publishing XML");
            if (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase))
                return new(Reader.None, bytes.IndexOf("sagsfremstillingContainer"u8) >= 0 || bytes.IndexOf("dagsordener."u8) >= 0
                    ? "an HTML page of a publication site (save the meeting's JSON instead)" : "an HTML page");
            return new(Reader.None, "XML");
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => new(Reader.None, "text, not JSON"),
            _ => new(Reader.ReferatText, "referat text"),
        };
    }

    /// <summary>More than one byte in twenty a control character: a text file damaged here and there stays text (and its control characters are removed and reported).</summary>
    static bool Binary(ReadOnlySpan<byte> head)
    {
        var control = 0;
        foreach (var b in head) if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f')) control++;
        return control * 20 > head.Length;
    }

    /// <summary>UTF-16 text (Notepad's "Unicode") has a NUL in every other byte of Latin text; it is read as text and its decoding reported.</summary>
    static bool LooksLikeUtf16(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
}
