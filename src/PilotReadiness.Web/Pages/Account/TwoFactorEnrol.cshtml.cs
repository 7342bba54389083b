using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// Setting up two-step verification: the account's authenticator key as a QR code and as text, then a first code from
/// the app, which must match before anything is switched on. Success shows the recovery codes, once. A reviewer or admin
/// whom the organisation requires to use it is sent here first (<see cref="TwoFactor.UseTwoFactorRequirement"/>).
/// </summary>
public sealed class TwoFactorEnrolModel(AppUserManager users, SignInManager<AppUser> signIn, AppDbContext db, IValidator<TwoFactorEnrolModel.InputModel> validator)
    : PageModel
{
    public const string WrongCode = "That code did not match. Check that the app shows PilotReadiness and that your phone's clock is right, then enter the newest code.";
    public const string ChangedMeanwhile = "Your account changed while this page was open (perhaps in another window). Reload the page and try again.";

    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields, ErrorSummary.ForInput(nameof(InputModel.Code)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AppUser Account { get; private set; } = null!;

    /// <summary>The key in groups of four, for typing into an app.</summary>
    public string SharedKey { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    /// <summary>Shown once, right after enrolment.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>The organisation requires two-step verification of this person.</summary>
    public bool Required { get; private set; }

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : TwoFactor.SettingsPath;

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var refused = await LoadAsync(ct);
        if (refused is not null)
        {
            return refused;
        }

        if (!await ShowKeyAsync())
        {
            ModelState.AddModelError("", ChangedMeanwhile);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var refused = await LoadAsync(ct);
        if (refused is not null)
        {
            return refused;
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return await RefusedAsync(StatusCodes.Status400BadRequest);
        }

        if (!await users.VerifyTwoFactorTokenAsync(Account, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactor.AuthenticatorCode(Input.Code)!))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Code)}", WrongCode);
            return await RefusedAsync(StatusCodes.Status400BadRequest);
        }

        RecoveryCodes = await TwoFactor.TurnOnAsync(db, users, Account, ct);
        if (RecoveryCodes is null)
        {
            ModelState.AddModelError("", ChangedMeanwhile);
            return await RefusedAsync(StatusCodes.Status409Conflict);
        }

        // Switching on renewed the security stamp (the account's other sessions end); this one stays, having just shown a code.
        await signIn.RenewSignInAsync(Account, secondStepDone: true);
        return Page();
    }

    /// <summary>The signed-in account, or where to send someone for whom there is nothing to set up here.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Account = user;
        if (user.TwoFactorEnabled || !await users.HasPasswordAsync(user))
        {
            // Already on, or an account that signs in only through single sign-on: the account page says which.
            return Redirect(TwoFactor.SettingsPath);
        }

        Required = TwoFactor.IsStaff(User) && (await OrganisationSettings.CurrentAsync(db, ct)).RequireTwoFactorForStaff;
        return null;
    }

    private async Task<bool> ShowKeyAsync()
    {
        if (await users.AuthenticatorKeyAsync(Account) is not { } key)
        {
            return false;
        }

        SharedKey = TwoFactor.Readable(key);
        QrCode = TwoFactor.QrCodeDataUri(TwoFactor.AuthenticatorUri(Account.Email ?? Account.UserName ?? "", key));
        return true;
    }

    private async Task<PageResult> RefusedAsync(int status)
    {
        await ShowKeyAsync();
        Response.StatusCode = status;
        return Page();
    }

    public sealed record InputModel
    {
        public string? Code { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the six-digit code your authenticator app shows.")
                .Must(code => TwoFactor.AuthenticatorCode(code) is not null).WithMessage("Enter the six digits the app shows, like 123 456.");
    }
}
