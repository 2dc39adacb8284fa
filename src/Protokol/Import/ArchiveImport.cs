using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Import.Referat;
using Protokol.Storage;

namespace Protokol.Import;

public enum FileOutcome { Imported, Updated, Unchanged, Failed }

public sealed record FileImportResult(string File, FileOutcome Outcome, string? MeetingKey, IReadOnlyList<Diagnostic> Diagnostics)
{
    public string? Reason => Outcome == FileOutcome.Failed
        ? Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.ToString() ?? "not understood"
        : null;
}

public static class SourceFormats
{
    public const string ReferatText = "referat-text";
    public const string ReferatPdf = "referat-pdf";
    public const string FirstAgendaJson = "firstagenda-json";
}

/// <summary>Imports archive files (referat .txt/.pdf, publication-site .json) into the store, one transaction each.</summary>
public sealed class ArchiveImport(ProtokolDb db)
{
    public static readonly string[] Extensions = [".txt", ".pdf", ".json"];

    /// <summary>The files named, with folders expanded to the importable files below them, in a stable order.</summary>
    public static List<string> Expand(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)
                : Enumerable.Repeat(p, 1))
            .ToList();

    /// <summary>Reads one file into a meeting without touching the store.</summary>
    public static ParsedDocument Parse(string path, byte[] bytes, IReadOnlyCollection<string>? knownBodies = null)
    {
        var (parsed, format) = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pdf" => (FromPdf(bytes, knownBodies), SourceFormats.ReferatPdf),
            ".json" => (Greve.GreveJson.Parse(bytes, Path.GetFileName(path)), SourceFormats.FirstAgendaJson),
            _ => (FromText(bytes, knownBodies), SourceFormats.ReferatText),
        };
        if (parsed.Meeting is not { } m) return parsed;
        m.SourceFormat = format;
        var (words, loss) = LossMeter.Measure(parsed.Source, m, parsed.Layout);
        return parsed with { Words = words, Diagnostics = [.. parsed.Diagnostics, .. loss] };
    }

    static ParsedDocument FromPdf(byte[] bytes, IReadOnlyCollection<string>? knownBodies)
    {
        var (text, pdfNotes) = PdfText.Read(bytes);
        var parsed = ReferatParser.Parse(text, knownBodies);
        return parsed with { Diagnostics = [.. pdfNotes, .. parsed.Diagnostics] };
    }

    static ParsedDocument FromText(byte[] bytes, IReadOnlyCollection<string>? knownBodies)
    {
        var parsed = ReferatParser.Parse(Decode(bytes, out var note), knownBodies);
        return note is null ? parsed : parsed with { Diagnostics = [note, .. parsed.Diagnostics] };
    }

    public async Task<FileImportResult> ImportAsync(string path, CancellationToken ct = default)
    {
        byte[] bytes;
        try { bytes = await File.ReadAllBytesAsync(path, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(path, FileOutcome.Failed, null, [new Diagnostic(0, "file", e.Message, Severity.Error)]);
        }
        ParsedDocument parsed;
        try { parsed = Parse(path, bytes, await db.Bodies.Select(b => b.Name).ToListAsync(ct)); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // PdfPig throws on damaged PDFs; the file is reported, never the whole run.
            return new(path, FileOutcome.Failed, null, [new Diagnostic(0, "file", $"could not be read: {e.Message}", Severity.Error)]);
        }
        if (parsed.Meeting is null) return new(path, FileOutcome.Failed, null, parsed.Diagnostics);
        try
        {
            var outcome = await new MeetingStore(db).SaveAsync(parsed.Meeting, Hash(bytes), ct);
            return outcome switch
            {
                SaveOutcome.Imported => new(path, FileOutcome.Imported, parsed.Meeting.SourceKey, parsed.Diagnostics),
                SaveOutcome.Updated => new(path, FileOutcome.Updated, parsed.Meeting.SourceKey, parsed.Diagnostics),
                SaveOutcome.KeptText => new(path, FileOutcome.Unchanged, parsed.Meeting.SourceKey,
                    [.. parsed.Diagnostics, new Diagnostic(0, "file", "this meeting was imported from its referat text, which keeps more of the layout; the PDF was not used", Severity.Info)]),
                _ => new(path, FileOutcome.Unchanged, parsed.Meeting.SourceKey, parsed.Diagnostics),
            };
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            db.ChangeTracker.Clear(); // the transaction was rolled back; nothing of this file is kept
            return new(path, FileOutcome.Failed, parsed.Meeting.SourceKey,
                [.. parsed.Diagnostics, new Diagnostic(0, "store", e.InnerException?.Message ?? e.Message, Severity.Error)]);
        }
    }

    static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>UTF-8 as the samples are; anything else is read as Windows Latin-1 and said so.</summary>
    static string Decode(byte[] bytes, out Diagnostic? note)
    {
        note = null;
        try { return StrictUtf8.GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException e)
        {
            note = new Diagnostic(0, "encoding", $"not valid UTF-8 (byte {e.Index}); read as Latin-1", Severity.Warning);
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
