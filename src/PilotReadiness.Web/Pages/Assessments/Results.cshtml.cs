using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Decisions;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The score, the verdict, the gates, what to fix first, and the reason behind every point.</summary>
public sealed class ResultsModel(AppDbContext db, TimeProvider time) : PageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public ScoreResult Score { get; private set; } = null!;

    public bool CanEdit { get; private set; }

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
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return NotFound();
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
        return Page();
    }
}
