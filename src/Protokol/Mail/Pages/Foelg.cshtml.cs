using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Mail.Pages;

/// <summary>Follow a body (?udvalg=slug) or a case (?sag=key) by e-mail: asks for an address and sends a confirmation link to it.</summary>
public sealed class FoelgModel(ProtokolDb db, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Udvalg { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sag { get; set; }
    [BindProperty] public string? Email { get; set; }

    /// <summary>"udvalget Kultur- og Fritidsudvalget" or "sag 24/1234".</summary>
    public string What { get; private set; } = "";
    public string? Problem { get; private set; }
    public bool Sent { get; private set; }
    int? bodyId, caseId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await FindAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct)) return NotFound();
        var email = Subscriptions.Normalize(Email);
        if (email is null)
        {
            Problem = "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.";
            return Page();
        }
        await Subscriptions.RequestAsync(db, PublicUrl.Of(config), email, bodyId, caseId, What, ct);
        // The same answer whether or not the address already follows: the page tells no one who follows what.
        (Sent, Email) = (true, null);
        return Page();
    }

    async Task<bool> FindAsync(CancellationToken ct)
    {
        if (Udvalg is not null)
        {
            var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Slug == Udvalg, ct);
            if (body is null) return false;
            (bodyId, What) = (body.Id, body.Name);
            return true;
        }
        if (Sag is null) return false;
        // Only a case the public can see: one with an open item on a published agenda.
        var found = await db.Cases.AsNoTracking().Where(c => c.Key == Sag && c.Items.Any(i => !i.IsClosed && i.Meeting.State != Meetings.MeetingState.Planned))
            .Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(ct);
        if (found is null) return false;
        (caseId, What) = (found.Id, $"sag {found.Number}");
        return true;
    }
}
