using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Auth;

/// <summary>The <c>Authentication:Oidc</c> settings. Single sign-on is on when <see cref="Authority"/> is set.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The provider's issuer address, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Optional: a public client signs in with PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button: "Sign in with …".</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    /// <summary>Only for development and tests against a provider on plain HTTP; then the sign-in cookies work over HTTP too.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether a first-time SSO user without an account gets one; otherwise only invited people may sign in.</summary>
    public bool AutoProvision { get; set; }

    /// <summary>The role an automatically created account gets.</summary>
    public string DefaultRole { get; set; } = Roles.Sponsor;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// Optional single sign-on with any OpenID Connect provider (Entra ID, Keycloak, …), turned on by configuration alone.
/// The provider signs the person in (authorization code flow with PKCE) into Identity's external cookie;
/// <c>/account/sso/complete</c> then finds the account (by the provider's subject, else by email, which links the two)
/// and signs it in with the application cookie, like a password sign-in. Locked accounts stay locked.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/account/sso/start";
    public const string CompletePath = "/account/sso/complete";

    private const string LoginPath = "/account/login";

    /// <summary>Why single sign-on was refused, as the <c>sso</c> query parameter of the sign-in page.</summary>
    public static class Problems
    {
        public const string Failed = "failed";
        public const string NotInvited = "not-invited";
        public const string NoEmail = "no-email";
        public const string Locked = "locked";
        public const string NotAllowed = "not-allowed";
        public const string NotCreated = "not-created";
    }

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.AddOptions<SingleSignOnOptions>()
            .Bind(section)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientId),
                $"{SingleSignOnOptions.Section}:ClientId is required when {SingleSignOnOptions.Section}:Authority is set.")
            .Validate(o => Roles.All.Contains(o.DefaultRole),
                $"{SingleSignOnOptions.Section}:DefaultRole must be one of {string.Join(", ", Roles.All)}.")
            .ValidateOnStart();

        var settings = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = string.IsNullOrWhiteSpace(settings.ClientSecret) ? null : settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back on a top-level GET, which works with SameSite=Lax cookies; PKCE binds it to this browser.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.TokenValidationParameters.NameClaimType = "name";
            // Not among the claims taken from the userinfo answer by default; an address the provider has not verified is never matched.
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            if (!settings.RequireHttpsMetadata)
            {
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            // The person cancelled at the provider, or the response was invalid: back to the sign-in page with a message.
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                    .LogWarning(context.Failure, "Single sign-on failed at the provider callback");
                context.Response.Redirect(LoginUrl(Problems.Failed, context.Properties?.RedirectUri is { } redirect ? ReturnUrlOf(redirect) : null));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary><c>GET /account/sso/start?returnUrl=</c> and <c>GET /account/sso/complete</c>; 404 while SSO is off.</summary>
    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account/sso")
            .AllowAnonymous()
            .ExcludeFromDescription()
            .RequireRateLimiting(SecuritySetup.SignInLimit);
        group.MapGet("/start", Start);
        group.MapGet("/complete", CompleteAsync);
        return app;
    }

    /// <summary>The sign-in button's address.</summary>
    public static string StartUrl(string? returnUrl) =>
        IsLocalUrl(returnUrl) && returnUrl != "/" ? $"{StartPath}?returnUrl={Uri.EscapeDataString(returnUrl)}" : StartPath;

    /// <summary>The sentence the sign-in page shows for a refused single sign-on, or null.</summary>
    public static string? Problem(string? code, string displayName = "single sign-on") => code switch
    {
        Problems.Failed => $"Signing in with {displayName} did not work. Try again, or sign in with your email and password.",
        Problems.NotInvited =>
            $"There is no PilotReadiness account for the email address of your {displayName} account. People join by invitation: " +
            "ask an administrator to invite that address, then sign in again.",
        Problems.NoEmail =>
            $"Your {displayName} account did not share a verified email address, so it cannot be matched to a PilotReadiness account. " +
            "Ask an administrator.",
        Problems.NotCreated =>
            $"A PilotReadiness account could not be created for the email address of your {displayName} account. " +
            "Ask an administrator to invite you.",
        Problems.Locked => "This account is locked. Ask an administrator to unlock it, or try again later.",
        Problems.NotAllowed => "This account may not sign in yet. Ask an administrator.",
        _ => null,
    };

    /// <summary>
    /// True for an address on this site: <c>/path</c>, never <c>//host</c>, <c>/\host</c> or one with control characters
    /// (the rules of ASP.NET Core's <c>IUrlHelper.IsLocalUrl</c>).
    /// </summary>
    public static bool IsLocalUrl([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static Results<ChallengeHttpResult, NotFound> Start(
        string? returnUrl, SignInManager<AppUser> signIn, IOptions<SingleSignOnOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return TypedResults.NotFound();
        }

        var complete = $"{CompletePath}?returnUrl={Uri.EscapeDataString(IsLocalUrl(returnUrl) ? returnUrl : "/")}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(Scheme, complete);
        return TypedResults.Challenge(properties, [Scheme]);
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> CompleteAsync(
        HttpContext http, string? returnUrl, SignInManager<AppUser> signIn, UserManager<AppUser> users,
        AppDbContext db, IOptions<SingleSignOnOptions> options, ILoggerFactory loggers)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return TypedResults.NotFound();
        }

        var logger = loggers.CreateLogger(typeof(SingleSignOn));
        var target = IsLocalUrl(returnUrl) ? returnUrl : "/";
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return await RefuseAsync(http, Problems.Failed, target);
        }

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            var email = info.Principal.FindFirstValue("email")?.Trim();
            if (string.IsNullOrEmpty(email) || string.Equals(info.Principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Single sign-on refused subject {Subject}: the provider sent no verified email", info.ProviderKey);
                return await RefuseAsync(http, Problems.NoEmail, target);
            }

            var login = new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName);
            user = await users.FindByEmailAsync(email);
            if (user is not null)
            {
                var linked = await users.AddLoginAsync(user, login);
                if (!linked.Succeeded)
                {
                    logger.LogError("Could not link single sign-on subject {Subject} to {Email}: {Errors}", info.ProviderKey, email, Describe(linked));
                    return await RefuseAsync(http, Problems.Failed, target);
                }

                logger.LogInformation("Linked single sign-on subject {Subject} to the account {Email}", info.ProviderKey, email);
            }
            else if (!settings.AutoProvision)
            {
                logger.LogWarning("Single sign-on refused {Email}: no account and Authentication:Oidc:AutoProvision is off", email);
                return await RefuseAsync(http, Problems.NotInvited, target);
            }
            else if (!await ProvisionAsync(db, users, info.Principal, email, login, settings.DefaultRole, logger, http.RequestAborted))
            {
                return await RefuseAsync(http, Problems.NotCreated, target);
            }
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.Succeeded)
        {
            return TypedResults.Redirect(target);
        }

        return await RefuseAsync(http, result.IsLockedOut ? Problems.Locked : Problems.NotAllowed, target);
    }

    /// <summary>Creates the account, gives it the default role and links the login, all or nothing.</summary>
    private static async Task<bool> ProvisionAsync(AppDbContext db, UserManager<AppUser> users, ClaimsPrincipal principal,
        string email, UserLoginInfo login, string role, ILogger logger, CancellationToken ct)
    {
        var name = principal.FindFirstValue("name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = $"{principal.FindFirstValue("given_name")} {principal.FindFirstValue("family_name")}".Trim();
        }

        if (string.IsNullOrEmpty(name) || name.Length > AppUser.DisplayNameMaxLength || !TextRules.IsClean(name, multiline: false))
        {
            name = email;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        IdentityResult result;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            result = await users.CreateAsync(user);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, role);
            }

            if (result.Succeeded)
            {
                result = await users.AddLoginAsync(user, login);
            }

            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (DbUpdateException e)
        {
            // The same person signing in twice at once: the other request created the account.
            logger.LogWarning(e, "Could not create the account {Email} on first single sign-on", email);
            return false;
        }

        if (!result.Succeeded)
        {
            logger.LogWarning("Could not create the account {Email} on first single sign-on: {Errors}", email, Describe(result));
            return false;
        }

        logger.LogInformation("Created the account {Email} with the role {Role} on first single sign-on", email, role);
        return true;
    }

    private static async Task<RedirectHttpResult> RefuseAsync(HttpContext http, string problem, string returnUrl)
    {
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        return TypedResults.Redirect(LoginUrl(problem, returnUrl));
    }

    private static string LoginUrl(string problem, string? returnUrl) =>
        IsLocalUrl(returnUrl) && returnUrl != "/"
            ? $"{LoginPath}?sso={problem}&returnUrl={Uri.EscapeDataString(returnUrl)}"
            : $"{LoginPath}?sso={problem}";

    /// <summary>The returnUrl carried in <c>/account/sso/complete?returnUrl=…</c>.</summary>
    private static string? ReturnUrlOf(string completeUrl)
    {
        var query = completeUrl.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? null : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(completeUrl[query..])["returnUrl"].ToString();
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
