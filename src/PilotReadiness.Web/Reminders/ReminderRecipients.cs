using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Pages.Account;

namespace PilotReadiness.Web.Reminders;

/// <summary>Whom the reminder sources may email: accounts with an address that an admin has not locked.</summary>
public sealed class ReminderRecipients(AppDbContext db)
{
    /// <summary>The email address of each of <paramref name="userIds"/> that may be emailed, by user id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> EmailsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToListAsync(ct);
        return Reachable(users, now).ToDictionary(u => u.Id, u => u.Email!, StringComparer.Ordinal);
    }

    /// <summary>The accounts in <paramref name="role"/> that may be emailed, ordered by email.</summary>
    public async Task<IReadOnlyList<AppUser>> InRoleAsync(string role, DateTimeOffset now, CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var users = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.Email).ToListAsync(ct);
        return [.. Reachable(users, now)];
    }

    private static IEnumerable<AppUser> Reachable(IEnumerable<AppUser> users, DateTimeOffset now) =>
        users.Where(u => !string.IsNullOrWhiteSpace(u.Email) && !AccountForms.IsLockedByAdmin(u, now));
}
