using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Portfolio;

namespace PilotReadiness.Web.Pages;

/// <summary>
/// The home page: what each of the viewer's roles has to do next. Sponsors see their drafts with the fix that raises each
/// one's readiness most; reviewers the decisions waiting for them and what on the portfolio needs attention; admins the
/// people who have not accepted their invitation yet and the accounts that are locked. No page offers an action the
/// viewer's roles cannot take.
/// </summary>
public sealed class IndexModel(AppDbContext db, PortfolioQueries portfolio, IQuestionnaireCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>How many rows each list on the home page shows (its heading gives the count of all).</summary>
    public const int Listed = 5;

    public IReadOnlyList<DraftLink> Drafts { get; private set; } = [];

    public int DraftCount { get; private set; }

    public IReadOnlyList<AwaitingLink> Awaiting { get; private set; } = [];

    public int AwaitingCount { get; private set; }

    public IReadOnlyList<AttentionGroup> Attention { get; private set; } = [];

    public IReadOnlyList<PersonLink> Invited { get; private set; } = [];

    public IReadOnlyList<PersonLink> Locked { get; private set; } = [];

    public int PeopleCount { get; private set; }

    public bool IsSponsor => User.CanStartAssessments();

    public bool IsReviewer => User.IsInRole(Roles.Reviewer);

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (IsSponsor)
        {
            await LoadDraftsAsync(now, ct);
        }

        if (IsReviewer)
        {
            var waiting = db.Assessments.AsNoTracking().IgnoreAutoIncludes().Current().AwaitingDecision(DateTimeOffset.MaxValue);
            AwaitingCount = await waiting.CountAsync(ct);
            Awaiting = await waiting.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Take(Listed)
                .Select(a => new AwaitingLink(a.Id, a.Title, a.BusinessUnit, a.Sponsor, a.SubmittedAt!.Value)).ToListAsync(ct);
        }

        if (IsReviewer)
        {
            Attention = [.. (await portfolio.SummaryAsync(PortfolioFilter.Default, ct)).Attention.Where(g => g.Count > 0)];
        }

        if (IsAdmin)
        {
            await LoadPeopleAsync(now, ct);
        }
    }

    private async Task LoadDraftsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var userId = User.UserId();
        var mine = db.Assessments.Current()
            .Where(a => a.Status == AssessmentStatus.Draft && (a.OwnerId == userId || a.Collaborators.Any(c => c.UserId == userId)));
        DraftCount = await mine.CountAsync(ct);
        var drafts = await mine.AsNoTracking().OrderByDescending(a => a.UpdatedAt).Take(Listed).ToListAsync(ct);
        Drafts = [.. drafts.Select(a =>
        {
            var score = a.Score(catalog, now);
            return new DraftLink(a.Id, a.Title, a.BusinessUnit, a.Sponsor, score.Overall, score.Verdict, score.TopFixes() is [var first, ..] ? first : null);
        })];
    }

    private async Task LoadPeopleAsync(DateTimeOffset now, CancellationToken ct)
    {
        PeopleCount = await db.Users.CountAsync(ct);
        Invited = await db.Users.AsNoTracking().Where(u => u.PasswordHash == null)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Take(Listed)
            .Select(u => new PersonLink(u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        // Lockouts are few; the account pages' rule for them (AccountForms.IsLockedOut) is asked rather than restated in SQL.
        var maybeLocked = await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).ToListAsync(ct);
        Locked = [.. maybeLocked.Where(u => Account.AccountForms.IsLockedOut(u, now))
            .OrderBy(u => u.DisplayName).Select(u => new PersonLink(u.DisplayName, u.Email ?? ""))];
    }

    public sealed record DraftLink(Guid Id, string Title, string BusinessUnit, string Sponsor, int Overall, Verdict Verdict, Finding? FixFirst);

    public sealed record AwaitingLink(Guid Id, string Title, string BusinessUnit, string Sponsor, DateTimeOffset SubmittedAt);

    public sealed record PersonLink(string Name, string Email);
}
