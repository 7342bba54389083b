using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;
using PilotReadiness.Web.Waivers;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>
/// The waivers of an assessment's gates (ADR 0020): a sponsor asks for one on a submitted assessment; a reviewer approves
/// it until a day after today, or refuses it saying why. Every change goes through the door with the form's version.
/// </summary>
public sealed class WaiversModel(
    AppDbContext db, AssessmentAccess access, IValidator<WaiverRequestInput> requestValidator, IValidator<WaiverApprovalInput> approvalValidator,
    IValidator<WaiverRefusalInput> refusalValidator, TimeProvider time) : AssessmentPageModel(access)
{
    [BindProperty]
    public RequestModel Ask { get; set; } = new();

    [BindProperty]
    public AnswerModel Answer { get; set; } = new();

    public ScoreResult Score { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The gates the viewer may ask to waive now: triggered, waivable, with no waiver waiting or holding.</summary>
    public IReadOnlyList<GateResult> Waivable { get; private set; } = [];

    /// <summary>The viewer may ask for a waiver (a sponsor of this submitted assessment), or why not.</summary>
    public bool CanRequest { get; private set; }

    public string? WhyNotRequest { get; private set; }

    /// <summary>The viewer may answer waiting waivers (a reviewer, on the current version).</summary>
    public bool CanDecide { get; private set; }

    public static ErrorSummary RequestSummary => new("The waiver was not asked for: please check these fields",
        ErrorSummary.ForKeys(["Ask.Gate", "Ask.Reason"]));

    public static ErrorSummary AnswerSummary(Guid waiverId) => new("The waiver was not answered: please check these fields",
        [new SummaryItem("Answer.Until", $"until-{waiverId}"), new SummaryItem("Answer.Note", $"note-{waiverId}")]);

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRequestAsync(Guid id, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.RequestWaiver, ct) is { } refused)
        {
            return refused;
        }

        var input = new WaiverRequestInput(Ask.Gate, Ask.Reason);
        var now = time.GetUtcNow();
        var errors = (await requestValidator.ValidateAsync(input, ct)).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(Assessment.CheckWaiverRequest(Catalog, input.Gate, input.Reason, now));
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync("Ask", errors, ct);
        }

        var waiver = Assessment.RequestWaiver(Catalog, input.Gate!, input.Reason!, User.UserId(), await DecisionHistory.DeciderNameAsync(db, User, ct), now);
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = $"Waiver of \"{waiver.Label}\" asked for. A reviewer approves or refuses it; until then the gate caps the verdict.";
        return Redirect($"/assessments/{id}/waivers");
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => DecideAsync(id, approve: true, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid id, CancellationToken ct) => DecideAsync(id, approve: false, ct);

    private async Task<IActionResult> DecideAsync(Guid id, bool approve, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.DecideWaiver, ct) is { } refused)
        {
            return refused;
        }

        if (Assessment.Waivers.All(w => w.Id != Answer.WaiverId))
        {
            await ShowAsync(ct);
            return ShowProblem("That waiver is not on this version of the assessment; answer it from the list below.");
        }

        if (Assessment.WhyNotDecideWaiver(Answer.WaiverId) is { } refusal)
        {
            await ShowAsync(ct);
            return ShowProblem(refusal.Message);
        }

        var now = time.GetUtcNow();
        var shape = approve
            ? await approvalValidator.ValidateAsync(new WaiverApprovalInput(Answer.Until, Answer.Note), ct)
            : await refusalValidator.ValidateAsync(new WaiverRefusalInput(Answer.Note), ct);
        var until = WaiverApprovalInput.ParseDate(Answer.Until);
        var errors = shape.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (errors.Count == 0)
        {
            errors.AddRange(Assessment.CheckWaiverDecision(approve, until, Answer.Note, now.Day()));
        }

        if (errors.Count > 0)
        {
            return await InvalidAsync("Answer", errors, ct);
        }

        var name = await DecisionHistory.DeciderNameAsync(db, User, ct);
        if (approve)
        {
            Assessment.ApproveWaiver(Catalog, Answer.WaiverId, until!.Value, Answer.Note, User.UserId(), name, now);
        }
        else
        {
            Assessment.RefuseWaiver(Answer.WaiverId, Answer.Note!, User.UserId(), name, now);
        }

        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = approve ? $"Waiver approved until {until:d MMMM yyyy}: the gate does not cap the verdict until then." : "Waiver refused.";
        return Redirect($"/assessments/{id}/waivers");
    }

    private async Task<IActionResult> InvalidAsync(string form, IEnumerable<FieldError> errors, CancellationToken ct)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError($"{form}.{char.ToUpperInvariant(error.Field[0])}{error.Field[1..]}", error.Message);
        }

        await ShowAsync(ct);
        return ShowProblem(null, StatusCodes.Status400BadRequest);
    }

    protected override Task ShowAsync(CancellationToken ct)
    {
        var assessment = Assessment;
        Now = time.GetUtcNow();
        Score = assessment.Score(Catalog, Now);
        CanRequest = User.May(AssessmentAction.RequestWaiver, assessment);
        WhyNotRequest = assessment.WhyNot(AssessmentAction.RequestWaiver)?.Message;
        CanDecide = User.May(AssessmentAction.DecideWaiver, assessment) && assessment.WhyNot(AssessmentAction.DecideWaiver) is null;
        Waivable = assessment.WaivableGates(Catalog, Now);
        return Task.CompletedTask;
    }

    public sealed class RequestModel
    {
        public string? Gate { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class AnswerModel
    {
        public Guid WaiverId { get; set; }

        public string? Until { get; set; }

        public string? Note { get; set; }
    }
}
