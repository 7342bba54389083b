using System.Globalization;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Live;

/// <summary>How a live pilot is doing: the worst of its alarms decides.</summary>
public enum LiveHealth
{
    /// <summary>No alarm.</summary>
    Healthy = 0,

    /// <summary>Only minor alarms: early signs.</summary>
    Watch = 1,

    /// <summary>A major alarm: use or quality slipping.</summary>
    Decaying = 2,

    /// <summary>A critical alarm: nobody owns it (check-ins stopped, or the owner left).</summary>
    Orphaned = 3,
}

/// <summary>Where a period's figure came from.</summary>
public enum FigureSource
{
    None,
    CheckIn,
    Signals,
}

/// <summary>A silent-decay alarm: which rule, how serious, the numbers behind it, what to do, and since when it holds.</summary>
public sealed record Alarm(string Rule, string Title, Severity Severity, string Evidence, string Action, DateOnly Since);

/// <summary>One period of the series that check-ins and the production system's daily figures feed together.</summary>
public sealed record PeriodFigures(
    Period Period,
    int? ActiveUsers,
    FigureSource UsersSource,
    int? CasesHandled,
    int? CasesEscalated,
    int? CasesOverridden,
    int? Errors,
    FigureSource CasesSource,
    int? QualityReviewed,
    int? QualityMet,
    CheckIn? CheckIn)
{
    public bool Reported => UsersSource != FigureSource.None || CasesSource != FigureSource.None;

    /// <summary>Active users as a share of the eligible users.</summary>
    public double? Adoption(int eligibleUsers) => ActiveUsers is { } users && eligibleUsers > 0 ? users / (double)eligibleUsers : null;

    /// <summary>Escalated plus overridden cases as a share of the cases handled.</summary>
    public double? OverrideShare => CasesHandled is > 0 ? (CasesEscalated + CasesOverridden) / (double)CasesHandled : null;

    /// <summary>Sampled outputs that met the definition of good output, as a share of those reviewed.</summary>
    public double? QualityShare => QualityReviewed is > 0 ? QualityMet / (double)QualityReviewed : null;
}

/// <summary>What the monitoring model says about a live pilot on a day.</summary>
public sealed record MonitoringResult(
    string ModelVersion,
    DateOnly AsOf,
    LiveHealth Health,
    IReadOnlyList<Alarm> Alarms,
    IReadOnlyList<PeriodFigures> Periods,
    Period NextCheckIn,
    int DaysOverdue,
    bool SuggestStalled);

/// <summary>
/// Monitoring model 1: turns a live pilot's plan, check-ins and daily figures into silent-decay alarms and a health.
/// Pure and deterministic: the same inputs on the same day give the same result, and every alarm says which rule
/// raised it, with its numbers. The rules are described for sponsors in docs/after-launch.md.
/// <para>
/// Every rule but the two about overdue check-ins reads only the data (check-ins and daily figures), so the health the
/// data gives (<see cref="DataHealth"/>) can be kept with the pilot and combined with the day by <see cref="Health"/>.
/// </para>
/// </summary>
public sealed class MonitoringModel
{
    private readonly IReadOnlyList<MonitoringRule> _rules;

    private MonitoringModel(string version, IReadOnlyList<MonitoringRule> rules)
    {
        Version = version;
        _rules = rules;
    }

    /// <summary>Version 1, described in docs/after-launch.md.</summary>
    public static MonitoringModel V1 { get; } = new("1", MonitoringRules.V1);

    public static MonitoringModel Current => V1;

    public string Version { get; }

    /// <summary>Rule keys in the order the model checks them.</summary>
    public IReadOnlyList<string> RuleKeys => [.. _rules.Select(r => r.Key)];

    /// <summary>A check-in may be filed from this many days before it is due.</summary>
    public const int EarlyDays = 7;

    /// <summary>Overdue by more than this many days: nobody owns it.</summary>
    public const int OrphanedAfterDays = 14;

