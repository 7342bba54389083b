using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

public sealed class NewModel(AppDbContext db, IValidator<DetailsInput> validator, TimeProvider time) : PageModel
{
    /// <summary>The form's fields in page order, so the error summary reads in the same order.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
        [$"{nameof(Input)}.{nameof(DetailsInput.Title)}", $"{nameof(Input)}.{nameof(DetailsInput.BusinessUnit)}",
         $"{nameof(Input)}.{nameof(DetailsInput.Sponsor)}", $"{nameof(Input)}.{nameof(DetailsInput.Description)}"];

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
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

        var assessment = new Assessment(Input.ToDetails(), QuestionnaireCatalog.Current, User.UserId(), time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        return Redirect($"/assessments/{assessment.Id}/steps/{SectionKeys.Commitment}");
    }
}
