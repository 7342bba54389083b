using PilotReadiness.Domain.Scoring;
using static PilotReadiness.Domain.Live.MonitoringModel;

namespace PilotReadiness.Domain.Live;

/// <summary>
/// The rules of monitoring model 1: each a key, a title, a severity, a recommended action and a small function that
/// returns the evidence (the numbers and periods) when the rule holds. docs/after-launch.md explains each one.
/// </summary>
internal static class MonitoringRules
{
    public const string AdoptionLow = "adoption-low";
    public const string UsageFalling = "usage-falling";
    public const string OverridesRising = "overrides-rising";
    public const string QualityBelow = "quality-below-agreed";
    public const string QualityFalling = "quality-falling";
    public const string WorkaroundsWidespread = "workarounds-widespread";
    public const string WorkaroundsRepeated = "workarounds-repeated";
    public const string OwnerLeft = "owner-left";
    public const string NoImprovement = "no-improvement";
    public const string CheckInLate = "check-in-late";
    public const string NobodyOwnsIt = "nobody-owns-it";

    /// <summary>Adoption is judged from the period with this index on (after the first two periods).</summary>
    public const int AdoptionFromPeriod = 2;

    /// <summary>Alarm when adoption is under this fraction of the target.</summary>
    public const double AdoptionFraction = 0.5;

    /// <summary>Alarm when cases handled fall by this share or more over two consecutive periods.</summary>
    public const double UsageDrop = 0.30;

    /// <summary>Alarm when the escalated-or-overridden share grows by this fraction of itself or more...</summary>
    public const double OverrideRise = 0.5;

    /// <summary>...and by at least this many percentage points (so 1% to 2% is not an alarm).</summary>
    public const double OverrideMinRise = 0.05;

    /// <summary>No improvement work in this many check-ins in a row, while another alarm holds.</summary>
    public const int NoImprovementCheckIns = 3;

    public static IReadOnlyList<MonitoringRule> V1 { get; } =
    [
        new(NobodyOwnsIt, "Nobody owns it", Severity.Critical, RuleKind.Date,
            "Find out who looks after it now. Name an owner in the plan (or record an outcome if it has stopped), and ask them for the check-in.",
            (s, _) => s.DaysOverdue > OrphanedAfterDays
                ? $"The check-in due on {LiveNames.Day(s.Next.Due)} (period {s.Next.Number}) is {N(s.DaysOverdue)} days overdue: no check-in for more than {OrphanedAfterDays} days past its date."
                : null),
        new(OwnerLeft, "Owner left without a successor", Severity.Critical, RuleKind.Data,
            "Name the new production owner in the plan and have them file the next check-in; until then nobody answers for it.",
            (s, _) => s.CheckIns.Count > 0 && s.CheckIns[^1] is { Ownership: Ownership.Left } last
                ? $"The check-in for period {last.Period + 1} (filed {LiveNames.Day(last.FiledAt.Day())}) says the owner has left, and no check-in since says someone owns it."
                : null),
        new(AdoptionLow, "Adoption under half the target", Severity.Major, RuleKind.Data,
            "Ask the using team what stops them: access, training, trust in the output, or a workflow it does not fit. Fix that before anything else.",
            (s, _) => AdoptionEvidence(s)),
        new(UsageFalling, "Usage falling", Severity.Major, RuleKind.Data,
            "Find out where the work goes instead: talk to the people who stopped using it, and look at what changed in those periods.",
            (s, _) => UsageEvidence(s)),
        new(QualityBelow, "Quality under the agreed share", Severity.Major, RuleKind.Data,
            "Have the quality reviewer go through the failed samples with the users, and fix the most common failure before widening use.",
            (s, _) => s.CheckIns.LastOrDefault(c => c.QualityReviewed > 0) is { } last
                && last.QualityMet / (double)last.QualityReviewed < s.Plan.AcceptableShare / 100.0
                ? $"In the check-in for period {last.Period + 1}, {N(last.QualityMet)} of {N(last.QualityReviewed)} sampled outputs met the users' definition of good output ({Pct(last.QualityMet / (double)last.QualityReviewed)}), under the agreed {s.Plan.AcceptableShare}%."
                : null),
        new(WorkaroundsWidespread, "Workarounds widespread", Severity.Major, RuleKind.Data,
            "Sit with the people using the workaround: it shows where the system fails their work. Fix that, or change the plan.",
            (s, _) => s.CheckIns.Count > 0 && s.CheckIns[^1] is { Workarounds: Workarounds.Widespread } last
                ? $"The check-in for period {last.Period + 1} reports widespread workarounds{Note(last.WorkaroundNote)}."
                : null),
        new(QualityFalling, "Quality falling", Severity.Minor, RuleKind.Data,
            "Look at what changed in the inputs or the way it is used; a sample that keeps falling ends under the agreed share.",
            (s, _) => s.CheckIns.Where(c => c.QualityReviewed > 0).TakeLast(3).ToList() is { Count: 3 } last
                && Share(last[1]) < Share(last[0]) && Share(last[2]) < Share(last[1])
                ? $"The share of sampled outputs judged good fell two check-ins in a row: {string.Join(" → ", last.Select(c => $"{N(c.QualityMet)} of {N(c.QualityReviewed)} ({Pct(Share(c))}) in period {c.Period + 1}"))}."
                : null),
        new(OverridesRising, "Overrides rising", Severity.Minor, RuleKind.Data,
            "Review a few overridden or escalated cases with the users: new kinds of input, a change upstream, or lost trust?",
            (s, _) => OverrideEvidence(s)),
        new(WorkaroundsRepeated, "Workarounds reported twice in a row", Severity.Minor, RuleKind.Data,
            "Ask why the workaround persists; two periods in a row means it is becoming the way the work is done.",
            (s, _) => s.CheckIns.TakeLast(2).ToList() is { Count: 2 } last && last.All(c => c.Workarounds != Workarounds.None)
                && last[1].Period == last[0].Period + 1
                ? $"Workarounds were reported in periods {last[0].Period + 1} ({last[0].Workarounds.ToLabel().ToLowerInvariant()}) and {last[1].Period + 1} ({last[1].Workarounds.ToLabel().ToLowerInvariant()})."
                : null),
        new(CheckInLate, "Check-in overdue", Severity.Minor, RuleKind.Date,
            "Remind the owner: the check-in takes two minutes and keeps the alarms honest.",
            (s, _) => s.DaysOverdue is > 0 and <= OrphanedAfterDays
                ? $"The check-in due on {LiveNames.Day(s.Next.Due)} (period {s.Next.Number}) is {N(s.DaysOverdue)} {(s.DaysOverdue == 1 ? "day" : "days")} overdue."
                : null),
        new(NoImprovement, "No improvement work while an alarm holds", Severity.Major, RuleKind.WhileOthers,
            "Put improvement work on someone's plan with time and budget: an alarm nobody works on becomes the normal state.",
            (s, others) => s.CheckIns.TakeLast(NoImprovementCheckIns).ToList() is { Count: NoImprovementCheckIns } last && last.All(c => !c.ImprovementDone)
                ? $"No improvement work in the check-ins for periods {string.Join(", ", last.Select(c => c.Period + 1))}, while {string.Join(" and ", others.Select(o => o.Rule.Title.ToLowerInvariant()))} {(others.Count == 1 ? "holds" : "hold")}."
                : null),
    ];

