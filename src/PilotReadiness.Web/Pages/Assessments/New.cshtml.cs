using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>A sponsor names the pilot (title, business unit, sponsor, description) and starts its questionnaire.</summary>
public sealed class NewModel(AppDbContext db, IQuestionnaireCatalog catalog, IValidator<DetailsInput> validator, TimeProvider time) : PageModel, IDetailsForm
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public bool Invalid(string key) => ModelState.Invalid(key);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var assessment = new Assessment(Input.ToDetails(), catalog.Current, User.UserId(), time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);
        return Redirect($"/assessments/{assessment.Id}/steps/{SectionKeys.Commitment}");
    }
}
