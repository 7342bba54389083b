using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The score, the verdict, the gates, what to fix first, and the reason behind every point.</summary>
public sealed class ResultsModel(AppDbContext db, TimeProvider time) : PageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public ScoreResult Score { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public IReadOnlyDictionary<string, ClaimState> Claims { get; private set; } = new Dictionary<string, ClaimState>();

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
        return Page();
    }
}