    private static double Share(CheckIn c) => c.QualityMet / (double)c.QualityReviewed;

    private static string Note(string? note) => string.IsNullOrWhiteSpace(note) ? "" : $": \"{note}\"";

    private static string? AdoptionEvidence(State s)
    {
        var last = s.Reported.LastOrDefault(p => p.ActiveUsers is not null);
        if (last is null || last.Period.Index < AdoptionFromPeriod)
        {
            return null;
        }

        var share = last.Adoption(s.Plan.EligibleUsers)!.Value;
        var floor = s.Plan.TargetShare / 100.0 * AdoptionFraction;
        return share < floor
            ? $"{N(last.ActiveUsers!.Value)} of {N(s.Plan.EligibleUsers)} eligible people used it in period {last.Period.Number} ({Pct(share)}); the target is {s.Plan.TargetShare}%, and under half of it ({Pct(floor)}) raises this alarm."
            : null;
    }

    private static string? UsageEvidence(State s)
    {
        var last = s.Reported.Where(p => p.CasesHandled is not null).TakeLast(3).ToList();
        if (last.Count < 3 || last[2].Period.Index != last[0].Period.Index + 2)
        {
            return null;
        }

        var (a, b, c) = (last[0].CasesHandled!.Value, last[1].CasesHandled!.Value, last[2].CasesHandled!.Value);
        return a > 0 && b < a && c <= a * (1 - UsageDrop)
            ? $"Cases handled went from {N(a)} in period {last[0].Period.Number} to {N(b)} and then {N(c)} in period {last[2].Period.Number}: down {Pct((a - c) / (double)a)} over two periods."
            : null;
    }

    private static string? OverrideEvidence(State s)
    {
        var last = s.Reported.Where(p => p.OverrideShare is not null).TakeLast(2).ToList();
        if (last.Count < 2 || last[1].Period.Index != last[0].Period.Index + 1)
        {
            return null;
        }

        var (before, now) = (last[0].OverrideShare!.Value, last[1].OverrideShare!.Value);
        return now >= before * (1 + OverrideRise) && now - before >= OverrideMinRise
            ? $"{N(last[1].CasesEscalated!.Value + last[1].CasesOverridden!.Value)} of {N(last[1].CasesHandled!.Value)} cases ({Pct(now)}) were escalated or overridden in period {last[1].Period.Number}, against {N(last[0].CasesEscalated!.Value + last[0].CasesOverridden!.Value)} of {N(last[0].CasesHandled!.Value)} ({Pct(before)}) in period {last[0].Period.Number}."
            : null;
    }
}
