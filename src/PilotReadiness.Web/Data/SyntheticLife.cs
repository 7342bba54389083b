using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Data;

/// <summary>
/// The known chances behind a synthetic portfolio's outcomes: a launched pilot goes wrong (stalls or is rolled back)
/// with <see cref="BaseChance"/>, raised by each gate it had before launch: it escapes each cause independently, so the
/// chance is 1 − (1 − base) × Π(1 − chance of each gate). Tests check the calibration figures against these.
/// </summary>
public static class SyntheticOdds
{
    public const double BaseChance = 0.12;

    /// <summary>Of the launched pilots that go wrong, the share that stall (the rest are rolled back).</summary>
    public const double StalledShare = 2.0 / 3;

    /// <summary>Of those that go right, the share still in daily use (the rest are retired as planned).</summary>
    public const double InDailyUseShare = 0.8;

    public static IReadOnlyDictionary<GateSet, double> GateChance { get; } = new Dictionary<GateSet, double>
    {
        [GateSet.PilotTheatre] = 0.5,
        [GateSet.NoProductionOwner] = 0.6,
        [GateSet.IntegrationNotBudgeted] = 0.35,
        [GateSet.UsersNotInvolved] = 0.45,
        [GateSet.ProductionUnderBudgeted] = 0.25,
        [GateSet.BlockerUnanswered] = 0.2,
    };

    /// <summary>The chance that a launched pilot with <paramref name="gates"/> goes wrong.</summary>
    public static double WentWrongChance(GateSet gates) =>
        1 - ((1 - BaseChance) * gates.Each().Aggregate(1.0, (escape, gate) => escape * (1 - GateChance[gate])));
}

/// <summary>A pilot after launch in a synthetic portfolio: its live record, daily figures and outcomes, made through the domain.</summary>
public sealed record SyntheticLife(LivePilot? Live, IReadOnlyList<DailySignal> Signals, IReadOnlyList<PilotOutcome> Outcomes)
{
    public static SyntheticLife None { get; } = new(null, [], []);
}

/// <summary>
/// Tells what happens to a decided pilot: a go that launches is watched period by period (check-ins filed by the owner,
/// daily figures from the production system) and turns out as <see cref="SyntheticOdds"/> says; one that goes wrong
/// decays first (usage and quality fall, workarounds spread) for at least <see cref="MonitoringModel.StalledPeriods"/>
/// periods before the outcome is recorded. A no-go, or a go that never launches, is sometimes recorded as stopped.
/// The outcome is known a few periods after launch whatever it is, so which pilots have one does not lean on their gates.
/// </summary>
internal sealed class SyntheticLifeStory(Random random, DateTimeOffset now, (string Id, string Name) reviewer, string team, Func<string> person)
{
    private readonly DateOnly _today = now.Day();

    public SyntheticLife Tell(Assessment current, DateTimeOffset t)
    {
        if (current.Decision is null || now - t < TimeSpan.FromDays(2))
        {
            return SyntheticLife.None;
        }

        var launches = current.Decision is DecisionOutcome.Go or DecisionOutcome.GoWithConditions && random.NextDouble() < 0.75;
        var goLiveAt = t.AddDays(3 + (random.NextDouble() * 40));
        if (!launches || goLiveAt >= now.AddDays(-1) || LivePilot.WhyNotGoLive(current, null, goLiveAt.Day()) is not null)
        {
            return Stopped(current, t);
        }

        var cadence = random.NextDouble() switch { < 0.15 => 2, < 0.85 => 4, _ => 8 };
        var owner = person();
        var eligible = 5 + random.Next(200);
        var target = 50 + (5 * random.Next(10));
        var plan = new PlanDraft(goLiveAt.Day(), team, eligible, target, cadence, owner,
            $"owner.{random.Next(1_000_000):D6}@example.com", person(), null,
            "A draft the case handler can send after light edits: facts right, tone right, nothing invented.", MonitoringPlan.DefaultAcceptableShare);
        var live = LivePilot.GoLive(current, null, plan, reviewer.Name, goLiveAt);

        var wrong = random.NextDouble() < SyntheticOdds.WentWrongChance(live.Assessed.Gates);
        var kind = wrong
            ? random.NextDouble() < SyntheticOdds.StalledShare ? OutcomeKind.Stalled : OutcomeKind.RolledBack
            : random.NextDouble() < SyntheticOdds.InDailyUseShare ? OutcomeKind.InDailyUse : OutcomeKind.RetiredAsPlanned;
        // The outcome is known after period `knownAt - 1` is checked in; a pilot going wrong decays from `decayFrom` on.
        var knownAt = 4 + random.Next(3);
        var decayFrom = wrong ? 1 + random.Next(knownAt - MonitoringModel.StalledPeriods) : int.MaxValue;
        var withSignals = random.NextDouble() < 0.6;
        var signals = new List<DailySignal>();
        var outcomes = new List<PilotOutcome>();
        var usage = 0.75 + (random.NextDouble() * 0.2);
        for (var index = 0; ; index++)
        {
            var period = live.Schedule.Period(index);
            var decaying = index >= decayFrom;
            if (decaying)
            {
                usage *= 0.55 + (random.NextDouble() * 0.1);
            }

            if (withSignals)
            {
                for (var day = period.Start; day < period.Due && day < _today; day = day.AddDays(1))
                {
                    signals.Add(Signal(live, day, eligible, target, usage));
                }
            }

            if (period.Due > _today)
            {
                break;
            }

            var filedAt = At(period.Due.AddDays(-random.Next(4)));
            if (filedAt < now)
            {
                live.FileCheckIn(CheckIn(eligible, target, usage, decaying), owner, CheckInChannel.Link, filedAt);
            }

            if (index == knownAt - 1)
            {
                var knownAtTime = At(period.Due.AddDays(1 + random.Next(7)));
                if (knownAtTime >= now)
                {
                    break;
                }

                outcomes.Add(PilotOutcome.Record(current, live, null, kind, knownAtTime.Day(), Note(kind), reviewer.Id, reviewer.Name, knownAtTime));
                if (kind != OutcomeKind.InDailyUse)
                {
                    // Rolled back or retired ends monitoring; a stalled pilot's owner stops checking in.
                    break;
                }
            }
        }

        live.Refresh(signals);
        return new SyntheticLife(live, signals, outcomes);
    }

