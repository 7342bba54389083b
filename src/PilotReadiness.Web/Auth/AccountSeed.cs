using Microsoft.AspNetCore.Identity;

namespace PilotReadiness.Web.Auth;

/// <summary>The roles every installation needs, and its first admin (from <c>Auth:InitialAdmin:*</c>) when there is none.</summary>
public static class AccountSeed
{
    public static async Task EnsureRolesAndFirstAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["Auth:InitialAdmin:Email"];
        var password = configuration["Auth:InitialAdmin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the initial admin {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogWarning("Created the initial admin account {Email}; remove Auth:InitialAdmin:Password from the configuration", email);
    }
}
