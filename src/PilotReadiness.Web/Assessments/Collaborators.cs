using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Assessments;

/// <summary>Finding the people who may be added as collaborators, shared by the review page and the API.</summary>
public static class Collaborators
{
    public sealed record Person(string UserId, string Name, string Email);

    /// <summary>The sponsor with this email, or an error message to show against the email field.</summary>
    public static async Task<(AppUser? User, string? Error)> FindSponsorAsync(UserManager<AppUser> users, string? email)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrWhiteSpace(email))
        {
            return (null, "Enter the email address of the sponsor to add.");
        }

        if (!TextRules.IsClean(email, multiline: false))
        {
            // Not an address anyone has, and the database cannot even look a NUL or broken Unicode up.
            return (null, TextRules.InvalidCharactersMessage);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        return user is not null && await users.IsInRoleAsync(user, Roles.Sponsor)
            ? (user, null)
            : (null, "There is no sponsor with that email address. Ask an administrator to invite them first.");
    }

    public static async Task<IReadOnlyList<Person>> PeopleAsync(AppDbContext db, Assessment assessment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(assessment);
        var ids = assessment.Collaborators.Select(c => c.UserId).Append(assessment.OwnerId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return [.. ids.Select(id => users.TryGetValue(id, out var u) ? new Person(id, u.DisplayName, u.Email ?? "") : new Person(id, "(former user)", ""))];
    }
}
