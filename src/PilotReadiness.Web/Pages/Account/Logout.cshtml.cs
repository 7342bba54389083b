using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>Signing out: a POST (from the header's button or this page); a GET only asks.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignedIn)
        {
            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            await signIn.SignOutAsync();
        }

        TempData["Message"] = "You are signed out.";
        return Redirect("/account/login");
    }
}
