using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Assessments;

/// <summary>One page of the assessments a user may see, as the list page and <c>GET /api/assessments</c> show it.</summary>
public sealed record AssessmentListPage(IReadOnlyList<Assessment> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>The assessment list's one query: current versions the user may see, filtered, newest change first.</summary>
public static class AssessmentList
{
    public const int SearchMaxLength = 200;

    /// <summary>
    /// One page of the list. Rows carry the assessment's own columns and its stored score only (no answers, people or
    /// confirmations). With <paramref name="clamp"/> a page past the end is the last page (the list page); without it,
    /// it is empty (the API says what was asked for).
    /// </summary>
    public static async Task<AssessmentListPage> PageAsync(
        AppDbContext db, ClaimsPrincipal user, AssessmentStatus? status, string? search, int page, int pageSize, bool clamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Assessments.AsNoTracking().IgnoreAutoIncludes().VisibleTo(user).Current();
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.Matching(search.Trim());
        }

        var total = await query.CountAsync(ct);
        if (clamp)
        {
            page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        }

        var skip = (long)(page - 1) * pageSize;
        IReadOnlyList<Assessment> items = skip >= total ? [] : await query.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
            .Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return new AssessmentListPage(items, page, pageSize, total);
    }
}
