using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>Every answer on one page, the verdict so far, and submitting for review (or re-opening).</summary>
public sealed class ReviewModel(
    AppDbContext db, AssessmentAccess access, UserManager<AppUser> users, ConfirmationRequests confirmations, IOptions<EvidenceOptions> evidence, TimeProvider time)
    : AssessmentPageModel(access)
{
    [BindProperty]
    public string? ConfirmationEmail { get; set; }

    public (string QuestionKey, string Error)? ConfirmationError { get; private set; }

    [BindProperty]
    public string? CollaboratorEmail { get; set; }

    public IReadOnlyList<Collaborators.Person> People { get; private set; } = [];

    public bool CanManageCollaborators { get; private set; }

    public IReadOnlyDictionary<string, ClaimState> Claims { get; private set; } = new Dictionary<string, ClaimState>();

    public string? CollaboratorError { get; private set; }

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    /// <summary>The organisation's currency, shown with every amount.</summary>
    public Currency Currency { get; private set; } = Currency.Default;

    public ScoreResult Score { get; private set; } = null!;

    /// <summary>The answers given that do not count under the assessment's scoring model, with the reason.</summary>
    public IReadOnlyDictionary<string, string> NotCounted { get; private set; } = new Dictionary<string, string>();

    /// <summary>For a draft: the questions required to proceed that lack a real answer; submitting waits for them.</summary>
    public IReadOnlyList<OpenBlocker> Blockers { get; private set; } = [];

    /// <summary>May change it now: the owner or a collaborator, as a sponsor, on the current version.</summary>
    public bool CanEdit { get; private set; }

    public VersionBanner? Banner { get; private set; }

    /// <summary>May add and remove evidence now: the owner or a collaborator, on a current draft.</summary>
    public bool CanChangeEvidence { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The evidence behind one answer, as the page lists it.</summary>
    public EvidenceListView EvidenceFor(string questionKey) =>
        new(Assessment.Id, [.. Assessment.Evidence.Where(e => e.QuestionKey == questionKey)], Today, evidence.Value.StaleAfterDays);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, AssessmentAction.Submit, a => a.Submit(Catalog, time.GetUtcNow()),
            "Submitted for review. The answers are now read-only; re-open the assessment to change them.", ct,
            whyNot: a => a.WhyNotSubmit(Catalog));

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, AssessmentAction.Reopen, a => a.Reopen(Catalog, time.GetUtcNow()),
            "Re-opened as a draft. Submit it again when the answers are ready.", ct);

    public async Task<IActionResult> OnPostRequestConfirmationAsync(Guid id, string questionKey, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.RequestConfirmation, ct) is { } refused)
        {
            return refused;
        }

        var (errors, refusal) = await confirmations.RequestAsync(Assessment, questionKey, ConfirmationEmail, User.Identity?.Name ?? "The sponsor", ct);
        if (refusal is not null)
        {
            return await RefuseAsync(refusal, await Access.FindAsync(User, id, ct), ct);
        }

        if (errors.Count > 0)
        {
            ConfirmationError = (questionKey, errors[0].Message);
            return await ShowInvalidAsync(ct);
        }

        TempData["Message"] = "Request sent. Their answer will show here and on the results.";
        return Redirect($"/assessments/{id}/review");
    }

    public async Task<IActionResult> OnPostAddCollaboratorAsync(Guid id, CancellationToken ct)
    {
        if (await ForChangeAsync(id, AssessmentAction.ManageCollaborators, ct) is { } refused)
        {
            return refused;
        }

        var (user, error) = await Collaborators.FindSponsorAsync(users, CollaboratorEmail);
        if (user is null)
        {
            CollaboratorError = error;
            return await ShowInvalidAsync(ct);
        }

        Assessment.AddCollaborator(user.Id, time.GetUtcNow());
        return await SaveAsync(ct) ?? Done(id, $"{user.DisplayName} can now edit this assessment.");
    }

    public async Task<IActionResult> OnPostRemoveCollaboratorAsync(Guid id, string userId, CancellationToken ct) =>
        await ForChangeAsync(id, AssessmentAction.ManageCollaborators, ct)
        ?? (Assessment.RemoveCollaborator(userId, time.GetUtcNow()) ? await SaveAsync(ct) : null)
        ?? Done(id, "Collaborator removed.");

    private async Task<IActionResult> ChangeAsync(
        Guid id, AssessmentAction action, Action<Assessment> change, string done, CancellationToken ct, Func<Assessment, string?>? whyNot = null)
    {
        if (await ForChangeAsync(id, action, ct) is { } refused)
        {
            return refused;
        }

        if (whyNot?.Invoke(Assessment) is { } notYet)
        {
            await ShowAsync(ct);
            return ShowProblem(notYet);
        }

        change(Assessment);
        return await SaveAsync(ct) ?? Done(id, done);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/assessments/{id}/review");
    }

    /// <summary>The page again with a field's message (400); nothing was changed.</summary>
    private async Task<IActionResult> ShowInvalidAsync(CancellationToken ct)
    {
        await ShowAsync(ct);
        return ShowProblem(null, StatusCodes.Status400BadRequest);
    }

    protected override async Task ShowAsync(CancellationToken ct)
    {
        var assessment = Assessment;
        var now = time.GetUtcNow();
        CanEdit = User.CanEdit(assessment) && assessment.IsCurrent;
        CanManageCollaborators = User.CanManageCollaborators(assessment) && assessment.IsCurrent;
        Banner = await PilotVersions.BannerAsync(db, User, assessment, ct);
        People = await Collaborators.PeopleAsync(db, assessment, ct);
        Answers = assessment.ReadAnswers(Catalog);
        Score = assessment.Score(Catalog, now);
        Claims = assessment.ClaimStates(now);
        Currency = await OrganisationSettings.CurrencyAsync(db, ct);
        Blockers = assessment.IsEditable ? assessment.SubmitBlockers(Catalog) : [];
        NotCounted = assessment.NotCounted(Catalog);
        Today = now.Day();
        CanChangeEvidence = User.May(AssessmentAction.ChangeEvidence, assessment) && assessment.WhyNot(AssessmentAction.ChangeEvidence) is null;
    }
}
