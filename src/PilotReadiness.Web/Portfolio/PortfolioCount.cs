using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Portfolio;

/// <summary>
/// The portfolio's figures for the current versions that share one business unit, status, verdict and set of gates:
/// how many there are, the sums behind the section averages, and how many count towards each rollout killer and each
/// needs-attention rule that does not depend on the date. One row per combination, kept up to date in the same
/// transaction as every change (<see cref="PortfolioCountsInterceptor"/>), so the dashboard sums a few hundred rows
/// instead of reading every pilot (docs/decisions/0018-portfolio-counters.md). The same shape is also computed from
/// the assessments themselves (<see cref="PortfolioCounts.Aggregate"/>) for the filters the rows cannot answer.
/// </summary>
public sealed class PortfolioCount
{
    public string BusinessUnit { get; set; } = "";

    public AssessmentStatus Status { get; set; }

    public Verdict Verdict { get; set; }

    public GateSet Gates { get; set; }

    public int Count { get; set; }

    public long Commitment { get; set; }

    public long Involvement { get; set; }

    public long AfterDemo { get; set; }

    public long Integration { get; set; }

    public long Workflow { get; set; }

    public long Ownership { get; set; }

    public int IntegrationKiller { get; set; }

    public int WorkflowKiller { get; set; }

    public int OwnershipKiller { get; set; }

    /// <summary>A go (or conditional go) whose production owner has not confirmed: <see cref="PortfolioCounts.OwnerUnconfirmed"/>.</summary>
    public int OwnerUnconfirmed { get; set; }

    /// <summary><see cref="Assessment.DecidedAboveRecommendation"/>.</summary>
    public int DecidedAbove { get; set; }

    /// <summary><see cref="Assessment.AwaitsDecision"/>, however long ago it was submitted.</summary>
    public int AwaitingDecision { get; set; }

    /// <summary>With an unmet condition (<see cref="Assessment.ConditionsDue"/> set), whether or not it is due yet.</summary>
    public int WithConditionsDue { get; set; }

    /// <summary>The same key, with every figure of <paramref name="other"/> added <paramref name="times"/> times (-1 takes it away).</summary>
    public void Add(PortfolioCount other, int times)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += times * other.Count;
        Commitment += times * other.Commitment;
        Involvement += times * other.Involvement;
        AfterDemo += times * other.AfterDemo;
        Integration += times * other.Integration;
        Workflow += times * other.Workflow;
        Ownership += times * other.Ownership;
        IntegrationKiller += times * other.IntegrationKiller;
        WorkflowKiller += times * other.WorkflowKiller;
        OwnershipKiller += times * other.OwnershipKiller;
        OwnerUnconfirmed += times * other.OwnerUnconfirmed;
        DecidedAbove += times * other.DecidedAbove;
        AwaitingDecision += times * other.AwaitingDecision;
        WithConditionsDue += times * other.WithConditionsDue;
    }

    /// <summary>True when every figure is zero (nothing to add or take away).</summary>
    public bool IsZero => Count == 0 && Commitment == 0 && Involvement == 0 && AfterDemo == 0 && Integration == 0 && Workflow == 0
        && Ownership == 0 && IntegrationKiller == 0 && WorkflowKiller == 0 && OwnershipKiller == 0 && OwnerUnconfirmed == 0
        && DecidedAbove == 0 && AwaitingDecision == 0 && WithConditionsDue == 0;
}

/// <summary>
/// What one pilot's current version contributes to the figures, and the two ways of computing them: row by row in C#
/// (the counters, <see cref="Of"/>) and in one pass over a selection in SQL (<see cref="Aggregate"/>). The two restate
/// the same rules; the property test (tests/…/Portfolio/PortfolioFiguresPropertyTests.cs) holds both to a recomputation
/// from the domain's own properties.
/// </summary>
public static class PortfolioCounts
{
    /// <summary>A go or conditional go whose production owner has not confirmed the role.</summary>
    public static bool OwnerUnconfirmed(DecisionOutcome? decision, bool ownerConfirmed) =>
        decision is DecisionOutcome.Go or DecisionOutcome.GoWithConditions && !ownerConfirmed;

    /// <summary>
    /// What an assessment with these stored columns adds to its row of the counters: one pilot, or nothing when it is
    /// not a current version.
    /// </summary>
    public static PortfolioCount? Of(
        bool current, string businessUnit, AssessmentStatus status, Readiness readiness, DecisionOutcome? decision, Verdict? recommendation,
        DateTimeOffset? submittedAt, DateTimeOffset? decidedAt, DateOnly? conditionsDue)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        if (!current)
        {
            return null;
        }

