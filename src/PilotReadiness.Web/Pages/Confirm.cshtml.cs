using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages;

/// <summary>
/// Where a person named for a role answers, through the single-use link emailed to them: no account needed. The link
/// acts on its own request only, once, before it expires.
/// </summary>
public sealed class ConfirmModel(
    AppDbContext db, IQuestionnaireCatalog catalog, ConfirmationRequests requests, IValidator<ConfirmModel.InputModel> validator, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Assessment? Assessment { get; private set; }

    public Confirmation? Confirmation { get; private set; }

    public string Role { get; private set; } = "";

    public string? Question { get; private set; }

    public bool Usable { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (!Usable)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (!Usable)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        HttpContext.Items[AuditInterceptor.AnonymousActorKey] = Confirmation!.Email;
        Assessment!.RespondToConfirmation(catalog, Confirmation.Id, Input.Decision == "confirm", Input.Comment, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            // The sponsor changed the assessment at the same moment: the answer is still wanted, so try once more.
            db.ChangeTracker.Clear();
            await LoadAsync(token, ct);
            if (!Usable)
            {
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }

            Assessment!.RespondToConfirmation(catalog, Confirmation!.Id, Input.Decision == "confirm", Input.Comment, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        Done = true;
        return Page();
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        var found = await requests.FindAsync(token, ct);
        if (found is null)
        {
            return;
        }

        (Assessment, Confirmation) = found.Value;
        Role = ConfirmationRequests.RoleName(Confirmation.QuestionKey);
        Question = Assessment.VersionIn(catalog).Questionnaire.FindQuestion(Confirmation.QuestionKey)?.Text;
        // A request on a version that has since been re-assessed is not answered there: that version is kept as it was.
        Usable = Confirmation.CanRespond(time.GetUtcNow()) && Assessment.IsCurrent;
    }

    public sealed record InputModel
    {
        public string? Decision { get; init; }

        public string? Comment { get; init; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.Decision).Must(d => d is "confirm" or "decline").WithMessage("Choose whether you take the role.");
            RuleFor(x => x.Comment).MaximumLength(Confirmation.CommentMaxLength)
                .WithMessage($"Keep the comment to {Confirmation.CommentMaxLength} characters or fewer.")
                .Must(c => TextRules.IsClean(c, multiline: true)).WithMessage(TextRules.InvalidCharactersMessage);
        }
    }
}
