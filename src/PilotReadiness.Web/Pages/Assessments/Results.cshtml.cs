using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The score, the verdict, the gates, what to fix first, and the reason behind every point; re-assessing starts here.</summary>
public sealed class ResultsModel(AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>The assessment version the re-assess form was rendered with.</summary>
    [BindProperty]
    public int Version { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public ScoreResult Score { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    /// <summary>A sponsor who may edit it sees a submitted current version: they may start the next version.</summary>
    public bool CanReassess => CanEdit && PilotVersions.WhyNotReassess(Assessment) is null;

    public VersionBanner? Banner { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, ClaimState> Claims { get; private set; } = new Dictionary<string, ClaimState>();

    /// <summary>TempData key of a decision change that was refused (the decide page's mark-met), shown in the decision section.</summary>
    public const string DecisionProblemKey = "DecisionProblem";

    /// <summary>The pilot's decisions over all its versions, newest first; the first may be the current one.</summary>
    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public Decision? CurrentDecision => Decisions.FirstOrDefault(d => d.IsCurrent);

    public DateOnly Today { get; private set; }

    /// <summary>Reviewers record decisions and mark conditions met.</summary>
    public bool CanDecide { get; private set; }

    public string? DecisionProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: false, ct))
        {
            return NotFound();
        }

        Version = Assessment.Version;
        return Page();
    }

    /// <summary>Starts the next version from this one's answers and opens its first step.</summary>
    public async Task<IActionResult> OnPostReassessAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, tracked: true, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (PilotVersions.WhyNotReassess(Assessment) is { } notAllowed)
        {
            return Refused(notAllowed);
        }

        if (Version != Assessment.Version)
        {
            return Refused("This assessment changed since you opened this page, so no new version was started. Check the results below, then try again.");
        }

        var next = Assessment.Reassess(time.GetUtcNow());
        db.Assessments.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, tracked: false, ct);
            return Refused(PilotVersions.WhyNotReassess(Assessment)
                ?? "Someone changed this assessment at the same moment, so no new version was started. Try again.");
        }

        TempData["Message"] = $"Version {next.Revision} started from the answers of version {Assessment.Revision}, which stays as it was. " +
            "Change what is different now, then submit it again.";
        return Redirect($"/assessments/{next.Id}/steps/{SectionKeys.Commitment}");
    }

    private PageResult Refused(string problem)
    {
        Problem = problem;
        Version = Assessment.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Assessments : db.Assessments.AsNoTracking();
        var assessment = await query.VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return false;
        }

        Assessment = assessment;
        CanEdit = User.CanEdit(assessment);
        var now = time.GetUtcNow();
        Score = assessment.Score(now);
        Claims = assessment.ClaimStates(now);
        Today = time.Today();
        Decisions = await DecisionHistory.ForPilotAsync(db, assessment.PilotId, ct);
        CanDecide = User.IsInRole(Roles.Reviewer);
        DecisionProblem = TempData[DecisionProblemKey] as string;
        Banner = await PilotVersions.BannerAsync(db, User, assessment, ct);
        return true;
    }
}
