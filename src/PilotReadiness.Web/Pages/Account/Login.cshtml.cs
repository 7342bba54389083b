using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// Signing in with email and password (the application cookie); five failures lock the account for 15 minutes. An account
/// with two-step verification goes on to the code step (<see cref="LoginTwoFactorModel"/>).
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IValidator<LoginModel.InputModel> validator, TimeProvider time)
    : PageModel
{
    public const string WrongCredentials = "That email and password do not match an account.";
    public const string LockedOut = "Too many failed attempts. This account is locked for 15 minutes; try again later or reset your password.";
    public const string LockedByAdmin = "This account is locked. Ask an administrator to unlock it.";

    public static readonly ErrorSummary Summary = new("Signing in did not work", ErrorSummary.ForInput(nameof(InputModel.Email), nameof(InputModel.Password)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Where to go after signing in; honoured only when it is an address on this site.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var email = Input.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; Identity's two-factor cookie now names the account for the code step.
            var query = $"?RememberMe={(Input.RememberMe ? "true" : "false")}";
            return Redirect(TwoFactor.CodeStepPath + (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? $"{query}&ReturnUrl={Uri.EscapeDataString(ReturnUrl)}" : query));
        }

        var message = WrongCredentials;
        if (result.IsLockedOut)
        {
            var user = await users.FindByEmailAsync(email);
            message = user is not null && AccountForms.IsLockedByAdmin(user, time.GetUtcNow()) ? LockedByAdmin : LockedOut;
        }

        ModelState.AddModelError("", message);
        return Refused();
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed record InputModel
    {
        public string? Email { get; init; }

        public string? Password { get; init; }

        public bool RememberMe { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.Email).ValidEmail();
            RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.");
        }
    }
}
