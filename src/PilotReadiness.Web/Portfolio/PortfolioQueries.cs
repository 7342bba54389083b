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
/// sorted selection (the id breaks ties, so pages never overlap or skip); its total comes from the same figures as the
/// verdict counts: the counters (<see cref="PortfolioCount"/>) when they can answer the filter.
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
            var withHealth = live.Healths(today).Where(h => h.Health == health);
            assessments = assessments.Where(a => withHealth.Any(h => h.PilotId == a.PilotId));
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
    /// dashboard); without it, it is empty (the API says what was asked for). Pass <paramref name="summary"/> when the
    /// selection's figures were read already: their total is the page's, and is not counted again.
    /// </summary>
    public async Task<PortfolioPage> PageAsync(PortfolioFilter filter, bool clampPage, CancellationToken ct, PortfolioSummary? summary = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var total = summary?.Total ?? await CountAsync(filter, ct);
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

    /// <summary>How many pilots the filter selects: a sum of counters, or a count of the selection when they cannot say.</summary>
    public Task<int> CountAsync(PortfolioFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return cache.GetAsync("count|" + filter.SelectionKey, db, (context, token) => CountersAnswer(filter)
            ? Filter(context.PortfolioCounts.AsNoTracking(), filter).SumAsync(c => c.Count, token)
            : Filter(context.Assessments.AsNoTracking().Current(), filter, context.LivePilots.AsNoTracking(), Today).CountAsync(token), ct);
    }

    /// <summary>The distinct business units of the portfolio, alphabetically, for the filter.</summary>
    public Task<IReadOnlyList<string>> BusinessUnitsAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<string>>("business-units", db, async (context, token) =>
            await context.PortfolioCounts.AsNoTracking().Where(c => c.Count > 0)
                .Select(c => c.BusinessUnit).Distinct().OrderBy(u => u).Take(BusinessUnitChoices).ToListAsync(token), ct);

    /// <summary>
    /// The distinct sponsors of the portfolio, alphabetically, offered by the sponsor filter: read with
    /// <see cref="SponsorsSql"/>, so a view costs one probe of an index per name, not a pass over every pilot.
    /// </summary>
    public Task<IReadOnlyList<string>> SponsorsAsync(CancellationToken ct) =>
        cache.GetAsync<IReadOnlyList<string>>("sponsors", db, async (context, token) =>
            await context.Database.SqlQueryRaw<string>(SponsorsSql, SponsorChoices).ToListAsync(token), ct);

    /// <summary>
    /// The first {0} distinct sponsors of the current versions (<see cref="AssessmentQueries.Current"/>), in the
    /// database's order, as a loose index scan: each step asks the current versions' sponsor index for the least name
    /// after the last one (the same on PostgreSQL and SQLite). A plain <c>DISTINCT</c> reads every current version
    /// instead, and there are far fewer sponsors than pilots. A test ties it to the <c>DISTINCT</c> of
    /// <see cref="Current"/>.
    /// </summary>
    public const string SponsorsSql = """
        WITH RECURSIVE "Names"("Value", "Rank") AS (
            SELECT MIN("Sponsor"), 1 FROM "Assessments" WHERE "SupersededAt" IS NULL
            UNION ALL
            SELECT (SELECT MIN(a."Sponsor") FROM "Assessments" AS a WHERE a."SupersededAt" IS NULL AND a."Sponsor" > n."Value"), n."Rank" + 1
            FROM "Names" AS n WHERE n."Value" IS NOT NULL AND n."Rank" < {0}
        )
        SELECT "Value" FROM "Names" WHERE "Value" IS NOT NULL ORDER BY "Rank"
        """;

    /// <summary>Every figure of the dashboard for the pilots <paramref name="filter"/> selects (its sort and page do not matter).</summary>
    public Task<PortfolioSummary> SummaryAsync(PortfolioFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return cache.GetAsync("summary|" + filter.SelectionKey, db, (context, token) => ComputeSummaryAsync(context, filter, token), ct);
    }

    /// <summary>
    /// True when the counters can answer <paramref name="filter"/>: it narrows by business unit, status, verdict and
    /// gate only (the counters' key; whether drafts are averaged is a choice among their rows, by status). Anything else
    /// (sponsor, after-launch health, dates, search, and any filter added later) is answered from the assessments, in
    /// one pass over the selection.
    /// </summary>
    public static bool CountersAnswer(PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return (filter with { BusinessUnit = null, Status = null, Verdict = null, Gate = null }).SelectsEverything;
    }

    /// <summary>The counter rows of the pilots <paramref name="filter"/> selects; call when <see cref="CountersAnswer"/>.</summary>
    public static IQueryable<PortfolioCount> Filter(IQueryable<PortfolioCount> counts, PortfolioFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.BusinessUnit is { } unit)
        {
            counts = counts.Where(c => c.BusinessUnit == unit);
        }

        if (filter.Status is { } status)
        {
            counts = counts.Where(c => c.Status == status);
        }

        if (filter.Verdict is { } verdict)
        {
            counts = counts.Where(c => c.Verdict == verdict);
        }

        if (filter.Gate is { } gate)
        {
            counts = counts.Where(c => (c.Gates & gate) != GateSet.None);
        }

        return counts;
    }

    /// <summary>The figures of the selection, one row per business unit, status, verdict and gates, from the counters when they can say.</summary>
    private static async Task<IReadOnlyList<PortfolioCount>> FiguresAsync(AppDbContext context, PortfolioFilter filter, DateOnly today, CancellationToken ct) =>
        CountersAnswer(filter)
            ? await Filter(context.PortfolioCounts.AsNoTracking(), filter).Where(c => c.Count > 0).ToListAsync(ct)
            : await PortfolioCounts.Aggregate(Filter(context.Assessments.AsNoTracking().Current(), filter, context.LivePilots.AsNoTracking(), today)).ToListAsync(ct);

    private async Task<PortfolioSummary> ComputeSummaryAsync(AppDbContext context, PortfolioFilter filter, CancellationToken ct)
    {
        var now = Now;
        var today = Today;
        var figures = await FiguresAsync(context, filter, today, ct);
        var live = context.LivePilots.AsNoTracking();
        var selection = Filter(context.Assessments.AsNoTracking().Current(), filter, live, today);

        var total = figures.Sum(f => f.Count);
        IReadOnlyList<(Verdict, int)> verdicts =
            [.. new[] { Verdict.Go, Verdict.GoWithConditions, Verdict.NotReady, Verdict.NoGo }
                .Select(v => (v, figures.Where(f => f.Verdict == v).Sum(f => f.Count)))];
        static double? Average(IReadOnlyCollection<PortfolioCount> rows, Func<PortfolioCount, long> sum)
        {
            var count = rows.Sum(r => r.Count);
            return count == 0 ? null : Math.Round(rows.Sum(sum) / (double)count, 1);
        }

        static IReadOnlyList<double?> Averages(IReadOnlyCollection<PortfolioCount> rows) =>
        [
            Average(rows, f => f.Commitment), Average(rows, f => f.Involvement), Average(rows, f => f.AfterDemo),
            Average(rows, f => f.Integration), Average(rows, f => f.Workflow), Average(rows, f => f.Ownership),
        ];

        // Drafts are still being answered: the averages (overall and per business unit) leave them out unless the view
        // takes them in. The counters keep drafts and submitted pilots in rows of their own, so this picks rows.
        IReadOnlyCollection<PortfolioCount> averaged = [.. figures.Where(f => filter.InAverages(f.Status))];
        IReadOnlyList<(string, double?)> averages = [.. SectionKeys.All.Zip(Averages(averaged))];
        IReadOnlyList<KillerCount> killers =
        [
            new(RolloutKillers.Integration, figures.Sum(f => f.IntegrationKiller)),
            new(RolloutKillers.Workflow, figures.Sum(f => f.WorkflowKiller)),
            new(RolloutKillers.Ownership, figures.Sum(f => f.OwnershipKiller)),
        ];

        var units = averaged.GroupBy(f => f.BusinessUnit, StringComparer.Ordinal)
            .Select(g => (Unit: g.Key, Rows: (IReadOnlyCollection<PortfolioCount>)[.. g]))
            .OrderBy(u => u.Unit, StringComparer.Ordinal).ToList();
        IReadOnlyList<BusinessUnitHeat> heat = [.. units.Take(HeatMapBusinessUnits).Select(u => new BusinessUnitHeat(u.Unit, u.Rows.Sum(r => r.Count),
            [.. Averages(u.Rows).Select(a => a ?? 0)]))];

        // Rules that depend on the date, in one statement: what the counters hold, less the pilots not yet old enough (a
        // few, however large the portfolio: those submitted in the last days, and conditions not yet due).
        var awaiting = figures.Sum(f => f.AwaitingDecision);
        var withConditionsDue = figures.Sum(f => f.WithConditionsDue);
        var cutoff = now.AddDays(-AwaitingDecisionDays);
        var datedCounts = await selection.AwaitingDecision(DateTimeOffset.MaxValue).Where(a => a.SubmittedAt >= cutoff).Select(a => AttentionKind.AwaitingDecision)
            .Concat(selection.NotYetLapsed(today).Select(a => AttentionKind.ConditionsLapsed))
            .GroupBy(k => k).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Dated(AttentionKind kind) => datedCounts.Where(n => n.Kind == kind).Sum(n => n.Count);

        // The selection's live pilots by health today, and how many are overdue, in one pass over the live pilots: the
        // After launch panel's counts and the after-launch kinds of attention. Every live pilot's pilot has a current
        // version, so a view that narrows nothing holds every live pilot, and the count need not read the assessments.
        var liveInSelection = filter.SelectsEverything ? live.Healths(today) : live.Healths(today).Where(h => selection.Any(a => a.PilotId == h.PilotId));
        var healths = await (from h in liveInSelection
                             group h by new { h.Health, h.Overdue } into g
                             select new { g.Key.Health, g.Key.Overdue, Count = g.Count() }).ToListAsync(ct);
        int Live(LiveHealth health) => healths.Where(h => h.Health == health).Sum(h => h.Count);
        var counts = new Dictionary<AttentionKind, int>
        {
            [AttentionKind.AwaitingDecision] = awaiting - Dated(AttentionKind.AwaitingDecision),
            [AttentionKind.OwnerUnconfirmed] = figures.Sum(f => f.OwnerUnconfirmed),
            [AttentionKind.ConditionsLapsed] = withConditionsDue - Dated(AttentionKind.ConditionsLapsed),
            [AttentionKind.DecidedAboveRecommendation] = figures.Sum(f => f.DecidedAbove),
            [AttentionKind.Orphaned] = Live(LiveHealth.Orphaned),
            [AttentionKind.Decaying] = Live(LiveHealth.Decaying),
            [AttentionKind.CheckInOverdue] = healths.Where(h => h.Overdue).Sum(h => h.Count),
        };

        // The first few of every list that is not empty, in one statement (each read from its own partial index).
        IQueryable<AttentionRow>? lists = null;
        foreach (var kind in AttentionKindNames.All.Where(k => counts[k] > 0))
        {
            var list = Attention(selection, live, kind, now, today).Listed.Take(AttentionItems);
            lists = lists is null ? list : lists.Concat(list);
        }

        var rows = lists is null ? [] : await lists.ToListAsync(ct);
        IReadOnlyList<AttentionGroup> attention = [.. AttentionKindNames.All.Select(kind => new AttentionGroup(kind, counts[kind],
            [.. rows.Where(r => r.Kind == kind).OrderBy(r => r.Order).Select(r => r.ToItem())]))];

        var afterLaunch = await AfterLaunchAsync(selection, live, [.. LiveNames.AllHealth.Reverse().Select(h => (h, Live(h)))], today, ct);
        return new PortfolioSummary(total, verdicts, averages, killers, heat, units.Count > HeatMapBusinessUnits, attention, afterLaunch, now,
            averaged.Sum(f => f.Count));
    }

    /// <summary>
    /// The After launch panel: the selection's live pilots counted by health today (<paramref name="counts"/>, the worst
    /// health first, from <see cref="LiveQueries.Healths"/>), and up to <see cref="AttentionItems"/> of them, the worst
    /// health first, then the oldest due check-in.
    /// </summary>
    private static async Task<AfterLaunchSummary> AfterLaunchAsync(IQueryable<Assessment> selection, IQueryable<LivePilot> live,
        IReadOnlyList<(LiveHealth Health, int Count)> counts, DateOnly today, CancellationToken ct)
    {
        var pilots = new List<AfterLaunchItem>();
        foreach (var (health, _) in counts.Where(c => c.Count > 0))
        {
            if (pilots.Count >= AttentionItems)
            {
                break;
            }

            var items = from l in live.Healths(today).Where(h => h.Health == health)
                        join a in selection on l.PilotId equals a.PilotId
                        orderby l.NextCheckInDue, l.PilotId
                        select new { a.PilotId, a.Title, a.BusinessUnit, l.NextCheckInDue };
            pilots.AddRange((await items.Take(AttentionItems - pilots.Count).ToListAsync(ct))
                .Select(i => new AfterLaunchItem(i.PilotId, i.Title, i.BusinessUnit, health, i.NextCheckInDue)));
        }

        return new AfterLaunchSummary(counts, pilots);
    }

    /// <summary>
    /// The pilots of <paramref name="selection"/> that need this kind of attention, and the same as list rows in the order
    /// their list shows them, most urgent first (the order of the list's partial index, see AssessmentConfiguration).
    /// </summary>
    public static (IQueryable<Assessment> Matching, IQueryable<AttentionRow> Listed) Attention(
        IQueryable<Assessment> selection, IQueryable<LivePilot> live, AttentionKind kind, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(selection);
        switch (kind)
        {
            case AttentionKind.Orphaned:
                return AfterLaunch(selection, live.Healths(today).Where(h => h.Health == LiveHealth.Orphaned), kind);
            case AttentionKind.Decaying:
                return AfterLaunch(selection, live.Healths(today).Where(h => h.Health == LiveHealth.Decaying), kind);
            case AttentionKind.CheckInOverdue:
                return AfterLaunch(selection, live.Healths(today).Where(h => h.Overdue), kind);
            case AttentionKind.AwaitingDecision:
                var waiting = selection.AwaitingDecision(now.AddDays(-AwaitingDecisionDays));
                return (waiting, AttentionRows(waiting.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id), kind));
            case AttentionKind.OwnerUnconfirmed:
                var unowned = selection.Where(OwnerUnconfirmed);
                return (unowned, AttentionRows(unowned.OrderBy(a => a.DecidedAt).ThenBy(a => a.Id), kind));
            case AttentionKind.ConditionsLapsed:
                var lapsed = selection.Lapsed(today);
                return (lapsed, AttentionRows(lapsed.OrderBy(a => a.ConditionsDue).ThenBy(a => a.Id), kind));
            case AttentionKind.DecidedAboveRecommendation:
                var above = selection.Where(DecidedAboveRecommendation);
                return (above, AttentionRows(above.OrderBy(a => a.DecidedAt).ThenBy(a => a.Id), kind));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind.");
        }
    }

    /// <summary>The pilots of <paramref name="selection"/> among <paramref name="live"/>, the longest-overdue check-in first.</summary>
    private static (IQueryable<Assessment> Matching, IQueryable<AttentionRow> Listed) AfterLaunch(
        IQueryable<Assessment> selection, IQueryable<LiveHealthRow> live, AttentionKind kind) =>
        (selection.Where(a => live.Any(l => l.PilotId == a.PilotId)),
         from a in selection
         join l in live on a.PilotId equals l.PilotId
         orderby l.NextCheckInDue, a.Id
         select new AttentionRow
         {
             Kind = kind, Id = a.Id, PilotId = a.PilotId, Title = a.Title, BusinessUnit = a.BusinessUnit, SubmittedAt = a.SubmittedAt,
             DecidedAt = a.DecidedAt, Due = l.NextCheckInDue, Gates = a.Readiness.Gates,
         });

    /// <summary>The columns an item of <paramref name="kind"/>'s list is made of, the same for every kind so the lists read as one.</summary>
    private static IQueryable<AttentionRow> AttentionRows(IQueryable<Assessment> listed, AttentionKind kind) => listed.Select(a => new AttentionRow
    {
        Kind = kind, Id = a.Id, PilotId = a.PilotId, Title = a.Title, BusinessUnit = a.BusinessUnit, SubmittedAt = a.SubmittedAt,
        DecidedAt = a.DecidedAt, Due = a.ConditionsDue, Gates = a.Readiness.Gates,
    });

    /// <summary>One row of the needs-attention lists as read; <see cref="ToItem"/> says what its kind shows.</summary>
    public sealed class AttentionRow
    {
        public AttentionKind Kind { get; init; }

        public Guid Id { get; init; }

        public Guid PilotId { get; init; }

        public string Title { get; init; } = "";

        public string BusinessUnit { get; init; } = "";

        public DateTimeOffset? SubmittedAt { get; init; }

        public DateTimeOffset? DecidedAt { get; init; }

        /// <summary>The conditions' due date, or a live pilot's next check-in.</summary>
        public DateOnly? Due { get; init; }

        public GateSet Gates { get; init; }

        /// <summary>
        /// What the list is ordered by (as <see cref="Attention"/> orders it in SQL), to put each list back in order after
        /// the union (a stable sort: ties keep the order the database gave them, by id).
        /// </summary>
        public IComparable? Order => Kind switch
        {
            AttentionKind.AwaitingDecision => SubmittedAt,
            AttentionKind.ConditionsLapsed => Due,
            _ when Kind.AfterLaunch() => Due,
            _ => DecidedAt,
        };

        public AttentionItem ToItem() => Kind switch
        {
            AttentionKind.AwaitingDecision => new AttentionItem(Id, PilotId, Title, BusinessUnit, SubmittedAt, null, Gates),
            AttentionKind.ConditionsLapsed => new AttentionItem(Id, PilotId, Title, BusinessUnit, DecidedAt, Due, Gates),
            _ when Kind.AfterLaunch() => new AttentionItem(Id, PilotId, Title, BusinessUnit, null, Due, Gates),
            _ => new AttentionItem(Id, PilotId, Title, BusinessUnit, DecidedAt, null, Gates),
        };
    }

    /// <summary>
    /// <see cref="PortfolioCounts.OwnerUnconfirmed"/> in SQL; the property test (PortfolioFiguresPropertyTests) holds
    /// its list to the domain's.
    /// </summary>
    public static readonly Expression<Func<Assessment, bool>> OwnerUnconfirmed = a =>
        (a.Decision == DecisionOutcome.Go || a.Decision == DecisionOutcome.GoWithConditions) && !a.Readiness.OwnerConfirmed;

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
}
