using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;

namespace PilotReadiness.Web.Portfolio;

/// <summary>
/// The portfolio's queries, shared by the dashboard, its API and the exports. Everything is computed in the database
/// from the score headline each assessment keeps (<see cref="Readiness"/>): rows are projections of those columns (no
/// answers are loaded), figures are SQL aggregates, lists are bounded. A page is an offset page of the filtered,
/// sorted selection (the id breaks ties, so pages never overlap or skip); its total comes from the same cached
/// aggregate as the verdict counts (<see cref="PortfolioCache"/>).
/// </summary>
public sealed class PortfolioQueries(AppDbContext db, PortfolioCache cache, TimeProvider time)
{
    /// <summary>A submitted pilot waiting longer than this for a decision needs attention.</summary>
    public const int AwaitingDecisionDays = 14;

    /// <summary>How many pilots each needs-attention list shows (its count covers them all).</summary>
    public const int AttentionItems = 10;

    /// <summary>How many business units the heat map shows, alphabetically.</summary>
    public const int HeatMapBusinessUnits = 30;

    /// <summary>How many business units the filter offers.</summary>
    public const int BusinessUnitChoices = 500;

    /// <summary>How many sponsors the sponsor filter suggests.</summary>
    public const int SponsorChoices = 500;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => Now.Day();

    /// <summary>The current version of every pilot: the portfolio.</summary>
    public IQueryable<Assessment> Current => db.Assessments.AsNoTracking().Current();

    /// <summary>The portfolio narrowed and sorted as <paramref name="filter"/> says (paging not applied).</summary>
    public IQueryable<Assessment> Apply(PortfolioFilter filter) => Sort(Filter(Current, filter, db.LivePilots.AsNoTracking(), Today), filter);

    /// <summary>
    /// Only the pilots <paramref name="filter"/> selects; its sort and page are ignored. <paramref name="live"/> is the
    /// live pilots the health filter looks in, with their health on <paramref name="today"/>.
    /// </summary>
    public static IQueryable<Assessment> Filter(IQueryable<Assessment> assessments, PortfolioFilter filter, IQueryable<LivePilot> live, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Health is { } health)
        {
            var withHealth = live.WithHealth(health, today);
            assessments = assessments.Where(a => withHealth.Any(l => l.PilotId == a.PilotId));
        }

        if (filter.BusinessUnit is { } unit)
        {
            assessments = assessments.Where(a => a.BusinessUnit == unit);
        }

        if (filter.Status is { } status)
        {
            assessments = assessments.Where(a => a.Status == status);
        }

        if (filter.Verdict is { } verdict)
        {
            assessments = assessments.Where(a => a.Readiness.Verdict == verdict);
        }

        if (filter.Sponsor is { } sponsor)
        {
            assessments = assessments.SponsorMatching(sponsor);
        }

        if (filter.Gate is { } gate)
        {
            assessments = assessments.Where(a => (a.Readiness.Gates & gate) != GateSet.None);
        }

        if (filter.From is { } from)
        {
            var start = StartOf(from);
            assessments = assessments.Where(a => a.UpdatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            assessments = assessments.Where(a => a.UpdatedAt < end);
        }

        if (filter.Search is { } search)
        {
            assessments = assessments.Matching(search);
        }

        return assessments;
    }

