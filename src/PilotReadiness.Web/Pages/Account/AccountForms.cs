using System.Linq.Expressions;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>What the account pages share: limits, messages, validation plumbing, reset codes and lockout states.</summary>
public static class AccountForms
{
    /// <summary>The Identity column size for emails and user names.</summary>
    public const int EmailMaxLength = 256;

    /// <summary>Long enough for any passphrase; bounds what a request can make the server hash.</summary>
    public const int PasswordMaxLength = 256;

    public const string EnterEmail = "Enter your email address.";
    public const string EmailFormat = "Enter an email address like name@example.com.";
    public static readonly string EmailTooLong = $"Keep the email address to {EmailMaxLength} characters or fewer.";
    public static readonly string PasswordTooShort = $"Use at least {AuthSetup.PasswordMinLength} characters.";
    public static readonly string PasswordTooLong = $"Keep the password to {PasswordMaxLength} characters or fewer.";
    public static readonly string NewPasswordHint =
        $"At least {AuthSetup.PasswordMinLength} characters. A few unrelated words make a strong password that is easy to remember.";

    public const string LinkExpired = "This link has expired or was already used. Ask for a new one.";

    /// <summary>A rule chain for an email field: required, shaped like an email, fits the column, no control characters.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilderInitial<T, string?> rule, string emptyMessage = EnterEmail) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(emptyMessage)
            .MaximumLength(EmailMaxLength).WithMessage(EmailTooLong)
            .Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage)
            .EmailAddress().WithMessage(EmailFormat);

    /// <summary>A new password and its confirmation, as Identity will accept them (Identity still has the last word).</summary>
    public static void NewPasswordRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> password,
        Expression<Func<T, string?>> confirm)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var readPassword = password.Compile();
        validator.RuleFor(password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a new password.")
            .MinimumLength(AuthSetup.PasswordMinLength).WithMessage(PasswordTooShort)
            .MaximumLength(PasswordMaxLength).WithMessage(PasswordTooLong);
        validator.RuleFor(confirm).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the new password again.")
            .Must((model, value) => string.IsNullOrEmpty(readPassword(model)) || string.Equals(value, readPassword(model), StringComparison.Ordinal))
            .WithMessage("The two passwords are not the same. Type the new password again.");
    }

    /// <summary>Copies FluentValidation's errors into ModelState under <paramref name="prefix"/> (e.g. <c>Input</c>).</summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }

    /// <summary>
    /// Puts Identity's errors under the field they are about: password rules under <paramref name="newPasswordKey"/>,
    /// a wrong current password under <paramref name="currentPasswordKey"/>, anything else on the form as a whole.
    /// </summary>
    public static void AddPasswordErrors(this ModelStateDictionary modelState, IdentityResult result, string newPasswordKey, string? currentPasswordKey = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var (key, message) = error.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordMismatch) when currentPasswordKey is not null =>
                    (currentPasswordKey, "That is not your current password."),
                nameof(IdentityErrorDescriber.PasswordTooShort) => (newPasswordKey, PasswordTooShort),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => (newPasswordKey, error.Description),
                nameof(IdentityErrorDescriber.ConcurrencyFailure) =>
                    ("", "Your account changed while this page was open (perhaps in another window). Try again."),
                _ => ("", error.Description),
            };
            modelState.AddModelError(key, message);
        }
    }

    /// <summary>Reset codes travel Base64Url-encoded, as the <c>/api/auth</c> endpoints send them.</summary>
    public static string EncodeCode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token inside a code from a link, or null when the code is not Base64Url (a mangled link).</summary>
    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Far longer than any code Identity makes; bounds what a link can make the server decode.</summary>
    public const int CodeMaxLength = 4000;

    /// <summary>
    /// The account and password-reset token in an emailed link (reset or invitation), or nulls when the link is
    /// mangled, the account does not exist, or the token expired or was used (a used token no longer matches the
    /// account's security stamp). The same answer for each, so a link reveals nothing about who has an account.
    /// </summary>
    public static async Task<(AppUser? User, string? Token)> ReadLinkAsync(UserManager<AppUser> users, string? email, string? code)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrWhiteSpace(email) || email.Length > EmailMaxLength || !TextRules.IsClean(email, multiline: false)
            || code is null || code.Length > CodeMaxLength || DecodeCode(code) is not { } token)
        {
            return (null, null);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token))
        {
            return (null, null);
        }

        return (user, token);
    }

    /// <summary>
    /// An admin's lock ends at <see cref="DateTimeOffset.MaxValue"/> (which SQLite stores to the millisecond, so compare
    /// loosely); a lock after failed sign-ins ends in minutes.
    /// </summary>
    public static bool IsLockedByAdmin(AppUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd is { } end && end > now.AddYears(100);
    }

    public static bool IsLockedOut(AppUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd is { } end && end > now;
    }

    /// <summary>
    /// Choosing a password through an emailed link proves the person holds the mailbox: clears the lock left by failed
    /// sign-ins (an admin's lock stays). Sets the properties only; the caller's Identity call saves them with the password.
    /// </summary>
    public static void ClearFailedSignIns(AppUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!IsLockedByAdmin(user, now))
        {
            user.LockoutEnd = null;
        }

        user.AccessFailedCount = 0;
    }
}
