using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>A sponsor corrects a draft's title, business unit, sponsor or description.</summary>
public sealed class DetailsModel(AssessmentAccess access, IValidator<DetailsInput> validator, TimeProvider time)
    : AssessmentPageModel(access), IDetailsForm
{
    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public bool Invalid(string key) => ModelState.Invalid(key);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Assessment.WhyNot(AssessmentAction.ChangeDetails) is not null || !User.May(AssessmentAction.ChangeDetails, Assessment))
        {
            return Redirect($"/assessments/{id}/review");
        }

        Input = DetailsInput.From(Assessment);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.ChangeDetails, ct) is { } refused)
        {
            return refused;
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation);
            return ShowProblem(null, StatusCodes.Status400BadRequest);
        }

        Assessment.UpdateDetails(Input.ToDetails(), time.GetUtcNow());
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = "Details saved.";
        return Redirect($"/assessments/{id}/review");
    }

    protected override Task ShowAsync(CancellationToken ct) => Task.CompletedTask;
}
