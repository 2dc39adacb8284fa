using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace Protokol.Import;

/// <summary>
/// Imports many files in their order, storing one at a time (one transaction each) while the next ones are read and
/// parsed on the other cores. Files whose bytes are already stored are not parsed at all: a re-run of an unchanged
/// archive costs a hash of each file and one indexed look-up.
/// </summary>
public sealed class ImportRun(Storage.ProtokolDb db)
{
    /// <summary>How many files are read and parsed ahead of the one being stored.</summary>
    public int Parsers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public async IAsyncEnumerable<FileImportResult> ImportAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var import = new ArchiveImport(db);
        // Hash → source key of every stored meeting from a file, read once: a hit is confirmed by key before it counts.
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var m in db.Meetings.AsNoTracking().Where(m => m.SourceHash != null).Select(m => new { m.SourceHash, m.SourceKey }).AsAsyncEnumerable().WithCancellation(ct))
            stored.TryAdd(m.SourceHash!, m.SourceKey);
        IReadOnlyCollection<string> bodies = await import.BodyNamesAsync(ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(Parsers);
        var ahead = Channel.CreateBounded<Task<ReadFile>>(Parsers * 2);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var path in paths)
                {
                    await slots.WaitAsync(stop.Token);
                    var known = Volatile.Read(ref bodies);
                    var read = Task.Run(() =>
                    {
                        try { return ArchiveImport.Read(path, stored, known); }
                        finally { slots.Release(); }
                    }, CancellationToken.None);
                    await ahead.Writer.WriteAsync(read, stop.Token);
                }
            }
            finally { ahead.Writer.Complete(); }
        }, CancellationToken.None);
        try
        {
            await foreach (var read in ahead.Reader.ReadAllAsync(stop.Token))
            {
                var result = await import.StoreAsync(await read, stop.Token);
                if (result.Outcome is FileOutcome.Imported or FileOutcome.Updated) Volatile.Write(ref bodies, await import.BodyNamesAsync(stop.Token));
                yield return result;
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
