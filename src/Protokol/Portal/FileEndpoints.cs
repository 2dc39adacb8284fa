using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>Attachments stored here, served only to those who may read their item (a closed item's files never to the public).</summary>
public static class FileEndpoints
{
    public static void MapFiles(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/filer/{id:int}/{name}", Serve);

    static async Task<IResult> Serve(int id, HttpContext http, ProtokolDb db, CancellationToken ct)
    {
        var attachment = await db.Set<Attachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.FileSha256 != null, ct);
        if (attachment is null) return Results.NotFound();
        var item = await db.Items.AsNoTracking().Include(i => i.Meeting).ThenInclude(m => m.Bodies).FirstAsync(i => i.Id == attachment.AgendaItemId, ct);
        var viewer = http.Viewer();
        // Not found rather than forbidden: whether a closed item has files is itself not public.
        if (!viewer.MayOpen(item.Meeting) || !viewer.MayRead(item, item.Meeting)) return Results.NotFound();
        await AccessLog.RecordAsync(db, viewer, [item], AccessWay.File, ct);
        var file = await db.Files.AsNoTracking().Where(f => f.Sha256 == attachment.FileSha256).Select(f => new { f.Content, f.ContentType }).FirstAsync(ct);
        var type = FileType.ByName(attachment.Name);
        // A file someone uploaded never runs as part of the site: shown in the browser only when it is a PDF or a
        // picture (type checked from its bytes at upload, never sniffed), otherwise downloaded, and sandboxed.
        var inline = type?.Inline == true;
        http.Response.Headers.ContentSecurityPolicy = inline ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'" : "sandbox; default-src 'none'";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(attachment.Name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(file.Content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{attachment.FileSha256}\""));
    }
}