    /// <summary>"Stalled?" is suggested once the pilot has been decaying (or worse) at this many period ends in a row.</summary>
    public const int StalledPeriods = 3;

    public static LiveHealth HealthOf(Severity? worst) => worst switch
    {
        null => LiveHealth.Healthy,
        Severity.Minor => LiveHealth.Watch,
        Severity.Major => LiveHealth.Decaying,
        _ => LiveHealth.Orphaned,
    };

    /// <summary>
    /// The health on <paramref name="today"/> of a pilot whose data gives <paramref name="dataHealth"/> and whose next
    /// check-in is due on <paramref name="nextDue"/>: the overdue rules added to what the data says.
    /// </summary>
    public static LiveHealth Health(LiveHealth dataHealth, DateOnly nextDue, DateOnly today)
    {
        var overdue = today.DayNumber - nextDue.DayNumber;
        var byDate = overdue > OrphanedAfterDays ? LiveHealth.Orphaned : overdue > 0 ? LiveHealth.Watch : LiveHealth.Healthy;
        return (LiveHealth)Math.Max((int)dataHealth, (int)byDate);
    }

    /// <summary>The next check-in due: the period after the last one reported on, or the first.</summary>
    public static Period NextCheckIn(Schedule schedule, IEnumerable<CheckIn> checkIns)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(checkIns);
        var last = checkIns.Select(c => (int?)c.Period).Max() ?? -1;
        return schedule.Period(last + 1);
    }

    /// <summary>The health the data alone gives: every rule except those about overdue check-ins, on all the data.</summary>
    public LiveHealth DataHealth(MonitoringPlan plan, Schedule schedule, IReadOnlyList<CheckIn> checkIns, IReadOnlyList<DailySignal> signals)
    {
        var state = State.Of(plan, schedule, checkIns, signals, DateOnly.MaxValue);
        return HealthOf(DataAlarms(state).Select(a => (Severity?)a.Rule.Severity).Max());
    }

    /// <summary>Everything the model says on <paramref name="today"/>, from the data known by then.</summary>
    public MonitoringResult Evaluate(MonitoringPlan plan, Schedule schedule, IReadOnlyList<CheckIn> checkIns, IReadOnlyList<DailySignal> signals, DateOnly today)
    {
        var state = State.Of(plan, schedule, checkIns, signals, today);
        var alarms = AlarmsOn(state)
            .Select(found => new Alarm(found.Rule.Key, found.Rule.Title, found.Rule.Severity, found.Evidence, found.Rule.Action,
                Since(found.Rule, plan, schedule, checkIns, signals, state)))
            .OrderByDescending(a => a.Severity).ThenBy(a => RuleIndex(a.Rule))
            .ToList();
        var health = HealthOf(alarms.Select(a => (Severity?)a.Severity).Max());

        // Decaying (or worse) at each of the last few period ends, from what was known on each of those days.
        var ends = Enumerable.Range(0, (schedule.PeriodAt(today)?.Index ?? 0) + 1).Select(schedule.Period)
            .Select(p => p.Due).Where(d => d <= today).TakeLast(StalledPeriods).ToList();
        var stalled = ends.Count == StalledPeriods && ends.All(day =>
            HealthOf(AlarmsOn(State.Of(plan, schedule, checkIns, signals, day)).Select(a => (Severity?)a.Rule.Severity).Max()) >= LiveHealth.Decaying);

        return new MonitoringResult(Version, today, health, alarms, state.Series(), state.Next, Math.Max(0, state.DaysOverdue), stalled);
    }

    private int RuleIndex(string key) => _rules.Select((r, i) => (r, i)).First(x => x.r.Key == key).i;

    private List<(MonitoringRule Rule, string Evidence)> AlarmsOn(State state)
    {
        var found = DataAlarms(state);
        found.AddRange(_rules.Where(r => r.Kind == RuleKind.Date)
            .Select(r => (Rule: r, Evidence: r.Evaluate(state, [])))
            .Where(x => x.Evidence is not null)
            .Select(x => (x.Rule, x.Evidence!)));
        return found;
    }

    private List<(MonitoringRule Rule, string Evidence)> DataAlarms(State state)
    {
        var found = new List<(MonitoringRule Rule, string Evidence)>();
        foreach (var rule in _rules.Where(r => r.Kind == RuleKind.Data))
        {
            if (rule.Evaluate(state, found) is { } evidence)
            {
                found.Add((rule, evidence));
            }
        }

        foreach (var rule in _rules.Where(r => r.Kind == RuleKind.WhileOthers))
        {
            if (found.Count > 0 && rule.Evaluate(state, found) is { } evidence)
            {
                found.Add((rule, evidence));
            }
        }

        return found;
    }

    /// <summary>
    /// The first day of the unbroken run, up to today, on which <paramref name="rule"/> has held. Overdue rules know it
    /// exactly; the others are asked again on each earlier day the data changed (a check-in filed, a period's daily
    /// figures complete), from what was known on that day.
    /// </summary>
    private DateOnly Since(MonitoringRule rule, MonitoringPlan plan, Schedule schedule, IReadOnlyList<CheckIn> checkIns, IReadOnlyList<DailySignal> signals, State today)
    {
        if (rule.Kind == RuleKind.Date)
        {
            return today.Next.Due.AddDays(rule.Key == MonitoringRules.NobodyOwnsIt ? OrphanedAfterDays + 1 : 1);
        }

        var lastPeriod = schedule.PeriodAt(today.AsOf)?.Index ?? -1;
        var points = checkIns.Select(c => c.FiledAt.Day())
            .Concat(Enumerable.Range(0, lastPeriod + 1).Select(i => schedule.Period(i).LastDay))
            .Where(d => d < today.AsOf)
            .Distinct().OrderDescending();
        var since = today.AsOf;
        foreach (var day in points)
        {
            var state = State.Of(plan, schedule, checkIns, signals, day);
            if (!DataAlarms(state).Exists(a => a.Rule.Key == rule.Key))
            {
                break;
            }

            since = day;
        }

        return since;
    }

    internal enum RuleKind
    {
        /// <summary>Reads the check-ins and daily figures only.</summary>
        Data,

        /// <summary>Reads the data, and holds only while another data rule does.</summary>
        WhileOthers,

        /// <summary>Reads the day: overdue check-ins.</summary>
        Date,
    }

    /// <summary>A rule: its key, title, severity and action are data; <see cref="Evaluate"/> returns its evidence, or null.</summary>
    internal sealed record MonitoringRule(
        string Key, string Title, Severity Severity, RuleKind Kind, string Action,
        Func<State, IReadOnlyList<(MonitoringRule Rule, string Evidence)>, string?> Evaluate);

    /// <summary>What is known on <see cref="AsOf"/>: the plan, the current check-ins and the series.</summary>
    internal sealed class State
    {
        private readonly Schedule _schedule;
        private readonly SortedDictionary<int, PeriodFigures> _periods;

        private State(MonitoringPlan plan, Schedule schedule, DateOnly asOf, IReadOnlyList<CheckIn> current, SortedDictionary<int, PeriodFigures> periods)
        {
            Plan = plan;
            _schedule = schedule;
            AsOf = asOf;
            CheckIns = current;
            _periods = periods;
            Next = schedule.Period(current.Count == 0 ? 0 : current[^1].Period + 1);
            DaysOverdue = asOf == DateOnly.MaxValue ? 0 : asOf.DayNumber - Next.Due.DayNumber;
        }

        public MonitoringPlan Plan { get; }

        public DateOnly AsOf { get; }

        /// <summary>The check-ins that count on <see cref="AsOf"/> (the latest filed for each period), in period order.</summary>
        public IReadOnlyList<CheckIn> CheckIns { get; }

        /// <summary>Periods with figures from a check-in or from complete daily figures, in order.</summary>
        public IEnumerable<PeriodFigures> Reported => _periods.Values.Where(p => p.Reported);

        public Period Next { get; }

        /// <summary>Days since the next check-in was due (negative before it is due).</summary>
        public int DaysOverdue { get; }

        /// <summary>Every period up to the one that holds <see cref="AsOf"/> (and any later one reported early), gaps included.</summary>
        public IReadOnlyList<PeriodFigures> Series()
        {
            var last = Math.Max(_periods.Count == 0 ? -1 : _periods.Keys.Max(), (_schedule.PeriodAt(AsOf)?.Index ?? 0) - 1);
            return [.. Enumerable.Range(0, last + 1).Select(i => _periods.TryGetValue(i, out var p) ? p
                : new PeriodFigures(_schedule.Period(i), null, FigureSource.None, null, null, null, null, FigureSource.None, null, null, null))];
        }

        public static State Of(MonitoringPlan plan, Schedule schedule, IReadOnlyList<CheckIn> checkIns, IReadOnlyList<DailySignal> signals, DateOnly asOf)
        {
            ArgumentNullException.ThrowIfNull(plan);
            ArgumentNullException.ThrowIfNull(schedule);
            ArgumentNullException.ThrowIfNull(checkIns);
            ArgumentNullException.ThrowIfNull(signals);

            // Per period, the latest check-in filed by then (a correction filed later does not count yet).
            var current = checkIns.Where(c => c.FiledAt.Day() <= asOf)
                .GroupBy(c => c.Period)
                .Select(g => g.OrderByDescending(c => c.FiledAt).ThenByDescending(c => c.Id).First())
                .OrderBy(c => c.Period)
                .ToList();

            // A period's daily figures count once the production system has sent its last day (or a later one).
            var known = signals.Where(s => s.Date <= asOf && s.Date >= schedule.GoLive).ToList();
            var latest = known.Count == 0 ? (DateOnly?)null : known.Max(s => s.Date);
            var byPeriod = known.GroupBy(s => schedule.PeriodAt(s.Date)!.Value.Index)
                .Where(g => latest >= schedule.Period(g.Key).LastDay)
                .ToDictionary(g => g.Key, g => g.ToList());

            var periods = new SortedDictionary<int, PeriodFigures>();
            foreach (var index in current.Select(c => c.Period).Union(byPeriod.Keys))
            {
                var checkIn = current.Find(c => c.Period == index);
                var days = byPeriod.GetValueOrDefault(index);
                periods[index] = days is null
                    ? new PeriodFigures(schedule.Period(index), checkIn!.ActiveUsers, FigureSource.CheckIn,
                        checkIn.CasesHandled, checkIn.CasesEscalated, checkIn.CasesOverridden, null, FigureSource.CheckIn,
                        checkIn.QualityReviewed, checkIn.QualityMet, checkIn)
                    : new PeriodFigures(schedule.Period(index),
                        checkIn?.ActiveUsers ?? days.Max(d => d.ActiveUsers), checkIn is null ? FigureSource.Signals : FigureSource.CheckIn,
                        Sum(days, d => d.CasesHandled), Sum(days, d => d.CasesEscalated), Sum(days, d => d.CasesOverridden), Sum(days, d => d.Errors),
                        FigureSource.Signals, checkIn?.QualityReviewed, checkIn?.QualityMet, checkIn);
            }

            return new State(plan, schedule, asOf, current, periods);
        }

        private static int Sum(List<DailySignal> days, Func<DailySignal, int> figure) =>
            (int)Math.Min(int.MaxValue, days.Sum(d => (long)figure(d)));
    }

    internal static string Pct(double share) => LiveNames.Percent(share);

    internal static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
