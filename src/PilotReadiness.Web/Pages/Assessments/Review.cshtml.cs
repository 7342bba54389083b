using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>Every answer on one page, the verdict so far, and submitting for review (or re-opening).</summary>
public sealed class ReviewModel(AppDbContext db, UserManager<AppUser> users, ConfirmationRequests confirmations, TimeProvider time) : PageModel
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

    [BindProperty]
    public int Version { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    public ScoreResult Score { get; private set; } = null!;

    /// <summary>The answers given that do not count under the assessment's scoring model, with the reason.</summary>
    public IReadOnlyDictionary<string, string> NotCounted { get; private set; } = new Dictionary<string, string>();

    /// <summary>For a draft: the questions required to proceed that lack a real answer; submitting waits for them.</summary>
    public IReadOnlyList<OpenBlocker> Blockers { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>May change it now: the owner or a collaborator, as a sponsor, on the current version.</summary>
    public bool CanEdit { get; private set; }

    public VersionBanner? Banner { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Version = Assessment.Version;
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        ChangeStatusAsync(id, a => a.IsEditable, a => a.Submit(time.GetUtcNow()),
            "Submitted for review. The answers are now read-only; re-open the assessment to change them.", ct,
            whyNot: a => a.WhyNotSubmit());

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct) =>
        ChangeStatusAsync(id, a => a.Status == AssessmentStatus.Submitted, a => a.Reopen(time.GetUtcNow()),
            "Re-opened as a draft. Submit it again when the answers are ready.", ct);

    public async Task<IActionResult> OnPostRequestConfirmationAsync(Guid id, string questionKey, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.CanEdit(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsCurrent)
        {
            return Superseded();
        }

        if (Version != Assessment.Version)
        {
            return Refused();
        }

        string? error;
        try
        {
            error = await confirmations.RequestAsync(Assessment, questionKey, ConfirmationEmail, User.Identity?.Name ?? "The sponsor", ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Refused();
        }

        if (error is not null)
        {
            ConfirmationError = (questionKey, error);
            Version = Assessment.Version;
            ModelState.Remove(nameof(Version));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Message"] = "Request sent. Their answer will show here and on the results.";
        return Redirect($"/assessments/{id}/review");
    }

    public async Task<IActionResult> OnPostAddCollaboratorAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.CanManageCollaborators(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsCurrent)
        {
            return Superseded();
        }

        var (user, error) = await Collaborators.FindSponsorAsync(users, CollaboratorEmail);
        if (user is null)
        {
            CollaboratorError = error;
            Version = Assessment.Version;
            ModelState.Remove(nameof(Version));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return await SaveCollaboratorChangeAsync(id, a => a.AddCollaborator(user.Id, time.GetUtcNow()),
            $"{user.DisplayName} can now edit this assessment.", ct);
    }

    public async Task<IActionResult> OnPostRemoveCollaboratorAsync(Guid id, string userId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.CanManageCollaborators(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsCurrent)
        {
            return Superseded();
        }

        return await SaveCollaboratorChangeAsync(id, a => a.RemoveCollaborator(userId, time.GetUtcNow()), "Collaborator removed.", ct);
    }

    private async Task<IActionResult> SaveCollaboratorChangeAsync(Guid id, Func<Assessment, bool> change, string done, CancellationToken ct)
    {
        if (Version != Assessment.Version)
        {
            return Refused();
        }

        if (change(Assessment))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DbErrors.IsConflict(e))
            {
                db.ChangeTracker.Clear();
                await LoadAsync(id, ct);
                return Refused();
            }
        }

        TempData["Message"] = done;
        return Redirect($"/assessments/{id}/review");
    }

    private async Task<IActionResult> ChangeStatusAsync(
        Guid id, Func<Assessment, bool> allowed, Action<Assessment> change, string done, CancellationToken ct,
        Func<Assessment, string?>? whyNot = null)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!User.CanEdit(Assessment))
        {
            return Forbid();
        }

        if (!Assessment.IsCurrent)
        {
            return Superseded();
        }

        if (Version != Assessment.Version || !allowed(Assessment))
        {
            return Refused();
        }

        if (whyNot?.Invoke(Assessment) is { } refused)
        {
            Problem = refused;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        change(Assessment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Refused();
        }

        TempData["Message"] = done;
        return Redirect($"/assessments/{id}/review");
    }

    private PageResult Refused()
    {
        Problem = "This assessment changed since you opened this page, so nothing was done. Check the answers below, then try again.";
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>A change to a version that a re-assessment replaced: refused, and the page says where the current one is.</summary>
    private PageResult Superseded()
    {
        Problem = $"This is version {Assessment.Revision}, kept read-only since the pilot was re-assessed, so nothing was changed. " +
            "Make changes in the current version.";
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return false;
        }

        Assessment = assessment;
        CanEdit = User.CanEdit(assessment) && assessment.IsCurrent;
        CanManageCollaborators = User.CanManageCollaborators(assessment) && assessment.IsCurrent;
        Banner = await PilotVersions.BannerAsync(db, User, assessment, ct);
        People = await Collaborators.PeopleAsync(db, assessment, ct);
        Answers = assessment.ReadAnswers(assessment.Questionnaire);
        Score = assessment.Score(time.GetUtcNow());
        Claims = assessment.ClaimStates(time.GetUtcNow());
        Blockers = assessment.IsEditable ? assessment.SubmitBlockers() : [];
        NotCounted = assessment.NotCounted();
        return true;
    }
}
