using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// An invited person confirms their name and chooses a password, then is signed in. The invitation link carries a
/// password-reset token, so it works like <see cref="ResetPasswordModel"/> and proves the email address is theirs.
/// </summary>
public sealed class AcceptInvitationModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<AcceptInvitationModel.InputModel> validator, TimeProvider time)
    : PageModel
{
    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields,
        ErrorSummary.ForInput(nameof(InputModel.DisplayName), nameof(InputModel.NewPassword), nameof(InputModel.ConfirmPassword)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkValid { get; private set; } = true;

    /// <summary>The roles the admin gave, e.g. "Sponsor", to tell the person what they can do.</summary>
    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? email, string? code)
    {
        var (user, _) = await AccountForms.ReadLinkAsync(users, email, code);
        if (user is null)
        {
            return LinkRefused();
        }

        UserRoles = [.. await users.GetRolesAsync(user)];
        Input = new InputModel { Email = email, Code = code, DisplayName = user.DisplayName };
        return Page();
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (user, token) = await AccountForms.ReadLinkAsync(users, Input.Email, Input.Code);
        if (user is null || token is null)
        {
            return LinkRefused();
        }

        UserRoles = [.. await users.GetRolesAsync(user)];
        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused();
        }

        // Saved together with the password by ResetPasswordAsync, or not at all.
        user.DisplayName = Input.DisplayName!.Trim();
        user.EmailConfirmed = true;
        var now = time.GetUtcNow();
        AccountForms.ClearFailedSignIns(user, now);
        var result = await users.ResetPasswordAsync(user, token, Input.NewPassword!);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return LinkRefused();
        }

        if (!result.Succeeded)
        {
            ModelState.AddPasswordErrors(result, $"{nameof(Input)}.{nameof(InputModel.NewPassword)}");
            return Refused();
        }

        if (AccountForms.IsLockedOut(user, now))
        {
            TempData["Warning"] = "Your password is set, but an administrator has locked this account. Ask them to unlock it, then sign in.";
            return Redirect("/account/login");
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = $"Welcome to PilotReadiness, {user.DisplayName}. Your password is set and you are signed in.";
        return Redirect("/");
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult LinkRefused()
    {
        LinkValid = false;
        return Refused();
    }

    public sealed record InputModel
    {
        /// <summary>From the link, carried in a hidden field.</summary>
        public string? Email { get; init; }

        /// <summary>From the link, carried in a hidden field.</summary>
        public string? Code { get; init; }

        public string? DisplayName { get; init; }

        public string? NewPassword { get; init; }

        public string? ConfirmPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter your name as colleagues know it.")
                .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage($"Keep your name to {AppUser.DisplayNameMaxLength} characters or fewer.")
                .Must(v => TextRules.IsClean(v, multiline: false)).WithMessage(TextRules.InvalidCharactersMessage);
            this.NewPasswordRules(x => x.NewPassword, x => x.ConfirmPassword);
        }
    }
}
