using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>The current version of every pilot, newest change first, with status filter, search and paging; where drafts are resumed.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Status { get; private set; }

    public string? Search { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int TotalCount { get; private set; }

    /// <summary>Today by the app's clock: a conditional go shows as lapsed from the day after a condition's due date.</summary>
    public DateOnly Today { get; private set; }

    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(string? status, string? q, int? p, CancellationToken ct)
    {
        // One row per pilot: its current version. Earlier versions are reached from the pilot's results.
        // A row needs only the assessment's own columns and its stored score: no answers, people or confirmations.
        var query = db.Assessments.AsNoTracking().IgnoreAutoIncludes().VisibleTo(User).Where(a => a.SupersededAt == null);
        if (AssessmentStatusNames.FromKey(status) is { } s)
        {
            Status = status;
            query = query.Where(a => a.Status == s);
        }

        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Search is not null)
        {
            var term = Search.ToLowerInvariant();
#pragma warning disable CA1862 // ToLower().Contains translates to SQL on both providers; the StringComparison overload does not.
            query = query.Where(a => a.Title.ToLower().Contains(term) || a.Sponsor.ToLower().Contains(term) || a.BusinessUnit.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        TotalCount = await query.CountAsync(ct);
        PageNumber = Math.Clamp(p ?? 1, 1, TotalPages);
        var page = await query.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = [.. page.Select(a => new Row(a, a.Readiness))];
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    public string PageUrl(int page)
    {
        var parts = new List<string>();
        if (Status is not null)
        {
            parts.Add("status=" + Uri.EscapeDataString(Status));
        }

        if (Search is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Search));
        }

        parts.Add("p=" + page);
        return "/assessments?" + string.Join("&", parts);
    }

    public sealed record Row(Assessment Assessment, Readiness Score);
}
