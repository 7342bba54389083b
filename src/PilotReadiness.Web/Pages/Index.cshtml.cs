using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<DraftLink> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Drafts = await db.Assessments.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.Status == AssessmentStatus.Draft && (a.OwnerId == userId || a.Collaborators.Any(c => c.UserId == userId)))
            .OrderByDescending(a => a.UpdatedAt)
            .Take(5)
            .Select(a => new DraftLink(a.Id, a.Title, a.BusinessUnit, a.Sponsor))
            .ToListAsync(ct);
    }

    public sealed record DraftLink(Guid Id, string Title, string BusinessUnit, string Sponsor);
}
