using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Storage;

namespace Protokol.Mail.Pages;

/// <summary>The confirmation link from the mail: a button confirms (a link checker opening the link confirms nothing).</summary>
public sealed class BekraeftModel(ProtokolDb db) : PageModel
{
    public bool? Confirmed { get; private set; }

    public void OnGet() { }

    public async Task OnPostAsync(string token, CancellationToken ct) => Confirmed = await Subscriptions.ConfirmAsync(db, token, ct);
}
