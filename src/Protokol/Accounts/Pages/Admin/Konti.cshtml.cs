using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Accounts.Pages.Admin;

/// <summary>The accounts, and a new one: the administrator hands the person the one-time link shown once here.</summary>
[Authorize(Policy = AccountServices.AdminPolicy)]
public sealed class KontiModel(AccountAdmin admin, ProtokolDb db, IConfiguration config) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv en e-mail."), EmailAddress(ErrorMessage = "Det er ikke en e-mailadresse."), Display(Name = "E-mail")]
    public string Email { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Skriv personens navn."), Display(Name = "Navn")]
    public string Name { get; set; } = "";
    [BindProperty, Display(Name = "Rolle")]
    public AccountRole Role { get; set; } = AccountRole.Member;
    [BindProperty, Display(Name = "Person i portalen (valgfri; ellers den med samme navn)")]
    public string? Person { get; set; }
    [BindProperty]
    public List<string> Bodies { get; set; } = [];

    public List<Account> Accounts { get; private set; } = [];
    public List<Body> AllBodies { get; private set; } = [];
    public string? Problem { get; private set; }
    public Uri? Link { get; private set; }
    public Account? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await admin.AddAsync(Email, Name, Role, Person, Bodies, ct);
            (Problem, Created) = (result.Problem, result.Account);
            if (result.Token is not null) Link = PublicUrl.PasswordLink(PublicUrl.Of(config), result.Token);
        }
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await admin.ListAsync(ct);
        AllBodies = (await db.Bodies.AsNoTracking().ToListAsync(ct)).OrderBy(b => b.Name, PortalFormat.DanishOrder).ToList();
    }
}