    /// <summary>A pilot that never launched: sometimes recorded as stopped before launch.</summary>
    private SyntheticLife Stopped(Assessment current, DateTimeOffset t)
    {
        var at = t.AddDays(10 + (random.NextDouble() * 50));
        if (random.NextDouble() >= 0.45 || at >= now || PilotOutcome.WhyNotRecord(current, null) is not null)
        {
            return SyntheticLife.None;
        }

        var outcome = PilotOutcome.Record(current, null, null, OutcomeKind.StoppedBeforeLaunch, at.Day(),
            "Stopped: the case for production did not hold up.", reviewer.Id, reviewer.Name, at);
        return new SyntheticLife(null, [], [outcome]);
    }

    private DailySignal Signal(LivePilot live, DateOnly day, int eligible, int target, double usage)
    {
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var users = (int)Math.Round(eligible * target / 100.0 * usage * (weekend ? 0.1 : 0.6 + (random.NextDouble() * 0.3)));
        var cases = users * (2 + random.Next(4));
        var escalated = (int)(cases * random.NextDouble() * 0.06);
        var overridden = (int)(cases * random.NextDouble() * 0.04);
        var errors = random.Next(3);
        return DailySignal.From(live.PilotId, new SignalDraft(day, users, cases, escalated, overridden, errors), At(day.AddDays(1)));
    }

    private CheckInForm CheckIn(int eligible, int target, double usage, bool decaying)
    {
        var users = Math.Max(0, (int)Math.Round(eligible * target / 100.0 * usage));
        var cases = users * (20 + random.Next(40));
        var incidents = decaying ? random.Next(3) : 0;
        var workarounds = decaying ? Workarounds.Widespread : random.NextDouble() < 0.1 ? Workarounds.Some : Workarounds.None;
        var improved = !decaying && random.NextDouble() < 0.6;
        return new CheckInForm
        {
            ActiveUsers = users,
            CasesHandled = cases,
            CasesEscalated = (int)(cases * 0.04),
            CasesOverridden = (int)(cases * 0.02),
            QualityReviewed = 20,
            QualityMet = decaying ? 9 + random.Next(6) : 17 + random.Next(4),
            Incidents = incidents,
            IncidentNote = incidents > 0 ? "Wrong answers on unusual cases; the owner reported them to the vendor." : null,
            Workarounds = workarounds,
            WorkaroundNote = workarounds == Workarounds.None ? null : "People keep the old spreadsheet open and copy results across.",
            Ownership = Ownership.StillOwner,
            ImprovementDone = improved,
            ImprovementNote = improved ? "Tuned the prompts on the cases users flagged." : null,
            Blockers = decaying ? "Nobody has time set aside to fix what users report." : null,
        };
    }

    private DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(random.Next(8 * 60));

    private static string Note(OutcomeKind kind) => kind switch
    {
        OutcomeKind.InDailyUse => "Used every day by the team, as planned.",
        OutcomeKind.Stalled => "Still running, but most of the team went back to the old way of working.",
        OutcomeKind.RolledBack => "Switched off after users stopped trusting its output.",
        _ => "Did its job for the season it was built for, and was switched off as planned.",
    };
}
