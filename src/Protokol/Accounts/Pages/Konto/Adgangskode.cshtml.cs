using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Protokol.Accounts.Pages.Konto;

[Authorize]
public sealed class AdgangskodeModel(UserManager<Account> users, SignInManager<Account> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv din nuværende adgangskode."), DataType(DataType.Password), Display(Name = "Nuværende adgangskode")]
    public string Current { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Skriv en ny adgangskode."), DataType(DataType.Password), Display(Name = "Ny adgangskode (mindst 12 tegn)")]
    public string New { get; set; } = "";
    [BindProperty, Compare(nameof(New), ErrorMessage = "De to nye adgangskoder er ikke ens."), DataType(DataType.Password), Display(Name = "Gentag den nye adgangskode")]
    public string Repeat { get; set; } = "";
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var account = await users.GetUserAsync(User);
        if (account is null) return Challenge();
        // A wrong current password counts towards the lockout, as at the login: a borrowed session cannot guess it.
        if (!await users.CheckPasswordAsync(account, Current))
        {
            await users.AccessFailedAsync(account);
            if (await users.IsLockedOutAsync(account))
            {
                await signIn.SignOutAsync();
                return RedirectToPage("/Accounts/Pages/LogInd");
            }
            ModelState.AddModelError("", users.ErrorDescriber.PasswordMismatch().Description);
            return Page();
        }
        var result = await users.ChangePasswordAsync(account, Current, New);
        foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
        if (!result.Succeeded) return Page();
        await signIn.RefreshSignInAsync(account);
        Done = true;
        return Page();
    }
}
