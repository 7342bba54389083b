using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Portfolio;

/// <summary>One pilot in the portfolio table: the stored headline of its current version, never its answers.</summary>
public sealed record PortfolioRow(
    Guid Id,
    Guid PilotId,
    int Revision,
    string Title,
    string BusinessUnit,
    string Sponsor,
    AssessmentStatus Status,
    Verdict Verdict,
    int Overall,
    int Commitment,
    int Involvement,
    int AfterDemo,
    int Integration,
    int Workflow,
    int Ownership,
    GateSet Gates,
    bool OwnerConfirmed,
    DecisionOutcome? Decision,
    DateTimeOffset? DecidedAt,
    DateOnly? ConditionsDue,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset UpdatedAt,
    LiveHealth? LiveDataHealth = null,
    DateOnly? NextCheckInDue = null,
    OutcomeKind? Outcome = null)
{
    /// <summary>The health of the pilot after launch on <paramref name="today"/>; null when it is not live or monitoring ended.</summary>
    public LiveHealth? Health(DateOnly today) => LiveDataHealth is { } health && NextCheckInDue is { } due
        ? LivePilot.HealthOn(health, due, Outcome, today)
        : null;

    /// <summary>The six section scores in <see cref="SectionKeys.All"/> order.</summary>
    public IReadOnlyList<int> Sections => [Commitment, Involvement, AfterDemo, Integration, Workflow, Ownership];

    public bool IsLapsed(DateOnly today) => Assessment.Lapsed(ConditionsDue, today);
}

/// <summary>A page of the portfolio and where it sits in the whole.</summary>
public sealed record PortfolioPage(PortfolioFilter Filter, IReadOnlyList<PortfolioRow> Rows, int Total)
{
    public int TotalPages => Math.Max(1, (Total + Filter.PageSize - 1) / Filter.PageSize);
}

/// <summary>
/// One of the three things that most often stop a pilot on its way to production. A pilot "has" it when the section
/// scores below <see cref="RolloutKillers.Threshold"/> or one of <see cref="Gates"/> is triggered.
/// </summary>
public sealed record RolloutKiller(string Key, string Label, string SectionKey, GateSet Gates)
{
    /// <summary>True when a pilot with this stored score has the killer.</summary>
    public bool Has(Readiness readiness)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        return readiness.SectionScore(SectionKey) < RolloutKillers.Threshold || (readiness.Gates & Gates) != GateSet.None;
    }
}

public static class RolloutKillers
{
    /// <summary>A section below this score counts as the killer being present (the questionnaire's "weak" band).</summary>
    public const int Threshold = 55;

    public static RolloutKiller Integration { get; } =
        new(SectionKeys.Integration, "Integration with live systems", SectionKeys.Integration, GateSet.IntegrationNotBudgeted | GateSet.ProductionUnderBudgeted);

    /// <summary>The people whose work changes were not involved: a weak workflow section, or daily users below "involved".</summary>
    public static RolloutKiller Workflow { get; } =
        new(SectionKeys.Workflow, "Workflow change without the people doing the work", SectionKeys.Workflow, GateSet.UsersNotInvolved);

    /// <summary>Nobody owns it after launch: a weak ownership section, or no (or a declined) production owner.</summary>
    public static RolloutKiller Ownership { get; } =
        new(SectionKeys.Ownership, "Nobody owns it after launch", SectionKeys.Ownership, GateSet.NoProductionOwner);

    public static IReadOnlyList<RolloutKiller> All { get; } = [Integration, Workflow, Ownership];
}

public sealed record KillerCount(RolloutKiller Killer, int Count);

/// <summary>Average section scores of the pilots of one business unit: a row of the heat map.</summary>
public sealed record BusinessUnitHeat(string BusinessUnit, int Pilots, IReadOnlyList<double> Sections);

/// <summary>Something a leader must not miss. The keys are part of the API.</summary>
public enum AttentionKind
{
    /// <summary>Submitted, and no decision since, for more than <see cref="PortfolioQueries.AwaitingDecisionDays"/> days.</summary>
    AwaitingDecision,

    /// <summary>A go (or conditional go) whose production owner has not confirmed the role.</summary>
    OwnerUnconfirmed,

    /// <summary>A conditional go with a condition past its due date and not met.</summary>
    ConditionsLapsed,

