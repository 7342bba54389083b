using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The assessment's audit trail, newest first: every change with who made it and when.</summary>
public sealed class HistoryModel(AppDbContext db) : PageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.AssessmentId == id)
            .OrderByDescending(e => e.Id).ToListAsync(ct);
        var userIds = entries.Select(e => e.Kind.StartsWith("collaborator", StringComparison.Ordinal) ? e.Subject : null).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName + " (" + u.Email + ")", ct);
        Lines = [.. entries.Select(e => AuditText.Describe(assessment.Questionnaire, e, names))];
        return Page();
    }
}
