using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Auth;

/// <summary>
/// Two-step sign-in with an authenticator app (TOTP, RFC 6238) and single-use recovery codes, on top of Identity's own
/// support: the key and the codes are Identity's user tokens, a sign-in that passed the code step carries Identity's
/// <c>amr=mfa</c> claim. People enrol on /account/two-factor/enrol; the sign-in page asks for a code when it is on;
/// <c>POST /api/auth/login</c> takes <c>twoFactorCode</c> or <c>twoFactorRecoveryCode</c>. Single sign-on never asks:
/// there the identity provider owns the second step. See docs/decisions/0008-two-factor-sign-in.md.
/// </summary>
public static class TwoFactor
{
    public const string SettingsPath = "/account/two-factor";
    public const string EnrolPath = "/account/two-factor/enrol";
    public const string CodeStepPath = "/account/login/two-factor";

    /// <summary>How many recovery codes enrolment and "new recovery codes" give.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The name authenticator apps show next to the account.</summary>
    public const string Issuer = "PilotReadiness";

    public const string Required =
        "Your organisation requires two-step verification for reviewers and admins. Set it up to continue.";

    /// <summary>Reviewers and admins: the people the organisation's requirement is about.</summary>
    public static bool IsStaff(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin);
    }

    /// <summary>This session passed the code step (Identity adds <c>amr=mfa</c> to a two-factor sign-in) or enrolled just now.</summary>
    public static bool PassedSecondStep(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim("amr", "mfa");
    }

    /// <summary>This session came through single sign-on, whose provider is in charge of any second step.</summary>
    public static bool SignedInWithSingleSignOn(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ClaimTypes.AuthenticationMethod, SingleSignOn.Scheme);
    }

    /// <summary>A code as typed: spaces and hyphens dropped (apps show "123 456").</summary>
    public static string? AuthenticatorCode(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>A recovery code as Identity stores it (<c>XXXXX-XXXXX</c>, upper case), however it was typed.</summary>
    public static string RecoveryCode(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var plain = new string(typed.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return plain.Length == 10 ? $"{plain[..5]}-{plain[5..]}" : typed.Trim().ToUpperInvariant();
    }

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string Readable(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The <c>otpauth://</c> address the QR code holds (the format authenticator apps read).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>An <c>img</c> source: the QR code of <paramref name="uri"/> as SVG (sharp at any size, no script).</summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        var svg = new QRCoder.SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, QRCoder.SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>
    /// Switches two-step verification on after the first code was verified and makes the recovery codes, in one
    /// transaction; renews the security stamp, so the account's other sessions end. Null when the account changed meanwhile.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> TurnOnAsync(AppDbContext db, UserManager<AppUser> users, AppUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!(await users.SetTwoFactorEnabledAsync(user, true)).Succeeded
            || await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) is not { } codes)
        {
            return null;
        }

        await transaction.CommitAsync(ct);
        return [.. codes];
    }

    /// <summary>
    /// The Identity calls that switch two-step verification off (to be run in one transaction): a new key for the next
    /// enrolment, the recovery codes gone, the security stamp renewed so every session ends.
    /// </summary>
    public static Func<Task<IdentityResult>>[] TurnOff(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return
        [
            () => users.SetTwoFactorEnabledAsync(user, false),
            () => users.ResetAuthenticatorKeyAsync(user),
            async () => await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is null
                ? IdentityResult.Failed(users.ErrorDescriber.ConcurrencyFailure())
                : IdentityResult.Success,
        ];
    }

    /// <summary>
    /// Signs this browser in again after a change to the account's two-step settings renewed its security stamp, so it
    /// stays signed in while the account's other sessions end; <paramref name="secondStepDone"/> marks it as having
    /// passed the second step (the person just proved they hold the authenticator).
    /// </summary>
    public static async Task RenewSignInAsync(this SignInManager<AppUser> signIn, AppUser user, bool secondStepDone)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var current = await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var claims = new List<Claim>();
        if (secondStepDone || current.Principal?.FindFirst("amr") is not null)
        {
            claims.Add(new Claim("amr", "mfa"));
        }

        if (current.Principal?.FindFirst(ClaimTypes.AuthenticationMethod) is { } method)
        {
            claims.Add(new Claim(ClaimTypes.AuthenticationMethod, method.Value));
        }

        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(), claims);
    }

    /// <summary>
    /// While the organisation requires it, a reviewer or admin signed in without the second step (and not through
    /// single sign-on) is sent to enrol before anything else: pages redirect to <see cref="EnrolPath"/>, the API answers
    /// 403 with a ProblemDetails. Endpoints open to everyone (sign-in, sign-out, status pages) stay reachable.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && IsStaff(user) && !PassedSecondStep(user) && !SignedInWithSingleSignOn(user)
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
            && !context.Request.Path.StartsWithSegments(EnrolPath)
            && (await OrganisationSettings.CurrentAsync(context.RequestServices.GetRequiredService<AppDbContext>(), context.RequestAborted))
                .RequireTwoFactorForStaff)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-step verification is required",
                    detail: Required + $" Set it up at {EnrolPath}, then sign in again with a code.").ExecuteAsync(context);
            }
            else
            {
                var here = context.Request.Path + context.Request.QueryString;
                context.Response.Redirect(HttpMethods.IsGet(context.Request.Method) && here != "/"
                    ? $"{EnrolPath}?returnUrl={Uri.EscapeDataString(here)}"
                    : EnrolPath);
            }

            return;
        }

        await next(context);
    });
}
