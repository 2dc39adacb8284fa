using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Storage;

namespace Protokol.Signing.Pages;

/// <summary>Anyone checks a downloaded copy of minutes: is it exactly what the committee approved and the municipality signed?</summary>
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public sealed class SignaturModel(ProtokolDb db, MinutesSigner signer) : PageModel
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public Verification? Result { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? copy, CancellationToken ct)
    {
        if (copy is null || copy.Length == 0) { Problem = "Vælg filen med referatet."; return Page(); }
        if (copy.Length > MaxBytes) { Problem = "Filen er for stor til at være et referat."; return Page(); }
        using var bytes = new MemoryStream();
        await copy.CopyToAsync(bytes, ct);
        Result = await Verification.CheckAsync(db, signer, bytes.ToArray(), ct);
        return Page();
    }
}
