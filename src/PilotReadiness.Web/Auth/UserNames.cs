using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Auth;

public static class UserNames
{
    /// <summary>The signed-in person's display name as the records keep it (decisions, plans, check-ins), or their sign-in name.</summary>
    public static async Task<string> DisplayNameAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct, string fallback = "Someone")
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.UserId();
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(name) ? user.Identity?.Name ?? fallback : name;
    }
}
