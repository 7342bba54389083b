using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>The signed-in person changes their own password; their sign-in is renewed so this browser stays signed in.</summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<ChangePasswordModel.InputModel> validator)
    : PageModel
{
    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields,
        ErrorSummary.ForInput(nameof(InputModel.CurrentPassword), nameof(InputModel.NewPassword), nameof(InputModel.ConfirmPassword)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AppUser Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Account = user;
        return Page();
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Account = user;
        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            ModelState.AddPasswordErrors(result, Key(nameof(InputModel.NewPassword)), Key(nameof(InputModel.CurrentPassword)));
            return Refused();
        }

        // The password change renewed the security stamp; sign in again so this session carries the new one.
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Your password is changed. Use the new one next time you sign in.";
        return Redirect("/account/change-password");
    }

    private static string Key(string property) => $"{nameof(Input)}.{property}";

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed record InputModel
    {
        public string? CurrentPassword { get; init; }

        public string? NewPassword { get; init; }

        public string? ConfirmPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            this.NewPasswordRules(x => x.NewPassword, x => x.ConfirmPassword);
            RuleFor(x => x.NewPassword)
                .Must((model, value) => string.IsNullOrEmpty(model.CurrentPassword) || !string.Equals(value, model.CurrentPassword, StringComparison.Ordinal))
                .WithMessage("Choose a password different from the current one.")
                .When(x => x.NewPassword?.Length >= AuthSetup.PasswordMinLength);
        }
    }
}