        static int One(bool yes) => yes ? 1 : 0;
        return new PortfolioCount
        {
            BusinessUnit = businessUnit,
            Status = status,
            Verdict = readiness.Verdict,
            Gates = readiness.Gates,
            Count = 1,
            Commitment = readiness.Commitment,
            Involvement = readiness.Involvement,
            AfterDemo = readiness.AfterDemo,
            Integration = readiness.Integration,
            Workflow = readiness.Workflow,
            Ownership = readiness.Ownership,
            IntegrationKiller = One(RolloutKillers.Integration.Has(readiness)),
            WorkflowKiller = One(RolloutKillers.Workflow.Has(readiness)),
            OwnershipKiller = One(RolloutKillers.Ownership.Has(readiness)),
            OwnerUnconfirmed = One(OwnerUnconfirmed(decision, readiness.OwnerConfirmed)),
            DecidedAbove = One(decision is { } outcome && recommendation is { } recommended && outcome.IsAbove(recommended)),
            AwaitingDecision = One(Assessment.Awaits(status, submittedAt, decidedAt)),
            WithConditionsDue = One(conditionsDue is not null),
        };
    }

    /// <summary>The figures of <paramref name="assessments"/> (current versions), one row per key, in one pass.</summary>
    public static IQueryable<PortfolioCount> Aggregate(IQueryable<Assessment> assessments)
    {
        var threshold = RolloutKillers.Threshold;
        var integrationGates = RolloutKillers.Integration.Gates;
        var workflowGates = RolloutKillers.Workflow.Gates;
        var ownershipGates = RolloutKillers.Ownership.Gates;
        return assessments
            .GroupBy(a => new { a.BusinessUnit, a.Status, a.Readiness.Verdict, a.Readiness.Gates })
            .Select(g => new PortfolioCount
            {
                BusinessUnit = g.Key.BusinessUnit,
                Status = g.Key.Status,
                Verdict = g.Key.Verdict,
                Gates = g.Key.Gates,
                Count = g.Count(),
                Commitment = g.Sum(a => (long)a.Readiness.Commitment),
                Involvement = g.Sum(a => (long)a.Readiness.Involvement),
                AfterDemo = g.Sum(a => (long)a.Readiness.AfterDemo),
                Integration = g.Sum(a => (long)a.Readiness.Integration),
                Workflow = g.Sum(a => (long)a.Readiness.Workflow),
                Ownership = g.Sum(a => (long)a.Readiness.Ownership),
                IntegrationKiller = g.Count(a => a.Readiness.Integration < threshold || (a.Readiness.Gates & integrationGates) != GateSet.None),
                WorkflowKiller = g.Count(a => a.Readiness.Workflow < threshold || (a.Readiness.Gates & workflowGates) != GateSet.None),
                OwnershipKiller = g.Count(a => a.Readiness.Ownership < threshold || (a.Readiness.Gates & ownershipGates) != GateSet.None),
                OwnerUnconfirmed = g.Count(a => (a.Decision == DecisionOutcome.Go || a.Decision == DecisionOutcome.GoWithConditions) && !a.Readiness.OwnerConfirmed),
                DecidedAbove = g.Count(a =>
                    (a.Decision == DecisionOutcome.Go && a.DecisionRecommendation != null && a.DecisionRecommendation != Verdict.Go) ||
                    (a.Decision == DecisionOutcome.GoWithConditions && (a.DecisionRecommendation == Verdict.NotReady || a.DecisionRecommendation == Verdict.NoGo))),
                AwaitingDecision = g.Count(a => a.Status == AssessmentStatus.Submitted && (a.DecidedAt == null || a.DecidedAt < a.SubmittedAt)),
                WithConditionsDue = g.Count(a => a.ConditionsDue != null),
            });
    }

    /// <summary>
    /// Computes every row again from the current versions and replaces the stored ones, in one transaction that
    /// keeps changes out meanwhile (on PostgreSQL a share lock on the assessments). For what wrote assessments
    /// without going through <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/>: the seed command's
    /// COPY, the first start after the counters were added.
    /// </summary>
    public static async Task RebuildAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAssessmentsAsync(db, ct);
        await RebuildInTransactionAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// At start-up: builds the counters when there are none although there are assessments (the first start after the
    /// migration that added them). Two instances starting together build them once: the second finds them built.
    /// </summary>
    public static async Task<bool> EnsureBuiltAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.PortfolioCounts.AnyAsync(ct) || !await db.Assessments.AnyAsync(ct))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAssessmentsAsync(db, ct);
        if (await db.PortfolioCounts.AnyAsync(ct))
        {
            return false;
        }

        await RebuildInTransactionAsync(db, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static async Task RebuildInTransactionAsync(AppDbContext db, CancellationToken ct)
    {
        var groups = await Aggregate(db.Assessments.AsNoTracking().IgnoreAutoIncludes().Where(a => a.SupersededAt == null)).ToListAsync(ct);
        // Rows stored before scores were kept have an empty verdict, read as no-go: merged with the no-go group of their key.
        var rows = groups.GroupBy(r => (r.BusinessUnit, r.Status, r.Verdict, r.Gates)).Select(g =>
        {
            var row = new PortfolioCount { BusinessUnit = g.Key.BusinessUnit, Status = g.Key.Status, Verdict = g.Key.Verdict, Gates = g.Key.Gates };
            foreach (var part in g)
            {
                row.Add(part, 1);
            }

            return row;
        }).ToList();
        await db.PortfolioCounts.ExecuteDeleteAsync(ct);
        db.PortfolioCounts.AddRange(rows);
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Keeps every writer of assessments out until the transaction ends (SQLite allows one writer at a time anyway).
    /// The counters are taken in the same order by every writer, after its own rows, so this cannot deadlock with them.
    /// </summary>
    private static async Task LockAssessmentsAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"Assessments\", \"PortfolioCounts\" IN SHARE ROW EXCLUSIVE MODE", ct);
        }
    }

    private static readonly string[] Figures =
    [
        nameof(PortfolioCount.Count), nameof(PortfolioCount.Commitment), nameof(PortfolioCount.Involvement), nameof(PortfolioCount.AfterDemo),
        nameof(PortfolioCount.Integration), nameof(PortfolioCount.Workflow), nameof(PortfolioCount.Ownership),
        nameof(PortfolioCount.IntegrationKiller), nameof(PortfolioCount.WorkflowKiller), nameof(PortfolioCount.OwnershipKiller),
        nameof(PortfolioCount.OwnerUnconfirmed), nameof(PortfolioCount.DecidedAbove), nameof(PortfolioCount.AwaitingDecision),
        nameof(PortfolioCount.WithConditionsDue),
    ];

    /// <summary>
    /// Adds each row's figures to its stored row, creating it when it is new: one upsert statement (the same on both
    /// providers) with the keys in order, so two saves touching the same rows take their locks in the same order.
    /// </summary>
    public static async Task ApplyAsync(AppDbContext db, IReadOnlyCollection<PortfolioCount> deltas, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0)
        {
            return;
        }

        var values = new List<object>();
        var rows = new List<string>();
        foreach (var d in deltas.OrderBy(d => d.BusinessUnit, StringComparer.Ordinal).ThenBy(d => d.Status).ThenBy(d => d.Verdict).ThenBy(d => d.Gates))
        {
            object[] row =
            [
                d.BusinessUnit, d.Status.ToKey(), d.Verdict.ToKey(), (int)d.Gates, d.Count, d.Commitment, d.Involvement, d.AfterDemo,
                d.Integration, d.Workflow, d.Ownership, d.IntegrationKiller, d.WorkflowKiller, d.OwnershipKiller, d.OwnerUnconfirmed,
                d.DecidedAbove, d.AwaitingDecision, d.WithConditionsDue,
            ];
            rows.Add("(" + string.Join(", ", row.Select((_, i) => "{" + (values.Count + i).ToString(CultureInfo.InvariantCulture) + "}")) + ")");
            values.AddRange(row);
        }

        var sql = $"""
            INSERT INTO "PortfolioCounts" ("BusinessUnit", "Status", "Verdict", "Gates", {string.Join(", ", Figures.Select(f => $"\"{f}\""))})
            VALUES {string.Join(", ", rows)}
            ON CONFLICT ("BusinessUnit", "Status", "Verdict", "Gates") DO UPDATE SET
            {string.Join(", ", Figures.Select(f => $"\"{f}\" = \"PortfolioCounts\".\"{f}\" + excluded.\"{f}\""))}
            """;
        await db.Database.ExecuteSqlRawAsync(sql, values, ct);
    }
}
