using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain;
using PilotReadiness.Web.Assessments;
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
        var s = AssessmentStatusNames.FromKey(status);
        Status = s is null ? null : status;
        // A search box sends what was typed; control characters (a NUL the database would refuse) can only be a slip.
        q = q is null ? null : new string([.. q.Where(c => !char.IsControl(c) && !char.IsSurrogate(c))]);
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, AssessmentList.SearchMaxLength)];
        var page = await AssessmentList.PageAsync(db, User, s, Search, p ?? 1, PageSize, clamp: true, ct);
        TotalCount = page.TotalCount;
        PageNumber = page.Page;
        Rows = [.. page.Items.Select(a => new Row(a, a.Readiness))];
        Today = time.Today();
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
