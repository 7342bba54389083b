using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PilotReadiness.Web.Auth;

/// <summary>
/// Ends a session as soon as its account's security stamp changes (a password reset or change, an admin's lock):
/// every signed-in request, by cookie or bearer token, is checked against the stored stamp. The request then goes on
/// as anonymous, so pages ask to sign in again and the API answers 401.
/// </summary>
public static class CurrentSessions
{
    public const string CookieName = "PilotReadiness.Auth";

    public static IApplicationBuilder UseCurrentSessionsOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var stamps = context.RequestServices.GetRequiredService<SessionStamps>();
            if (!await stamps.IsCurrentAsync(context.User, context.RequestServices, context.RequestAborted))
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
}

/// <summary>
/// The stored security stamp of each signed-in account, read from the database at most once per
/// <c>Auth:SessionCheckSeconds</c> (default 10) per account instead of on every request. This instance forgets an
/// account's stamp the moment it changes one (<see cref="AppUserManager"/>), so here a session ends at once; another
/// instance of the app notices within that interval. See docs/security.md.
/// </summary>
public sealed class SessionStamps(IConfiguration configuration, TimeProvider time, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset ReadAt)> _stamps = new(StringComparer.Ordinal);
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(configuration.GetValue("Auth:SessionCheckSeconds", 10));

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(services);
        var id = user.UserId();
        var claimed = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (id.Length == 0 || claimed is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!_stamps.TryGetValue(id, out var known) || now - known.ReadAt >= _interval)
        {
            ct.ThrowIfCancellationRequested();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var account = await users.FindByIdAsync(id);
            known = (account is null ? null : await users.GetSecurityStampAsync(account), now);
            _stamps[id] = known;
        }

        return known.Stamp is not null && string.Equals(known.Stamp, claimed, StringComparison.Ordinal);
    }

    /// <summary>Makes the next request of this account read its stamp from the database again.</summary>
    public void Forget(string userId) => _stamps.TryRemove(userId, out _);
}

/// <summary>Identity's user manager, telling <see cref="SessionStamps"/> whenever an account is saved (a stamp may have changed).</summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    SessionStamps stamps)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// The key an authenticator app is set up with, made now if the account has none. Unlike Identity's
    /// <see cref="UserManager{TUser}.ResetAuthenticatorKeyAsync"/>, making a first key keeps the security stamp: a key
    /// that is not yet switched on grants nothing, so opening the enrolment page must not end the account's sessions.
    /// Null when the account changed meanwhile (another tab made a key first): reload and read that one.
    /// </summary>
    public async Task<string?> AuthenticatorKeyAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        var store = (IUserAuthenticatorKeyStore<AppUser>)Store;
        await store.SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        return (await UpdateUserAsync(user)).Succeeded ? await GetAuthenticatorKeyAsync(user) : null;
    }

    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await base.UpdateUserAsync(user);
        stamps.Forget(user.Id);
        return result;
    }
}
