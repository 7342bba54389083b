using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// The account's two-step verification: whether it is on, how many recovery codes are left, new recovery codes, and
/// switching it off (with the password or a current code; not while the organisation requires it of this person).
/// Accounts that sign in through single sign-on are told that the identity provider handles the second step.
/// </summary>
public sealed class TwoFactorSettingsModel(
    AppUserManager users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    IOptions<SingleSignOnOptions> singleSignOn,
    IValidator<TwoFactorSettingsModel.InputModel> validator,
    ILogger<TwoFactorSettingsModel> logger) : PageModel
{
    public const string NotConfirmed = "That is neither your password nor a current code from your app.";
    public const string RequiredByOrganisation =
        "Your organisation requires two-step verification for reviewers and admins, so it cannot be turned off for your account.";

    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields, ErrorSummary.ForInput(nameof(InputModel.Confirmation)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AppUser Account { get; private set; } = null!;

    public bool HasPassword { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The organisation requires two-step verification of this person.</summary>
    public bool Required { get; private set; }

    /// <summary>"Sign in with …" when single sign-on is configured and this account is linked to it; otherwise null.</summary>
    public string? SingleSignOnName { get; private set; }

    public bool SignedInWithSingleSignOn => TwoFactor.SignedInWithSingleSignOn(User);

    /// <summary>Shown once, right after asking for new ones.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (!Account.TwoFactorEnabled)
        {
            ModelState.AddModelError("", "Two-step verification is off, so there are no recovery codes to replace. Set it up first.");
            return Refused(StatusCodes.Status400BadRequest);
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(Account, TwoFactor.RecoveryCodeCount) ?? []];
        if (RecoveryCodes.Count == 0)
        {
            ModelState.AddModelError("", TwoFactorEnrolModel.ChangedMeanwhile);
            return Refused(StatusCodes.Status409Conflict);
        }

        logger.LogInformation("User {UserId} made new two-step recovery codes", Account.Id);
        RecoveryCodesLeft = RecoveryCodes.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (!Account.TwoFactorEnabled)
        {
            return Redirect(TwoFactor.SettingsPath);
        }

        if (Required)
        {
            ModelState.AddModelError("", RequiredByOrganisation);
            return Refused(StatusCodes.Status400BadRequest);
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused(StatusCodes.Status400BadRequest);
        }

        var confirmed = TwoFactor.AuthenticatorCode(Input.Confirmation) is { } code
            ? await users.VerifyTwoFactorTokenAsync(Account, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : await users.CheckPasswordAsync(Account, Input.Confirmation!);
        if (!confirmed)
        {
            // Counts like a failed sign-in, so a borrowed session cannot guess its way to switching the second step off.
            await users.AccessFailedAsync(Account);
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Confirmation)}", NotConfirmed);
            return Refused(StatusCodes.Status400BadRequest);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var step in TwoFactor.TurnOff(users, Account))
            {
                if (!(await step()).Succeeded)
                {
                    ModelState.AddModelError("", TwoFactorEnrolModel.ChangedMeanwhile);
                    return Refused(StatusCodes.Status409Conflict);
                }
            }

            await transaction.CommitAsync(ct);
        }

        logger.LogInformation("User {UserId} turned two-step verification off", Account.Id);
        await signIn.RenewSignInAsync(Account, secondStepDone: false);
        TempData["Message"] = "Two-step verification is off. Signing in asks only for your password now; your other sessions have ended.";
        return Redirect(TwoFactor.SettingsPath);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Account = user;
        HasPassword = await users.HasPasswordAsync(user);
        RecoveryCodesLeft = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        Required = TwoFactor.IsStaff(User) && (await OrganisationSettings.CurrentAsync(db, ct)).RequireTwoFactorForStaff;
        var options = singleSignOn.Value;
        if (options.Enabled && (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOn.Scheme))
        {
            SingleSignOnName = options.DisplayName;
        }

        return null;
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    public sealed record InputModel
    {
        /// <summary>The account's password or a current code from the app.</summary>
        public string? Confirmation { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.Confirmation).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your password or a code from your authenticator app.")
                .MaximumLength(AccountForms.PasswordMaxLength).WithMessage(AccountForms.PasswordTooLong);
    }
}
