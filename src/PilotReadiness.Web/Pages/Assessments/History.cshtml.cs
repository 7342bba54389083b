using PilotReadiness.Domain.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The assessment's audit trail, newest first: every change with who made it and when.</summary>
public sealed class HistoryModel(AppDbContext db, IQuestionnaireCatalog catalog) : PageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> Lines { get; private set; } = [];

    public VersionBanner? Banner { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        Lines = await AuditText.HistoryAsync(db, catalog, assessment, ct);
        Banner = await PilotVersions.BannerAsync(db, User, assessment, ct);
        return Page();
    }
}
