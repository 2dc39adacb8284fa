using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Import.Referat;
using Protokol.Storage;

namespace Protokol.Import;

public enum FileOutcome { Imported, Updated, Unchanged, Failed }

public sealed record FileImportResult(string File, FileOutcome Outcome, string? MeetingKey, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>What the loss meter counted, for files it could measure.</summary>
    public WordCount? Words { get; init; }

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

/// <summary>
/// A file read for import. Done: its result is already known (unreadable, too large). StoredKey: its bytes are a stored
/// meeting's, so it was not parsed. BodiesKnown: how many body names the referat reader was given.
/// </summary>
sealed record ReadFile(string Path, string Hash, FileImportResult? Done)
{
    public ParsedDocument? Parsed { get; init; }
    public byte[]? Bytes { get; init; }
    public string? StoredKey { get; init; }
    public int? BodiesKnown { get; init; }
}

/// <summary>The files a run imports, and the files in the folders named that it does not import, with why.</summary>
public sealed record FileList(List<string> Files, List<(string File, string Why)> Skipped);

/// <summary>Imports archive files (referat .txt/.pdf, publication-site .json) into the store, several in a transaction where they can be.</summary>
public sealed class ArchiveImport(ProtokolDb db)
{
    public static readonly string[] Extensions = [".txt", ".pdf", ".json"];

    /// <summary>
    /// The files named, with folders expanded to the importable files below them in a stable order. Every other file
    /// in a folder is listed as skipped, named by what it looks like ("eDoc publishing XML", "a Word document").
    /// </summary>
    public static FileList Scan(IEnumerable<string> paths)
    {
        var list = new FileList([], []);
        foreach (var p in paths)
        {
            if (!Directory.Exists(p)) { list.Files.Add(p); continue; }
            foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                if (Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())) list.Files.Add(f);
                else list.Skipped.Add((f, WhyNotRead(f)));
        }
        return list;
    }

    public static List<string> Expand(IEnumerable<string> paths) => Scan(paths).Files;

    static string WhyNotRead(string file)
    {
        var what = Path.GetExtension(file) is { Length: > 0 } ext ? $"'{ext}' files" : "files without an extension";
        try
        {
            using var stream = File.OpenRead(file);
            var head = new byte[8192];
            var kind = FileKind.Identify(file, head.AsSpan(0, stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)));
            return kind.Reader == Reader.None ? kind.NotRead : $"protokol does not read {what}; a referat must end in .txt or .pdf, a publication-site meeting in .json";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"could not be read: {e.Message}"; }
    }

    /// <summary>Reads one file into a meeting without touching the store, and measures what the meeting lost of it.</summary>
    public static ParsedDocument Parse(string path, byte[] bytes, IReadOnlyCollection<string>? knownBodies = null)
    {
        if (bytes.LongLength > ImportLimits.MaxFileBytes) return Refused(ImportLimits.FileTooLarge(bytes.LongLength));
        var kind = FileKind.Identify(path, bytes);
        var (parsed, format) = kind.Reader switch
        {
            Reader.ReferatPdf => (FromPdf(bytes, knownBodies), SourceFormats.ReferatPdf),
            Reader.FirstAgendaJson => (Greve.GreveJson.Parse(bytes, Path.GetFileName(path)), SourceFormats.FirstAgendaJson),
            Reader.ReferatText => (FromText(bytes, knownBodies), SourceFormats.ReferatText),
            _ => (Refused(kind.NotRead), ""),
        };
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (kind.Reader != Reader.None && extension != (kind.Reader switch { Reader.ReferatPdf => ".pdf", Reader.FirstAgendaJson => ".json", _ => ".txt" }))
            parsed = parsed with { Diagnostics = [new Diagnostic(0, "file", $"the file is {kind.Name}, though named '{extension}'; it was read as {kind.Name}", Severity.Info), .. parsed.Diagnostics] };
        if (parsed.Meeting is not { } m) return parsed;
        m.SourceFormat = format;
        if (m.Bodies.GroupBy(b => b.Body.Slug, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            parsed = parsed with { Diagnostics = [.. parsed.Diagnostics, new Diagnostic(0, "body", $"the meeting names the committee '{twice.First().Body.Name}' twice ({string.Join(", ", twice.Select(b => $"'{b.Body.Name}'"))}); a meeting is held once by each of its committees", Severity.Error)] };
        var (words, loss) = LossMeter.Measure(parsed.Source, m, parsed.Layout);
        return parsed with { Words = words, Diagnostics = [.. parsed.Diagnostics, .. loss] };
    }

    static ParsedDocument Refused(string why) => new(null, [new Diagnostic(0, "file", why, Severity.Error)]);

    static ParsedDocument FromPdf(byte[] bytes, IReadOnlyCollection<string>? knownBodies)
    {
        var layout = PdfLayout.Read(bytes, ReferatHeadings.NamesSection);
        var parsed = ReferatParser.Parse(layout.Lines, knownBodies);
        return parsed with { Diagnostics = [.. layout.Diagnostics, .. parsed.Diagnostics], Source = layout.Source, Layout = layout.Furniture };
    }

    static ParsedDocument FromText(byte[] bytes, IReadOnlyCollection<string>? knownBodies)
    {
        var notes = new List<Diagnostic>();
        var decoded = Decode(bytes, notes);
        var (text, count, first) = ControlCharacters.Remove(decoded);
        if (count > 0) notes.Add(new Diagnostic(decoded.AsSpan(0, first).Count('\n') + 1, "text", ControlCharacters.Describe(count, decoded[first])));
        var parsed = ReferatParser.Parse(text, knownBodies);
        return parsed with { Diagnostics = [.. notes, .. parsed.Diagnostics], Source = [.. ReferatParser.Lines(text).Select((l, i) => new SourcePart(l, i + 1, "text"))] };
    }

    public async Task<FileImportResult> ImportAsync(string path, CancellationToken ct = default) =>
        (await StoreAsync([Read(path, null, await BodyNamesAsync(ct))], ct))[0];

    /// <summary>The names of the bodies stored, which a referat's reader uses to find its committee.</summary>
    internal async Task<List<string>> BodyNamesAsync(CancellationToken ct) => await db.Bodies.Select(b => b.Name).ToListAsync(ct);

    /// <summary>
    /// Reads and parses one file, touching no store, so that many can run beside the one that stores. A file whose
    /// bytes <paramref name="stored"/> names (hash → source key) is not parsed: the store only confirms it is unchanged.
    /// </summary>
    internal static ReadFile Read(string path, IReadOnlyDictionary<string, string>? stored, IReadOnlyCollection<string> knownBodies)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > ImportLimits.MaxFileBytes) return new(path, "", new(path, FileOutcome.Failed, null, [new Diagnostic(0, "file", ImportLimits.FileTooLarge(length), Severity.Error)]));
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(path, "", new(path, FileOutcome.Failed, null, [new Diagnostic(0, "file", e is FileNotFoundException or DirectoryNotFoundException ? "no such file or folder" : e.Message, Severity.Error)]));
        }
        var hash = Hash(bytes);
        if (stored is not null && stored.TryGetValue(hash, out var key)) return new(path, hash, null) { StoredKey = key };
        var usesBodies = FileKind.Identify(path, bytes).Reader is Reader.ReferatText or Reader.ReferatPdf;
        return ParseRead(new(path, hash, null) { Bytes = usesBodies ? bytes : null, BodiesKnown = usesBodies ? knownBodies.Count : null }, bytes, knownBodies);
    }

    static ReadFile ParseRead(ReadFile read, byte[] bytes, IReadOnlyCollection<string> knownBodies)
    {
        try { return read with { Parsed = Parse(read.Path, bytes, knownBodies) }; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // PdfPig throws on damaged PDFs; the file is reported, never the whole run.
            return read with { Done = new(read.Path, FileOutcome.Failed, null, [new Diagnostic(0, "file", $"could not be read: {e.Message}", Severity.Error)]) };
        }
    }

    /// <summary>
    /// Stores files read by <see cref="Read"/>, in their order, together in one transaction where they can be (one
    /// look-up of each kind for all of them, one commit). A file whose reading needs the bodies stored (a referat) is
    /// stored after the files before it that add one; where a transaction of several fails, each of its files is read
    /// again and stored alone, so that only a file at fault fails and nothing of it is kept.
    /// </summary>
    internal async Task<FileImportResult[]> StoreAsync(IReadOnlyList<ReadFile> files, CancellationToken ct)
    {
        var results = new FileImportResult[files.Count];
        var batch = new List<(int Index, ReadFile Read)>();
        List<string>? bodies = null; // the stored bodies' names, read when a referat needs them
        var written = new HashSet<string>(StringComparer.Ordinal); // the source keys of the meetings this call has saved
        var storedKeys = files.Where(f => f.Done is null).Select(f => f.StoredKey).OfType<string>().ToList();
        var unchanged = storedKeys.Count == 0 ? [] : (await db.Meetings.Where(m => storedKeys.Contains(m.SourceKey)).Select(m => new { m.SourceKey, m.SourceHash })
            .ToListAsync(ct)).Select(m => (m.SourceKey, m.SourceHash)).ToHashSet();
        for (var i = 0; i < files.Count; i++)
        {
            var read = files[i];
            if (read.StoredKey is { } storedKey && read.Done is null)
            {
                // A file of the same meeting stored or waiting in this call may have replaced what the look-up above saw.
                var replaced = written.Contains(storedKey) || Waiting(storedKey);
                if (replaced) await FlushAsync();
                if (replaced ? await db.Meetings.AnyAsync(m => m.SourceKey == storedKey && m.SourceHash == read.Hash, ct) : unchanged.Contains((storedKey, read.Hash)))
                {
                    results[i] = new(read.Path, FileOutcome.Unchanged, storedKey, []);
                    continue;
                }
                await FlushAsync(); // changed since the run began: read it as new, with the bodies stored before it
                read = Read(read.Path, null, bodies = await BodyNamesAsync(ct));
            }
            else if (read.BodiesKnown is { } known && read.Done is null)
            {
                // A referat read while earlier files were still being stored may not have known a body they added.
                bodies ??= await BodyNamesAsync(ct);
                if (batch.Any(b => b.Read.Parsed!.Meeting!.Bodies.Any(mb => !bodies.Contains(mb.Body.Name))))
                {
                    await FlushAsync();
                    bodies = await BodyNamesAsync(ct);
                }
                if (bodies.Count != known) read = ParseRead(read, read.Bytes!, bodies);
            }
            if (read.Done is { } done) { results[i] = done; continue; }
            if (read.Parsed!.Failed) { results[i] = new(read.Path, FileOutcome.Failed, null, read.Parsed.Diagnostics) { Words = read.Parsed.Words }; continue; }
            if (Waiting(read.Parsed.Meeting!.SourceKey)) await FlushAsync();
            batch.Add((i, read));
        }
        await FlushAsync();
        return results;

        bool Waiting(string key) => batch.Any(b => b.Read.Parsed!.Meeting!.SourceKey == key);

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            await SaveAsync(batch, results, ct);
            written.UnionWith(batch.Select(b => b.Read.Parsed!.Meeting!.SourceKey));
            batch.Clear();
            bodies = null;
        }
    }

    async Task SaveAsync(List<(int Index, ReadFile Read)> batch, FileImportResult[] results, CancellationToken ct)
    {
        try
        {
            var outcomes = await new MeetingStore(db).SaveAsync([.. batch.Select(b => (b.Read.Parsed!.Meeting!, b.Read.Hash))], ct);
            for (var k = 0; k < batch.Count; k++) results[batch[k].Index] = Result(batch[k].Read, outcomes[k]);
        }
        // A store that takes no changes at all (a standby) fails every file alike: that is said once, by the caller.
        // EF Core refuses some graphs before the store sees them (InvalidOperationException): those fail their file too.
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException && !StoreStatus.IsReadOnlyRefusal(e))
        {
            db.ChangeTracker.Clear(); // the transaction was rolled back; nothing of these files is kept
            if (batch.Count == 1)
            {
                var (index, read) = batch[0];
                results[index] = new(read.Path, FileOutcome.Failed, read.Parsed!.Meeting!.SourceKey,
                    [.. read.Parsed.Diagnostics, new Diagnostic(0, "store", e.InnerException?.Message ?? e.Message, Severity.Error)]);
                return;
            }
            // The failed save gave the meetings ids that were rolled back: each file is read afresh and stored alone.
            foreach (var (index, read) in batch)
                results[index] = (await StoreAsync([Read(read.Path, null, await BodyNamesAsync(ct))], ct))[0];
        }
    }

    static FileImportResult Result(ReadFile read, SaveOutcome outcome)
    {
        var (path, parsed) = (read.Path, read.Parsed!);
        var key = parsed.Meeting!.SourceKey;
        return outcome switch
        {
            SaveOutcome.Imported => new(path, FileOutcome.Imported, key, parsed.Diagnostics) { Words = parsed.Words },
            SaveOutcome.Updated => new(path, FileOutcome.Updated, key, parsed.Diagnostics) { Words = parsed.Words },
            SaveOutcome.KeptText => new(path, FileOutcome.Unchanged, key,
                [.. parsed.Diagnostics, new Diagnostic(0, "file", "this meeting was imported from its referat text, which keeps more of the layout; the PDF was not used", Severity.Info)]),
            SaveOutcome.MadeHere => new(path, FileOutcome.Failed, key,
                [.. parsed.Diagnostics, new Diagnostic(0, "file", $"the meeting of {parsed.Meeting.BodyTitle} at {parsed.Meeting.StartsAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} was made in Protokol: it changes only there (approved minutes not at all), never by importing a file", Severity.Error)]) { Words = parsed.Words },
            _ => new(path, FileOutcome.Unchanged, key, parsed.Diagnostics) { Words = parsed.Words },
        };
    }

    static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>UTF-8 as the samples are; UTF-16 with its byte order mark; anything else is read as Windows Latin-1 and said so.</summary>
    static string Decode(byte[] bytes, List<Diagnostic> notes)
    {
        if (bytes.Length >= 2 && ((bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)))
            return (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes, 2, bytes.Length - 2);
        try { return StrictUtf8.GetString(bytes).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException e)
        {
            notes.Add(new Diagnostic(0, "encoding", $"not valid UTF-8 (byte {e.Index}); read as Latin-1", Severity.Warning));
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
