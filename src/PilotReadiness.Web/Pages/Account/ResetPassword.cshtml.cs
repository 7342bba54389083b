using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>Choosing a new password from an emailed link; it also lifts a lock left by failed sign-ins.</summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users, IValidator<ResetPasswordModel.InputModel> validator, TimeProvider time)
    : PageModel
{
    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields,
        ErrorSummary.ForInput(nameof(InputModel.NewPassword), nameof(InputModel.ConfirmPassword)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>False when the link is mangled, expired or used: the page then offers a new link instead of the form.</summary>
    public bool LinkValid { get; private set; } = true;

    public async Task<IActionResult> OnGetAsync(string? email, string? code)
    {
        var (user, _) = await AccountForms.ReadLinkAsync(users, email, code);
        if (user is null)
        {
            return LinkRefused();
        }

        Input = new InputModel { Email = email, Code = code };
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

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Refused();
        }

        AccountForms.ClearFailedSignIns(user, time.GetUtcNow());
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

        TempData["Message"] = "Your password is changed. Sign in with the new one.";
        return Redirect("/account/login");
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

        public string? NewPassword { get; init; }

        public string? ConfirmPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() => this.NewPasswordRules(x => x.NewPassword, x => x.ConfirmPassword);
    }
}
