using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace Protokol.Meetings;

/// <summary>What could be read of a file's text, for the checks before publishing.</summary>
public enum FileText { Read, NoTextLayer, Unreadable }

/// <summary>
/// An attachment's bytes, stored once by their SHA-256 (content-addressed) in the database itself, in the same
/// transaction as the item that refers to them, so every web node sees the same files. Text is what the checks
/// before publishing read (a scan has none: it is flagged for a person to look at).
/// </summary>
public sealed class StoredFile
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public long Length { get; set; }
    public required string ContentType { get; set; }
    public string? Text { get; set; }
    public FileText TextState { get; set; }
    public DateTime StoredAt { get; set; }
}

/// <summary>A file type an attachment may have: what its name ends with, what it is served as, and how its first bytes look.</summary>
public sealed record FileType(string Extension, string ContentType, string Label, bool Inline)
{
    public static readonly IReadOnlyList<FileType> Allowed =
    [
        new(".pdf", "application/pdf", "PDF", true),
        new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", false),
        new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", false),
        new(".png", "image/png", "PNG-billede", true),
        new(".jpg", "image/jpeg", "JPEG-billede", true),
        new(".jpeg", "image/jpeg", "JPEG-billede", true),
        new(".txt", "text/plain; charset=utf-8", "tekst", false),
    ];

    public static string AllowedList => string.Join(", ", Allowed.Select(t => t.Extension).Distinct());

    public static FileType? ByName(string name) =>
        Allowed.FirstOrDefault(t => name.EndsWith(t.Extension, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Checking an uploaded file and reading its text: pure functions of the name and the bytes.</summary>
public static class AttachmentFiles
{
    /// <summary>The default largest attachment (Protokol:MaxAttachmentMegabytes).</summary>
    public const int DefaultMaxMegabytes = 25;

    /// <summary>A clean file name to show and to download as: no folders, no control characters, at most 200 characters.</summary>
    public static string CleanName(string name)
    {
        var last = name.Replace('\\', '/').Split('/').Last();
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length <= 200 ? clean : clean[..(200 - Path.GetExtension(clean).Length)] + Path.GetExtension(clean);
    }

    /// <summary>The file's type when its name and its first bytes agree on one we accept; otherwise why not (Danish).</summary>
    public static (FileType? Type, string? Problem) Identify(string name, ReadOnlySpan<byte> bytes)
    {
        var type = FileType.ByName(name);
        if (type is null) return (null, $"Filtypen er ikke tilladt. Tilladt er {FileType.AllowedList}.");
        if (bytes.Length == 0) return (null, "Filen er tom.");
        var fits = type.Extension switch
        {
            ".pdf" => bytes.StartsWith("%PDF-"u8),
            ".docx" or ".xlsx" => bytes.StartsWith("PK\x03\x04"u8),
            ".png" => bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ".jpg" or ".jpeg" => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            ".txt" => IsUtf8Text(bytes),
            _ => false,
        };
        return fits ? (type, null) : (null, $"Filen hedder {type.Extension}, men indholdet er ikke en {type.Label}-fil.");
    }

    static bool IsUtf8Text(ReadOnlySpan<byte> bytes)
    {
        try { _ = new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return false; }
        return !bytes.Contains((byte)0);
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The text the checks read: a PDF's text layer (none: a scan, flagged), a Word document's paragraphs and
    /// tables, a spreadsheet's cells, a text file. Pictures have no text. A damaged file is unreadable, never a crash.
    /// </summary>
    public static (string? Text, FileText State) ReadText(FileType type, byte[] bytes)
    {
        try
        {
            var text = type.Extension switch
            {
                ".pdf" => PdfTextLayer(bytes),
                ".docx" => WordText(bytes),
                ".xlsx" => SheetText(bytes),
                ".txt" => Encoding.UTF8.GetString(bytes),
                _ => null,
            };
            return string.IsNullOrWhiteSpace(text) ? (null, FileText.NoTextLayer) : (text, FileText.Read);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return (null, FileText.Unreadable);
        }
    }

    static string PdfTextLayer(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    static string? WordText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart?.Document?.Body;
        return body is null ? null : string.Join('\n', body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    static string? SheetText(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var doc = SpreadsheetDocument.Open(stream, false);
        var shared = doc.WorkbookPart?.SharedStringTablePart?.SharedStringTable?.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = doc.WorkbookPart?.WorksheetParts.SelectMany(w => w.Worksheet?.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>() ?? []) ?? [];
        return string.Join('\n', cells.Select(c =>
            c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString
            && int.TryParse(c.CellValue?.Text, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count
                ? shared[i] : c.InnerText));
    }
}
