using Microsoft.Extensions.Caching.Memory;
using Protokol.Meetings;

namespace Protokol.Documents;

/// <summary>An attachment as a PDF to put into a combined document, or why it cannot be.</summary>
public sealed record AttachmentFile(byte[]? Pdf, string? Problem)
{
    public static AttachmentFile Missing(string problem) => new(null, problem);
}

/// <summary>
/// Where an attachment's bytes come from. The combined document asks only this, so attachments stored by the
/// secretariat can come from storage as imported ones come from their links.
/// </summary>
public interface IAttachmentFiles
{
    Task<AttachmentFile> PdfOfAsync(Attachment attachment, CancellationToken ct);
}

/// <summary>
/// Imported attachments live at their publication site's links (Greve's `/Vis/Pdf/bilag/…`). They are fetched
/// only from the hosts named in Protokol:Documents:AttachmentHosts (none by default: the server then asks no one),
/// at most 50 MB each, and kept an hour by link so a combined document does not fetch them again.
/// </summary>
public sealed class LinkedAttachmentFiles(HttpClient http, IReadOnlyCollection<string> hosts) : IAttachmentFiles, IDisposable
{
    const long MaxBytes = 50L * 1024 * 1024;
    readonly MemoryCache fetched = new(new MemoryCacheOptions { SizeLimit = 512L * 1024 * 1024 });

    public async Task<AttachmentFile> PdfOfAsync(Attachment attachment, CancellationToken ct)
    {
        if (attachment.Link is null || !Uri.TryCreate(attachment.Link, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
            return AttachmentFile.Missing("Bilaget findes ikke som fil i Protokol.");
        if (!hosts.Contains(link.Authority, StringComparer.OrdinalIgnoreCase))
            return AttachmentFile.Missing($"Bilaget ligger på {link.Host} og hentes ikke derfra.");
        if (fetched.TryGetValue(link.AbsoluteUri, out AttachmentFile? known)) return known!;
        var file = await FetchAsync(link, ct);
        fetched.Set(link.AbsoluteUri, file, new MemoryCacheEntryOptions { Size = file.Pdf?.Length ?? 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
        return file;
    }

    async Task<AttachmentFile> FetchAsync(Uri link, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) return AttachmentFile.Missing($"Bilaget kunne ikke hentes (HTTP {(int)response.StatusCode}).");
            if (response.Content.Headers.ContentLength > MaxBytes) return AttachmentFile.Missing("Bilaget er for stort (over 50 MB).");
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var bytes = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                if (bytes.Length + read > MaxBytes) return AttachmentFile.Missing("Bilaget er for stort (over 50 MB).");
                bytes.Write(buffer, 0, read);
            }
            var pdf = bytes.ToArray();
            return pdf.AsSpan().StartsWith("%PDF-"u8) ? new AttachmentFile(pdf, null) : AttachmentFile.Missing("Bilaget er ikke en PDF-fil.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return AttachmentFile.Missing("Bilaget kunne ikke hentes.");
        }
    }

    public void Dispose() => fetched.Dispose();
}

/// <summary>
/// A file attached in Protokol comes from the database, where it is stored by its hash; an imported attachment
/// from its link. Only PDFs can be put into a combined document; other files are named with the reason.
/// </summary>
public sealed class StoredOrLinkedAttachmentFiles(Storage.ProtokolDb db, LinkedAttachmentFiles linked) : IAttachmentFiles
{
    public async Task<AttachmentFile> PdfOfAsync(Attachment attachment, CancellationToken ct)
    {
        if (attachment.FileSha256 is null) return await linked.PdfOfAsync(attachment, ct);
        if (FileType.ByName(attachment.Name) is { Extension: not ".pdf" } type)
            return AttachmentFile.Missing($"Bilaget er en {type.Label}-fil; kun PDF-bilag kan samles i dokumentet. Det kan hentes fra mødets side.");
        var bytes = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Files.Where(f => f.Sha256 == attachment.FileSha256).Select(f => f.Content), ct);
        return bytes is null ? AttachmentFile.Missing("Bilagets fil findes ikke.") : new AttachmentFile(bytes, null);
    }
}
