using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Protokol.Documents;

/// <summary>
/// Generated documents by the content they were made from (the print HTML, which holds everything a copy shows
/// and whose copy it is), so the same minutes are printed once; a change of content is a new key, so nothing
/// stale is ever served. Two asking for the same document at once share one printing.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });
    readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> making = new();

    public static string Key(string kind, params string[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in content) { sha.AppendData(Encoding.UTF8.GetBytes(part)); sha.AppendData([0]); }
        return kind + ":" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public async Task<byte[]> GetOrMakeAsync(string key, Func<Task<byte[]>> make, CancellationToken ct)
    {
        if (cache.TryGetValue(key, out byte[]? hit)) return hit!;
        var shared = making.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(async () =>
        {
            try
            {
                var bytes = await make();
                cache.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(12) });
                return bytes;
            }
            finally
            {
                making.TryRemove(key, out Lazy<Task<byte[]>>? _);
            }
        }));
        // One asker giving up does not stop the printing the others wait for.
        return await shared.Value.WaitAsync(ct);
    }

    public void Dispose() => cache.Dispose();
}
