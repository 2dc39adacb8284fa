using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Storage;

namespace Protokol.Mail.Pages;

/// <summary>
/// The unsubscribe link in every message: a button on the page, or the mail program's own one-click button
/// (RFC 8058), which posts without a form of ours — the token in the address is what proves the right to.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class AfmeldModel(ProtokolDb db) : PageModel
{
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync(string token, CancellationToken ct)
    {
        await Subscriptions.UnsubscribeAsync(db, token, ct);
        Done = true;
    }
}
