using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Protokol.Import;

/// <summary>
/// Imports many files in their order, storing them several in a transaction (1, 2, 4 … then
/// <see cref="FilesPerTransaction"/> files, by their place in the list, so a run again over the same files stores them
/// the same way) while the next ones are read and parsed on the other cores. Files whose bytes are already stored are
/// not parsed at all: a re-run of an unchanged archive costs a hash of each file and one indexed look-up a
/// transaction. The first files are read while the store is still being opened (its schema brought up to date, a
/// second or so for a new file): until it is open, every file is parsed.
/// </summary>
public sealed class ImportRun(Task<Storage.ProtokolDb> opening)
{
    /// <summary>How many files are read and parsed ahead of the one being stored.</summary>
    public int Parsers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The most files stored in one transaction: each look-up, save and commit is made once for all of them.</summary>
    public int FilesPerTransaction { get; init; } = 32;

    public async IAsyncEnumerable<FileImportResult> ImportAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Hash → source key of every stored meeting from a file, once the store is open: a hit is confirmed by key before it counts.
        IReadOnlyDictionary<string, string>? stored = null;
        IReadOnlyCollection<string> bodies = [];

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(Parsers);
        var ahead = Channel.CreateBounded<Task<ReadFile>>(Parsers * 2 + FilesPerTransaction);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var path in paths)
                {
                    await slots.WaitAsync(stop.Token);
                    var (storedNow, known) = (Volatile.Read(ref stored), Volatile.Read(ref bodies));
                    var read = Task.Run(() =>
                    {
                        try { return ArchiveImport.Read(path, storedNow, known); }
                        finally { slots.Release(); }
                    }, CancellationToken.None);
                    await ahead.Writer.WriteAsync(read, stop.Token);
                }
            }
            finally { ahead.Writer.Complete(); }
        }, CancellationToken.None);
        try
        {
            var db = await opening.WaitAsync(stop.Token);
            var import = new ArchiveImport(db);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var m in db.Meetings.AsNoTracking().Where(m => m.SourceHash != null).Select(m => new { m.SourceHash, m.SourceKey }).AsAsyncEnumerable().WithCancellation(stop.Token))
                hashes.TryAdd(m.SourceHash!, m.SourceKey);
            Volatile.Write(ref stored, hashes);
            Volatile.Write(ref bodies, await import.BodyNamesAsync(stop.Token));
            // Each time this run has doubled the archive, the store's statistics are brought up to date (Postgres.AnalyzeAsync).
            var analyzeAt = Math.Max(16, hashes.Count);
            var imported = 0;
            var (taken, batch) = (0, new List<ReadFile>());
            while (await ahead.Reader.WaitToReadAsync(stop.Token))
            {
                batch.Clear();
                while (batch.Count < Math.Min(taken + 1, Math.Max(1, FilesPerTransaction)) && await ahead.Reader.WaitToReadAsync(stop.Token) && ahead.Reader.TryRead(out var read))
                {
                    var file = await read;
                    // Parsed before the store was open, though perhaps stored already: answered as a stored file is.
                    if (file.StoredKey is null && file.Done is null && hashes.TryGetValue(file.Hash, out var key)) file = file with { StoredKey = key, Parsed = null };
                    batch.Add(file);
                }
                taken += batch.Count;
                var results = await import.StoreAsync(batch, stop.Token);
                // The names are read again only when a file may have added a body (as a referat read later needs them).
                if (batch.Zip(results).Any(f => f.Second.Outcome is FileOutcome.Imported or FileOutcome.Updated && f.First.Parsed?.Meeting?.Bodies.All(b => bodies.Contains(b.Body.Name)) != true))
                    Volatile.Write(ref bodies, await import.BodyNamesAsync(stop.Token));
                imported += results.Count(r => r.Outcome is FileOutcome.Imported);
                if (imported >= analyzeAt)
                {
                    await Storage.Postgres.AnalyzeAsync(db, stop.Token);
                    while (analyzeAt <= imported) analyzeAt *= 2;
                }
                foreach (var result in results) yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await reader; } catch (OperationCanceledException) { }
            while (ahead.Reader.TryRead(out var left)) await left; // never throws: Read reports every failure as a result
        }
    }
}
