using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Tests.Infrastructure;

public sealed record TestUser(string Email, string Name, string Role);

/// <summary>
/// The people the tests act as: two sponsors, a reviewer and an admin. They are created once per host (the data
/// reset leaves the account tables alone) and signed in once through <c>POST /api/auth/login</c>.
/// </summary>
public static class TestUsers
{
    public const string Password = "test-password-2026";

    public static readonly TestUser Sponsor = new("sponsor@test.local", "Sam Sponsor", Roles.Sponsor);
    public static readonly TestUser OtherSponsor = new("sponsor2@test.local", "Olu Other", Roles.Sponsor);
    public static readonly TestUser Reviewer = new("reviewer@test.local", "Rae Reviewer", Roles.Reviewer);
    public static readonly TestUser Admin = new("admin@test.local", "Ada Admin", Roles.Admin);

    public static IReadOnlyList<TestUser> All { get; } = [Sponsor, OtherSponsor, Reviewer, Admin];

    /// <summary>Tables the per-test reset must keep: accounts, roles and the data-protection keys tokens rely on.</summary>
    public static IReadOnlyList<string> KeptTables { get; } =
    [
        "__EFMigrationsHistory", "__EFMigrationsLock", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserClaims",
        "AspNetUserLogins", "AspNetUserTokens", "AspNetRoleClaims", "AspNetUserPasskeys", "DataProtectionKeys",
    ];

    public static async Task EnsureAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await AccountSeed.EnsureRolesAndFirstAdminAsync(scope.ServiceProvider, new ConfigurationBuilder().Build(), NullLogger.Instance);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var user in All)
        {
            if (await users.FindByEmailAsync(user.Email) is not null)
            {
                continue;
            }

            var account = new AppUser { UserName = user.Email, Email = user.Email, EmailConfirmed = true, DisplayName = user.Name };
            var created = await users.CreateAsync(account, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(account, user.Role);
        }
    }

    /// <summary>
    /// The test users whose security stamp differs from <paramref name="known"/> (all of them the first time), with
    /// <paramref name="known"/> updated: their earlier sign-ins no longer count.
    /// </summary>
    public static async Task<IReadOnlyList<TestUser>> WithChangedStampAsync(IServiceProvider services, Dictionary<TestUser, string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var changed = new List<TestUser>();
        foreach (var user in All)
        {
            var stamp = (await users.FindByEmailAsync(user.Email))?.SecurityStamp ?? "";
            if (!known.TryGetValue(user, out var previous) || previous != stamp)
            {
                known[user] = stamp;
                changed.Add(user);
            }
        }

        return changed;
    }

    /// <summary>A bearer token from the app's own login endpoint.</summary>
    public static async Task<string> LoginAsync(WebApplicationFactory<Program> app, TestUser user, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Signing in {user.Email} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Authorize(this HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
