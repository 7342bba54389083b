using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Email;

namespace PilotReadiness.Web.Pages.Account;

/// <summary>
/// Asks for a password-reset link. The answer is the same whether or not the email has an account, so the page
/// cannot be used to find out who has one.
/// </summary>
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users, IdentityEmails emails, IValidator<ForgotPasswordModel.InputModel> validator, TimeProvider time,
    ILogger<ForgotPasswordModel> logger) : PageModel
{
    public const string Confirmation = "If that email has an account, a link to reset the password is on its way.";

    public static readonly ErrorSummary Summary = new(ErrorSummary.CheckTheseFields, ErrorSummary.ForInput(nameof(InputModel.Email)));

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

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
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = await users.FindByEmailAsync(email);
        // An account an admin locked stays locked: a reset link would not let its owner in, so none is sent.
        if (user is not null && !AccountForms.IsLockedByAdmin(user, time.GetUtcNow()))
        {
            var code = AccountForms.EncodeCode(await users.GeneratePasswordResetTokenAsync(user));
            try
            {
                await emails.SendPasswordResetLinkAsync(user, email, emails.ResetLink(email, code));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Same answer as always: telling the visitor the email failed would tell them the account exists.
                logger.LogError(e, "Could not send the password-reset email to user {UserId}", user.Id);
            }
        }

        Sent = true;
        return Page();
    }

    public sealed record InputModel
    {
        public string? Email { get; init; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() => RuleFor(x => x.Email).ValidEmail();
    }
}
