using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// The second step of signing in, for accounts with two-step verification on: the password step left Identity's
/// short-lived two-factor cookie; a code from the authenticator app, or one of the recovery codes (each works once),
/// finishes the sign-in. Wrong codes count towards the lockout like wrong passwords; the page has the sign-in rate limit.
/// </summary>
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn, IValidator<LoginTwoFactorModel.InputModel> validator, TimeProvider time)
    : PageModel
{
    public const string WrongCode = "That code did not work. Enter the newest code from your authenticator app, or one of your recovery codes.";
    public const string Expired = "Your sign-in took too long. Enter your email and password again.";

    public static readonly ErrorSummary Summary = new("Signing in did not work", ErrorSummary.ForInput(nameof(InputModel.Code)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Keep me signed in" from the password step, carried to the final sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? StartAgain() : Page();

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return StartAgain();
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = TwoFactor.AuthenticatorCode(Input.Code) is { } code
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactor.RecoveryCode(Input.Code!));
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? AccountForms.IsLockedByAdmin(user, time.GetUtcNow()) ? LoginModel.LockedByAdmin : LoginModel.LockedOut
            : WrongCode);
        return Refused();
    }

    private RedirectResult StartAgain()
    {
        TempData["Warning"] = Expired;
        return Redirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? $"/account/login?ReturnUrl={Uri.EscapeDataString(ReturnUrl)}" : "/account/login");
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed record InputModel
    {
        /// <summary>A six-digit code from the app, or a recovery code.</summary>
        public string? Code { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the code from your authenticator app, or a recovery code.")
                .MaximumLength(32).WithMessage(WrongCode);
    }
}