    /// <summary>Sorts by the filter's column and direction, then by id in the same direction so the order is total.</summary>
    public static IOrderedQueryable<Assessment> Sort(IQueryable<Assessment> assessments, PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var desc = filter.Descending;
        return filter.Sort switch
        {
            PortfolioSort.Title => By(assessments, a => a.Title, desc),
            PortfolioSort.BusinessUnit => By(assessments, a => a.BusinessUnit, desc),
            PortfolioSort.Sponsor => By(assessments, a => a.Sponsor, desc),
            PortfolioSort.Status => By(assessments, a => a.Status == AssessmentStatus.Submitted ? 1 : 0, desc),
            // From the weakest verdict up, not alphabetically.
            PortfolioSort.Verdict => By(assessments, a =>
                a.Readiness.Verdict == Verdict.Go ? 3
                : a.Readiness.Verdict == Verdict.GoWithConditions ? 2
                : a.Readiness.Verdict == Verdict.NotReady ? 1 : 0, desc),
            PortfolioSort.Overall => By(assessments, a => a.Readiness.Overall, desc),
            PortfolioSort.Commitment => By(assessments, a => a.Readiness.Commitment, desc),
            PortfolioSort.Involvement => By(assessments, a => a.Readiness.Involvement, desc),
            PortfolioSort.AfterDemo => By(assessments, a => a.Readiness.AfterDemo, desc),
            PortfolioSort.Integration => By(assessments, a => a.Readiness.Integration, desc),
            PortfolioSort.Workflow => By(assessments, a => a.Readiness.Workflow, desc),
            PortfolioSort.Ownership => By(assessments, a => a.Readiness.Ownership, desc),
            // Undecided first (ascending), then no-go, conditional go, go.
            PortfolioSort.Decision => By(assessments, a =>
                a.Decision == null ? 0
                : a.Decision == DecisionOutcome.NoGo ? 1
                : a.Decision == DecisionOutcome.GoWithConditions ? 2 : 3, desc),
            // Never submitted: last, whichever the direction.
            PortfolioSort.Submitted => Then(desc
                ? assessments.OrderBy(a => a.SubmittedAt == null).ThenByDescending(a => a.SubmittedAt)
                : assessments.OrderBy(a => a.SubmittedAt == null).ThenBy(a => a.SubmittedAt), desc),
            _ => By(assessments, a => a.UpdatedAt, desc),
        };
    }

    /// <summary>The columns of a table row, and nothing else; with the kept after-launch headline of a live pilot.</summary>
    public static IQueryable<PortfolioRow> Project(IQueryable<Assessment> assessments, IQueryable<LivePilot> live) => assessments.Select(a => new PortfolioRow(
        a.Id, a.PilotId, a.Revision, a.Title, a.BusinessUnit, a.Sponsor, a.Status,
        a.Readiness.Verdict, a.Readiness.Overall,
        a.Readiness.Commitment, a.Readiness.Involvement, a.Readiness.AfterDemo,
        a.Readiness.Integration, a.Readiness.Workflow, a.Readiness.Ownership,
        a.Readiness.Gates, a.Readiness.OwnerConfirmed,
        a.Decision, a.DecidedAt, a.ConditionsDue, a.SubmittedAt, a.UpdatedAt,
        live.Where(l => l.PilotId == a.PilotId).Select(l => (LiveHealth?)l.DataHealth).FirstOrDefault(),
        live.Where(l => l.PilotId == a.PilotId).Select(l => (DateOnly?)l.NextCheckInDue).FirstOrDefault(),
        live.Where(l => l.PilotId == a.PilotId).Select(l => l.Outcome).FirstOrDefault()));

    /// <summary>
    /// One page of the selection. With <paramref name="clampPage"/> a page past the end shows the last page (the
    /// dashboard); without it, it is empty (the API says what was asked for).
    /// </summary>
    public async Task<PortfolioPage> PageAsync(PortfolioFilter filter, bool clampPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var total = await CountAsync(filter, ct);
        var lastPage = Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize);
        if (clampPage && filter.Page > lastPage)
        {
            filter = filter with { Page = lastPage };
        }

