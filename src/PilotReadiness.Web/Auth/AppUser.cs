using Microsoft.AspNetCore.Identity;

namespace PilotReadiness.Web.Auth;

/// <summary>A person who signs in. The email is the user name.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = "";
}

/// <summary>The three roles. A user may hold several.</summary>
public static class Roles
{
    public const string Sponsor = "Sponsor";
    public const string Reviewer = "Reviewer";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Sponsor, Reviewer, Admin];
}
