using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Api;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Auth;

public static class Policies
{
    public const string Sponsor = "Sponsor";
    public const string Admin = "Admin";

    /// <summary>The portfolio dashboard and its API: reviewers and admins.</summary>
    public const string Portfolio = "Portfolio";

    /// <summary>Recording decisions and marking their conditions met: reviewers.</summary>
    public const string Reviewer = "Reviewer";
}

/// <summary>Accounts (ASP.NET Core Identity), cookie and bearer sign-in, and the authorization policies.</summary>
public static class AuthSetup
{
    public const int PasswordMinLength = 10;

    public static IServiceCollection AddAppAuth(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<AppUserManager>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddSingleton<SessionStamps>();

        // Pages challenge with the sign-in cookie (a redirect to the sign-in page); the API still answers 401/403.
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            options.DefaultForbidScheme = IdentityConstants.ApplicationScheme;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CurrentSessions.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/Status/403";
            // The API answers 401/403; only pages redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromHours(1);
            options.RefreshTokenExpiration = TimeSpan.FromDays(7);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Sponsor, policy => policy.RequireRole(Roles.Sponsor))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Portfolio, policy => policy.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Reviewer, policy => policy.RequireRole(Roles.Reviewer));

        services.AddDataProtection().SetApplicationName("PilotReadiness").PersistKeysToDbContext<AppDbContext>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IdentityEmails>();
        services.AddSingleton<IEmailSender<AppUser>>(sp => sp.GetRequiredService<IdentityEmails>());
        return services;
    }

    /// <summary>
    /// The Identity API under <c>/api/auth</c> (login, with <c>twoFactorCode</c> or <c>twoFactorRecoveryCode</c> for accounts
    /// with two-step verification; refresh, password reset, manage/info). Sign-up stays closed unless <c>Auth:OpenSignUp</c>
    /// is true: people join through an admin's invitation. <c>manage/2fa</c> is not served: see <see cref="TwoFactor"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var openSignUp = configuration.GetValue<bool>("Auth:OpenSignUp");
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.AddEndpointFilter(async (context, next) =>
            !openSignUp && context.HttpContext.Request.Path.StartsWithSegments("/api/auth/register")
                ? TypedResults.NotFound()
                : await next(context));
        // Identity's request records declare their strings non-null, yet a JSON null binds to them and Identity then
        // throws (FindByEmailAsync(null) is a 500); and an email or user id with a NUL or broken Unicode cannot even be
        // looked up in the database. Either answers 400 naming the field.
        group.AddEndpointFilter(async (context, next) =>
            UnusableFields(context) is { Count: > 0 } errors
                ? TypedResults.ValidationProblem(errors, title: "Some fields are missing or not valid")
                : await next(context));
        group.MapIdentityApi<AppUser>().Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
            if (pattern.EndsWith("/manage/2fa", StringComparison.Ordinal))
            {
                // Two-step verification is managed on the account pages only (ADR 0008): Identity's endpoint would let a
                // bearer token switch it off without the password, and its first call renews the security stamp.
                endpoint.Metadata.Add(new SuppressMatchingMetadata());
                endpoint.Metadata.Add(new ExcludeFromDescriptionAttribute());
                return;
            }

            if (!openSignUp && pattern.EndsWith("/register", StringComparison.Ordinal))
            {
                // Closed: it answers 404 like any path that does not exist, and the API document does not offer it.
                endpoint.Metadata.Add(new ExcludeFromDescriptionAttribute());
            }

            if (!pattern.Contains("/manage", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }

            var limit = pattern.EndsWith("/login", StringComparison.Ordinal) || pattern.EndsWith("/refresh", StringComparison.Ordinal)
                ? SecuritySetup.SignInLimit
                : pattern.EndsWith("/forgotPassword", StringComparison.Ordinal) || pattern.EndsWith("/resetPassword", StringComparison.Ordinal)
                    ? SecuritySetup.PasswordResetLimit
                    : SecuritySetup.ApiLimit;
            endpoint.Metadata.Add(new EnableRateLimitingAttribute(limit));
            Describe(endpoint, pattern);
        });
        return app;
    }

    /// <summary>
    /// By their JSON or query name: the non-nullable text fields of Identity's request records that arrived as null, and
    /// the text values (fields of those records, or query values such as confirmEmail's userId) that the text rule refuses.
    /// Passwords are left to Identity: they are hashed, never looked up.
    /// </summary>
    private static Dictionary<string, string[]> UnusableFields(EndpointFilterInvocationContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void CheckText(string name, string? value)
        {
            if (!name.Contains("password", StringComparison.OrdinalIgnoreCase) && !TextRules.IsClean(value, multiline: false))
            {
                errors[name] = [TextRules.InvalidCharactersMessage];
            }
        }

        var nullability = new NullabilityInfoContext();
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            var argument = context.Arguments[i];
            if (argument is string text && i < parameters.Length)
            {
                CheckText(parameters[i].Name ?? $"argument {i}", text);
                continue;
            }

            if (argument?.GetType().Namespace != typeof(LoginRequest).Namespace)
            {
                continue;
            }

            foreach (var property in argument!.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (property.GetValue(argument) is not string value)
                {
                    if (nullability.Create(property).WriteState == NullabilityState.NotNull)
                    {
                        errors[name] = [$"Give {name}."];
                    }

                    continue;
                }

                CheckText(name, value);
            }
        }

        return errors;
    }

    /// <summary>
    /// Identity's endpoints as the OpenAPI document shows them: an operationId, a summary, and the answers their
    /// results do not declare (a failed sign-in's 401, the confirmation page's text).
    /// </summary>
    private static void Describe(EndpointBuilder endpoint, string pattern)
    {
        var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
        var key = $"{string.Join(',', methods)} {pattern[(pattern.LastIndexOf("/api/auth/", StringComparison.Ordinal) + "/api/auth/".Length)..]}";
        var (id, summary, unauthorized) = key switch
        {
            "POST register" => ("Register", "Create an account with email and password (only when open sign-up is on).", false),
            "POST login" => ("SignIn", "Sign in with email and password: a bearer token and a refresh token, or with useCookies=true the sign-in cookie.", true),
            "POST refresh" => ("RefreshToken", "Exchange a refresh token for a new bearer token and refresh token.", true),
            "GET confirmEmail" => ("ConfirmEmail", "Confirm an email address with the userId and code of the emailed link.", true),
            "POST resendConfirmationEmail" => ("ResendConfirmationEmail", "Email the confirmation link again; answers the same whether or not the account exists.", false),
            "POST forgotPassword" => ("ForgotPassword", "Email a password reset code; answers the same whether or not the account exists.", false),
            "POST resetPassword" => ("ResetPassword", "Choose a new password with the emailed reset code.", false),
            "GET manage/info" => ("GetAccountInfo", "The signed-in account's email and whether it is confirmed.", false),
            "POST manage/info" => ("UpdateAccountInfo", "Change the signed-in account's email (a link is sent to confirm it) or password (the old one is needed).", false),
            _ => throw new InvalidOperationException($"Describe the Identity endpoint {key} for the OpenAPI document."),
        };
        endpoint.Metadata.Add(new OperationIdMetadata(id));
        endpoint.Metadata.Add(new EndpointSummaryAttribute(summary));
        if (unauthorized)
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [OpenApiSetup.ProblemJson]));
        }

        if (key == "GET confirmEmail")
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/plain"]));
        }
    }

    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