        var skip = (long)(filter.Page - 1) * filter.PageSize;
        IReadOnlyList<PortfolioRow> rows = skip >= total ? [] :
            await Project(Apply(filter).Skip((int)skip).Take(filter.PageSize), db.LivePilots.AsNoTracking()).ToListAsync(ct);
        return new PortfolioPage(filter, rows, total);
    }

    /// <summary>How many pilots the filter selects (cached with the verdict counts).</summary>
    public async Task<int> CountAsync(PortfolioFilter filter, CancellationToken ct) =>
        (await VerdictFiguresAsync(filter, ct)).Sum(f => f.Count);

    /// <summary>The distinct business units of the portfolio, alphabetically, for the filter.</summary>
    public Task<IReadOnlyList<string>> BusinessUnitsAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<string>>("business-units", db, async (context, token) =>
            await context.Assessments.AsNoTracking().Current()
                .Select(a => a.BusinessUnit).Distinct().OrderBy(u => u).Take(BusinessUnitChoices).ToListAsync(token), ct);

    /// <summary>The distinct sponsors of the portfolio, alphabetically, offered by the sponsor filter.</summary>
    public Task<IReadOnlyList<string>> SponsorsAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<string>>("sponsors", db, async (context, token) =>
            await context.Assessments.AsNoTracking().Current()
                .Select(a => a.Sponsor).Distinct().OrderBy(u => u).Take(SponsorChoices).ToListAsync(token), ct);

    /// <summary>Every figure of the dashboard for the pilots <paramref name="filter"/> selects (its sort and page do not matter).</summary>
    public Task<PortfolioSummary> SummaryAsync(PortfolioFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return cache.GetAsync("summary|" + filter.SelectionKey, db, (context, token) => ComputeSummaryAsync(context, filter, token), ct);
    }

    private Task<IReadOnlyList<VerdictFigures>> VerdictFiguresAsync(PortfolioFilter filter, CancellationToken ct) =>
        cache.GetAsync("verdicts|" + filter.SelectionKey, db, (context, token) => ComputeVerdictFiguresAsync(context, filter, Today, token), ct);

    /// <summary>Per verdict: the count, the sums of the section scores and how many pilots have each rollout killer. One scan.</summary>
    private static async Task<IReadOnlyList<VerdictFigures>> ComputeVerdictFiguresAsync(AppDbContext context, PortfolioFilter filter, DateOnly today, CancellationToken ct)
    {
        var threshold = RolloutKillers.Threshold;
        var integrationGates = RolloutKillers.Integration.Gates;
        var workflowGates = RolloutKillers.Workflow.Gates;
        var ownershipGates = RolloutKillers.Ownership.Gates;
        return await Filter(context.Assessments.AsNoTracking().Current(), filter, context.LivePilots.AsNoTracking(), today)
            .GroupBy(a => new { a.Readiness.Verdict, a.Status })
            .Select(g => new VerdictFigures(
                g.Key.Verdict,
                g.Key.Status,
                g.Count(),
                g.Sum(a => (long)a.Readiness.Commitment),
                g.Sum(a => (long)a.Readiness.Involvement),
                g.Sum(a => (long)a.Readiness.AfterDemo),
                g.Sum(a => (long)a.Readiness.Integration),
                g.Sum(a => (long)a.Readiness.Workflow),
                g.Sum(a => (long)a.Readiness.Ownership),
                g.Count(a => a.Readiness.Integration < threshold || (a.Readiness.Gates & integrationGates) != GateSet.None),
                g.Count(a => a.Readiness.Workflow < threshold || (a.Readiness.Gates & workflowGates) != GateSet.None),
                g.Count(a => a.Readiness.Ownership < threshold || (a.Readiness.Gates & ownershipGates) != GateSet.None)))
            .ToListAsync(ct);
    }

    private async Task<PortfolioSummary> ComputeSummaryAsync(AppDbContext context, PortfolioFilter filter, CancellationToken ct)
    {
        var now = Now;
        var today = Today;
        var figures = await cache.GetAsync("verdicts|" + filter.SelectionKey, context,
            (c, token) => ComputeVerdictFiguresAsync(c, filter, today, token), ct);
        var live = context.LivePilots.AsNoTracking();
        var selection = Filter(context.Assessments.AsNoTracking().Current(), filter, live, today);

        var total = figures.Sum(f => f.Count);
        IReadOnlyList<(Verdict, int)> verdicts =
            [.. new[] { Verdict.Go, Verdict.GoWithConditions, Verdict.NotReady, Verdict.NoGo }
                .Select(v => (v, figures.Where(f => f.Verdict == v).Sum(f => f.Count)))];
        // Drafts are still being answered: the averages leave them out unless the view takes them in.
        var averaged = figures.Where(f => filter.DraftsInAverages || f.Status == AssessmentStatus.Submitted).ToList();
        var averagedCount = averaged.Sum(f => f.Count);
        double? Average(Func<VerdictFigures, long> sum) => averagedCount == 0 ? null : Math.Round(averaged.Sum(sum) / (double)averagedCount, 1);
        IReadOnlyList<(string, double?)> averages =
        [
            (SectionKeys.Commitment, Average(f => f.Commitment)),
            (SectionKeys.Involvement, Average(f => f.Involvement)),
            (SectionKeys.AfterDemo, Average(f => f.AfterDemo)),
            (SectionKeys.Integration, Average(f => f.Integration)),
            (SectionKeys.Workflow, Average(f => f.Workflow)),
            (SectionKeys.Ownership, Average(f => f.Ownership)),
        ];
        IReadOnlyList<KillerCount> killers =
        [
            new(RolloutKillers.Integration, figures.Sum(f => f.IntegrationKiller)),
            new(RolloutKillers.Workflow, figures.Sum(f => f.WorkflowKiller)),
            new(RolloutKillers.Ownership, figures.Sum(f => f.OwnershipKiller)),
        ];

        var units = await selection.Where(a => filter.DraftsInAverages || a.Status == AssessmentStatus.Submitted).GroupBy(a => a.BusinessUnit)
            .Select(g => new
            {
                Unit = g.Key,
                Count = g.Count(),
                Commitment = g.Average(a => (double)a.Readiness.Commitment),
                Involvement = g.Average(a => (double)a.Readiness.Involvement),
                AfterDemo = g.Average(a => (double)a.Readiness.AfterDemo),
                Integration = g.Average(a => (double)a.Readiness.Integration),
                Workflow = g.Average(a => (double)a.Readiness.Workflow),
                Ownership = g.Average(a => (double)a.Readiness.Ownership),
            })
            .OrderBy(u => u.Unit).Take(HeatMapBusinessUnits + 1).ToListAsync(ct);
        IReadOnlyList<BusinessUnitHeat> heat = [.. units.Take(HeatMapBusinessUnits).Select(u => new BusinessUnitHeat(u.Unit, u.Count,
            [.. new[] { u.Commitment, u.Involvement, u.AfterDemo, u.Integration, u.Workflow, u.Ownership }.Select(x => Math.Round(x, 1))]))];

        var attention = new List<AttentionGroup>();
        foreach (var kind in AttentionKindNames.All)
        {
            var (matching, items) = Attention(selection, live, kind, now, today);
            attention.Add(new AttentionGroup(kind, await matching.CountAsync(ct), await items.Take(AttentionItems).ToListAsync(ct)));
        }

        var afterLaunch = await AfterLaunchAsync(selection, live, today, ct);
        return new PortfolioSummary(total, verdicts, averages, killers, heat, units.Count > HeatMapBusinessUnits, attention, afterLaunch, now, averagedCount);
    }

    /// <summary>
    /// The After launch panel: the selection's live pilots counted by health today (<see cref="LiveQueries.WithHealth"/>),
    /// and up to <see cref="AttentionItems"/> of them, the worst health first, then the oldest due check-in.
    /// </summary>
    public static async Task<AfterLaunchSummary> AfterLaunchAsync(
        IQueryable<Assessment> selection, IQueryable<LivePilot> live, DateOnly today, CancellationToken ct)
    {
        var counts = new List<(LiveHealth, int)>();
        var pilots = new List<AfterLaunchItem>();
        foreach (var health in LiveNames.AllHealth.Reverse())
        {
            var items = from l in live.WithHealth(health, today)
                        join a in selection on l.PilotId equals a.PilotId
                        select new { a.PilotId, a.Title, a.BusinessUnit, l.NextCheckInDue };
            counts.Add((health, await items.CountAsync(ct)));
            if (pilots.Count < AttentionItems)
            {
                pilots.AddRange((await items.OrderBy(i => i.NextCheckInDue).ThenBy(i => i.PilotId).Take(AttentionItems - pilots.Count).ToListAsync(ct))
                    .Select(i => new AfterLaunchItem(i.PilotId, i.Title, i.BusinessUnit, health, i.NextCheckInDue)));
            }
        }

        return new AfterLaunchSummary(counts, pilots);
    }

    /// <summary>The pilots of <paramref name="selection"/> that need this kind of attention, and their list, most urgent first.</summary>
    public static (IQueryable<Assessment> Matching, IQueryable<AttentionItem> Items) Attention(
        IQueryable<Assessment> selection, IQueryable<LivePilot> live, AttentionKind kind, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(selection);
        switch (kind)
        {
            case AttentionKind.Orphaned:
                return AfterLaunch(selection, live.WithHealth(LiveHealth.Orphaned, today));
            case AttentionKind.Decaying:
                return AfterLaunch(selection, live.WithHealth(LiveHealth.Decaying, today));
            case AttentionKind.CheckInOverdue:
                return AfterLaunch(selection, live.CheckInOverdue(today));
            case AttentionKind.AwaitingDecision:
                var waiting = selection.AwaitingDecision(now.AddDays(-AwaitingDecisionDays));
                return (waiting, waiting.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
                    .Select(a => new AttentionItem(a.Id, a.PilotId, a.Title, a.BusinessUnit, a.SubmittedAt, null, a.Readiness.Gates)));
            case AttentionKind.OwnerUnconfirmed:
                var unowned = selection.Where(a => (a.Decision == DecisionOutcome.Go || a.Decision == DecisionOutcome.GoWithConditions)
                    && !a.Readiness.OwnerConfirmed);
                return (unowned, unowned.OrderBy(a => a.DecidedAt).ThenBy(a => a.Id)
                    .Select(a => new AttentionItem(a.Id, a.PilotId, a.Title, a.BusinessUnit, a.DecidedAt, null, a.Readiness.Gates)));
            case AttentionKind.ConditionsLapsed:
                var lapsed = selection.Lapsed(today);
                return (lapsed, lapsed.OrderBy(a => a.ConditionsDue).ThenBy(a => a.Id)
                    .Select(a => new AttentionItem(a.Id, a.PilotId, a.Title, a.BusinessUnit, a.DecidedAt, a.ConditionsDue, a.Readiness.Gates)));
            case AttentionKind.DecidedAboveRecommendation:
                var above = selection.Where(DecidedAboveRecommendation);
                return (above, above.OrderBy(a => a.DecidedAt).ThenBy(a => a.Id)
                    .Select(a => new AttentionItem(a.Id, a.PilotId, a.Title, a.BusinessUnit, a.DecidedAt, null, a.Readiness.Gates)));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind.");
        }
    }

    /// <summary>The pilots of <paramref name="selection"/> among <paramref name="live"/>, the longest-overdue check-in first.</summary>
    private static (IQueryable<Assessment> Matching, IQueryable<AttentionItem> Items) AfterLaunch(IQueryable<Assessment> selection, IQueryable<LivePilot> live) =>
        (selection.Where(a => live.Any(l => l.PilotId == a.PilotId)),
         from a in selection
         join l in live on a.PilotId equals l.PilotId
         orderby l.NextCheckInDue, a.Id
         select new AttentionItem(a.Id, a.PilotId, a.Title, a.BusinessUnit, null, l.NextCheckInDue, a.Readiness.Gates));

    /// <summary>
    /// <see cref="Assessment.DecidedAboveRecommendation"/> in SQL (<see cref="DecisionNames.IsAbove"/> over the stored
    /// decision and the recommendation it was made against); a test ties the two together for every pair.
    /// </summary>
    public static readonly Expression<Func<Assessment, bool>> DecidedAboveRecommendation = a =>
        (a.Decision == DecisionOutcome.Go && a.DecisionRecommendation != null && a.DecisionRecommendation != Verdict.Go) ||
        (a.Decision == DecisionOutcome.GoWithConditions && (a.DecisionRecommendation == Verdict.NotReady || a.DecisionRecommendation == Verdict.NoGo));

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IOrderedQueryable<Assessment> By<TKey>(IQueryable<Assessment> assessments, Expression<Func<Assessment, TKey>> key, bool descending) =>
        Then(descending ? assessments.OrderByDescending(key) : assessments.OrderBy(key), descending);

    private static IOrderedQueryable<Assessment> Then(IOrderedQueryable<Assessment> ordered, bool descending) =>
        descending ? ordered.ThenByDescending(a => a.Id) : ordered.ThenBy(a => a.Id);

    private sealed record VerdictFigures(
        Verdict Verdict, AssessmentStatus Status, int Count,
        long Commitment, long Involvement, long AfterDemo, long Integration, long Workflow, long Ownership,
        int IntegrationKiller, int WorkflowKiller, int OwnershipKiller);
}
