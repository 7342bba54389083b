using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace PilotReadiness.Web.Auth;

/// <summary>
/// Ends a session as soon as its account's security stamp changes (a password reset or change, an admin's lock):
/// every signed-in request, by cookie or bearer token, is checked against the stored stamp. The request then goes on
/// as anonymous, so pages ask to sign in again and the API answers 401.
/// </summary>
public static class CurrentSessions
{
    public static IApplicationBuilder UseCurrentSessionsOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var signIn = context.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            if (await signIn.ValidateSecurityStampAsync(context.User) is null)
            {
                if (context.Request.Cookies.ContainsKey(CookieName))
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                }

                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    });

    public const string CookieName = "PilotReadiness.Auth";
}