    /// <summary>
    /// A decision more favourable than the recommendation it was made against (a go over anything less, a conditional
    /// go over not ready or no-go): <see cref="Domain.Assessments.Assessment.DecidedAboveRecommendation"/>.
    /// </summary>
    DecidedAboveRecommendation,

    /// <summary>A live pilot nobody looks after: check-ins stopped, or the owner left (health orphaned).</summary>
    Orphaned,

    /// <summary>A live pilot whose use or quality is slipping (health decaying).</summary>
    Decaying,

    /// <summary>A live pilot whose next check-in is past its due date.</summary>
    CheckInOverdue,
}

public static class AttentionKindNames
{
    public static IReadOnlyList<AttentionKind> All { get; } = Enum.GetValues<AttentionKind>();

    public static string ToKey(this AttentionKind kind) => kind switch
    {
        AttentionKind.AwaitingDecision => "awaiting-decision",
        AttentionKind.OwnerUnconfirmed => "owner-unconfirmed",
        AttentionKind.ConditionsLapsed => "conditions-lapsed",
        AttentionKind.DecidedAboveRecommendation => "decided-above-recommendation",
        AttentionKind.Orphaned => "orphaned",
        AttentionKind.Decaying => "decaying",
        AttentionKind.CheckInOverdue => "check-in-overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    public static string ToLabel(this AttentionKind kind) => kind switch
    {
        AttentionKind.AwaitingDecision => $"Waiting for a decision for over {PortfolioQueries.AwaitingDecisionDays} days",
        AttentionKind.OwnerUnconfirmed => "Go decided, production owner not confirmed",
        AttentionKind.ConditionsLapsed => "Conditions past their due date",
        AttentionKind.DecidedAboveRecommendation => "Decided above the recommendation",
        AttentionKind.Orphaned => "Live, and nobody owns it",
        AttentionKind.Decaying => "Live, and decaying",
        AttentionKind.CheckInOverdue => "Live, check-in overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    /// <summary>About a pilot after launch: its item links to the live pilot's page, and <see cref="AttentionItem.Due"/> is its next check-in.</summary>
    public static bool AfterLaunch(this AttentionKind kind) => kind is AttentionKind.Orphaned or AttentionKind.Decaying or AttentionKind.CheckInOverdue;
}

/// <summary>A pilot needing attention, and since when (the date the list is ordered by, oldest first).</summary>
public sealed record AttentionItem(Guid Id, Guid PilotId, string Title, string BusinessUnit, DateTimeOffset? Since, DateOnly? Due, GateSet Gates);

/// <summary>A live pilot in the After launch panel: its health today and its next check-in.</summary>
public sealed record AfterLaunchItem(Guid PilotId, string Title, string BusinessUnit, LiveHealth Health, DateOnly NextCheckInDue);

/// <summary>
/// The live pilots of a selection (monitoring not ended) by health today, and a short list of them, the orphaned and
/// decaying ones first.
/// </summary>
public sealed record AfterLaunchSummary(IReadOnlyList<(LiveHealth Health, int Count)> Counts, IReadOnlyList<AfterLaunchItem> Pilots)
{
    public int Live => Counts.Sum(c => c.Count);
}

public sealed record AttentionGroup(AttentionKind Kind, int Count, IReadOnlyList<AttentionItem> Items);

/// <summary>The figures of the dashboard for one selection of pilots, computed in the database.</summary>
public sealed record PortfolioSummary(
    int Total,
    IReadOnlyList<(Verdict Verdict, int Count)> Verdicts,
    IReadOnlyList<(string SectionKey, double? Average)> SectionAverages,
    IReadOnlyList<KillerCount> Killers,
    IReadOnlyList<BusinessUnitHeat> BusinessUnits,
    bool MoreBusinessUnits,
    IReadOnlyList<AttentionGroup> Attention,
    AfterLaunchSummary AfterLaunch,
    DateTimeOffset AsOf,
    int Averaged)
{
    /// <summary>The killer present in the most pilots, or null when none has any (ties: the first in <see cref="RolloutKillers.All"/>).</summary>
    public RolloutKiller? MostCommonKiller =>
        Killers.Where(k => k.Count > 0).OrderByDescending(k => k.Count).Select(k => k.Killer).FirstOrDefault();

    public int AttentionCount => Attention.Sum(a => a.Count);
}
