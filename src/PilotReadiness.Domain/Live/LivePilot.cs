using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Outcomes;

namespace PilotReadiness.Domain.Live;

/// <summary>
/// A pilot after launch: its monitoring plan and schedule, the owner's check-ins, the keys its production system
/// posts daily figures with, the single-use check-in links, and the headline the portfolio reads (the health the data
/// gives and the next due date). One per pilot, whichever assessment version is current. Every change bumps
/// <see cref="Version"/>; the plan's own changes also bump <see cref="PlanRevision"/>, which is what an editor read.
/// </summary>
public sealed class LivePilot : IRecordsChanges
{
    private readonly List<CheckIn> _checkIns = [];
    private readonly List<IngestionKey> _keys = [];
    private readonly List<CheckInLink> _links = [];
    private readonly List<AssessmentChange> _changes = [];

    private LivePilot(Assessment current, MonitoringPlan plan, string by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = current.PilotId;
        AssessmentId = current.Id;
        Assessed = current.Readiness;
        Decision = current.Decision!.Value;
        Plan = plan;
        Schedule = Schedule.Start(plan.GoLiveDate, plan.CadenceWeeks);
        WentLiveAt = now;
        WentLiveBy = by;
        UpdatedAt = now;
        Version = 1;
        PlanRevision = 1;
        NextCheckInDue = Schedule.Period(0).Due;
        _changes.Add(new AssessmentChange(ChangeKind.WentLive, now, NewValue: plan.Describe()));
    }

    // For EF Core.
    private LivePilot()
    {
        Plan = null!;
        Schedule = null!;
        Assessed = null!;
        WentLiveBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PilotId { get; private set; }

    /// <summary>The assessment version that went live; its history holds the pilot's after-launch changes.</summary>
    public Guid AssessmentId { get; private set; }

    /// <summary>The readiness of that version when it went live: what the warnings were before launch.</summary>
    public Readiness Assessed { get; private set; }

    /// <summary>Leadership's decision when it went live (go, or go with conditions).</summary>
    public DecisionOutcome Decision { get; private set; }

    public MonitoringPlan Plan { get; private set; }

    public Schedule Schedule { get; private set; }

    public DateTimeOffset WentLiveAt { get; private set; }

    public string WentLiveBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Goes up with every change, by people or by the production system; the concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>Goes up when the plan changes: what an editor of the plan read (the API's ETag).</summary>
    public int PlanRevision { get; private set; }

    /// <summary>The health the check-ins and daily figures give, without the day (see <see cref="HealthOn"/>).</summary>
    public LiveHealth DataHealth { get; private set; }

    public DateOnly NextCheckInDue { get; private set; }

    public DateTimeOffset? LastCheckInAt { get; private set; }

    /// <summary>The pilot's current outcome, when one is recorded.</summary>
    public OutcomeKind? Outcome { get; private set; }

    public DateOnly? OutcomeDate { get; private set; }

    /// <summary>Rolled back or retired: monitoring has ended (no check-ins, reminders or alarms).</summary>
    public bool Ended => Outcome is { } outcome && outcome.EndsMonitoring();

    public IReadOnlyCollection<CheckIn> CheckIns => _checkIns.AsReadOnly();

    public IEnumerable<CheckIn> CurrentCheckIns => _checkIns.Where(c => c.IsCurrent);

    public IReadOnlyCollection<IngestionKey> Keys => _keys.AsReadOnly();

    public IReadOnlyCollection<CheckInLink> Links => _links.AsReadOnly();

    Guid IRecordsChanges.AuditAssessmentId => AssessmentId;

    public IReadOnlyList<AssessmentChange> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    /// <summary>
    /// Null when the pilot can go live now: its current decision is a go or a go with conditions that has not lapsed,
    /// and it is not live already. Otherwise why not, in the one message pages and API show.
    /// </summary>
    public static Refusal? WhyNotGoLive(Assessment current, LivePilot? existing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.IsCurrent)
        {
            return current.WhyNot(AssessmentAction.ChangeDetails);
        }

        if (existing is not null)
        {
            return new Refusal(RefusalKind.WrongState,
                $"This pilot went live on {LiveNames.Day(existing.Plan.GoLiveDate)}; change its monitoring plan instead.");
        }

        if (current.Decision is not (DecisionOutcome.Go or DecisionOutcome.GoWithConditions))
        {
            return new Refusal(RefusalKind.WrongState, current.Decision is { } decision
                ? $"Only a pilot leadership decided to take to production can go live; this one's decision is {decision.ToLabel().ToLowerInvariant()}."
                : "Only a pilot leadership decided to take to production can go live; no decision is recorded yet.");
        }

        return current.IsLapsed(today)
            ? new Refusal(RefusalKind.WrongState,
                "A condition of the go passed its due date unmet, so the go no longer holds: mark the condition met or record a new decision first.")
            : null;
    }

    /// <summary>
    /// Records go-live with its monitoring plan. Throws <see cref="RefusedException"/> when <see cref="WhyNotGoLive"/>
    /// refuses and <see cref="FieldErrorsException"/> with every problem <see cref="MonitoringPlan.Check"/> finds.
    /// </summary>
    public static LivePilot GoLive(Assessment current, LivePilot? existing, PlanDraft draft, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (WhyNotGoLive(current, existing, now.Day()) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        return new LivePilot(current, MonitoringPlan.From(draft, now.Day()), by, now);
    }

    /// <summary>
    /// Null when <paramref name="action"/> is possible in this live pilot's state on <paramref name="today"/>;
    /// otherwise why not. Monitoring that ended refuses everything but a new outcome.
    /// </summary>
    public Refusal? WhyNot(LiveAction action, DateOnly today)
    {
        if (action == LiveAction.GoLive)
        {
            return new Refusal(RefusalKind.WrongState, $"This pilot went live on {LiveNames.Day(Plan.GoLiveDate)}; change its monitoring plan instead.");
        }

        if (Ended && action != LiveAction.RecordOutcome)
        {
            return new Refusal(RefusalKind.WrongState,
                $"Monitoring ended when the pilot was recorded as {Outcome!.Value.ToLabel().ToLowerInvariant()} on {LiveNames.Day(OutcomeDate!.Value)}; record a new outcome if it is back in use.");
        }

        if (action == LiveAction.FileCheckIn && OpenPeriod(today) is null)
        {
            var next = NextCheckIn;
            return new Refusal(RefusalKind.WrongState,
                $"The next check-in is due on {LiveNames.Day(next.Due)} and can be filed from {LiveNames.Day(next.Due.AddDays(-MonitoringModel.EarlyDays))}; to change one already filed, correct it.");
        }

        return null;
    }

    internal void EnsureAllowed(LiveAction action, DateOnly today)
    {
        if (WhyNot(action, today) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
    }

    /// <summary>The next check-in due: the period after the last one reported on.</summary>
    public Period NextCheckIn => MonitoringModel.NextCheckIn(Schedule, CurrentCheckIns);

    /// <summary>
    /// The period a check-in filed on <paramref name="today"/> reports on: the latest whose due date is at most
    /// <see cref="MonitoringModel.EarlyDays"/> days away and that has no check-in yet. Null when there is none: the
    /// next one is not open yet. Periods skipped while nobody checked in stay empty.
    /// </summary>
    public Period? OpenPeriod(DateOnly today)
    {
        if (Schedule.PeriodAt(today.AddDays(MonitoringModel.EarlyDays)) is not { Index: > 0 } ahead)
        {
            return null;
        }

        var period = Schedule.Period(ahead.Index - 1);
        return period.Index >= NextCheckIn.Index ? period : null;
    }

    /// <summary>Files the check-in of the open period. Throws when it is refused or its answers are incomplete.</summary>
    public CheckIn FileCheckIn(CheckInForm answers, string by, CheckInChannel channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        EnsureAllowed(LiveAction.FileCheckIn, now.Day());
        FieldErrorsException.ThrowIfAny(CheckIn.Check(answers));
        var checkIn = new CheckIn(OpenPeriod(now.Day())!.Value, answers, by, channel, now, null);
        _checkIns.Add(checkIn);
        _changes.Add(new AssessmentChange(ChangeKind.CheckInFiled, now, checkIn.Id.ToString(), null, checkIn.Describe()));
        LastCheckInAt = now;
        Touch(now);
        return checkIn;
    }

    /// <summary>Null when the check-in can be corrected; otherwise why not. Only the current entry for a period is corrected.</summary>
    public Refusal? WhyNotCorrect(Guid checkInId, DateOnly today)
    {
        if (WhyNot(LiveAction.CorrectCheckIn, today) is { } refusal)
        {
            return refusal;
        }

        return _checkIns.Find(c => c.Id == checkInId) is { IsCurrent: false }
            ? new Refusal(RefusalKind.WrongState, "This check-in has already been corrected: correct the latest entry for its period.")
            : null;
    }

    /// <summary>Files a correction: a new check-in for the same period that supersedes <paramref name="checkInId"/>.</summary>
    public CheckIn CorrectCheckIn(Guid checkInId, CheckInForm answers, string by, CheckInChannel channel, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var original = _checkIns.Find(c => c.Id == checkInId)
            ?? throw new ArgumentException("This pilot has no such check-in.", nameof(checkInId));
        if (WhyNotCorrect(checkInId, now.Day()) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        FieldErrorsException.ThrowIfAny(CheckIn.Check(answers));
        var correction = original.Correct(Schedule.Period(original.Period), answers, by, channel, now);
        _checkIns.Add(correction);
        _changes.Add(new AssessmentChange(ChangeKind.CheckInCorrected, now, correction.Id.ToString(), original.Describe(), correction.Describe()));
        LastCheckInAt = now;
        Touch(now);
        return correction;
    }

    /// <summary>The go-live date once it can no longer move (a period has ended or a check-in is filed), else null.</summary>
    public DateOnly? GoLiveFixed(DateOnly today) =>
        _checkIns.Count > 0 || Schedule.Period(0).Due <= today ? Plan.GoLiveDate : null;

    /// <summary>
    /// Every problem with a new plan: <see cref="MonitoringPlan.Check"/>, with the go-live date fixed once periods
    /// have been counted from it.
    /// </summary>
    public IReadOnlyList<FieldError> CheckPlan(PlanDraft draft, DateOnly today) => MonitoringPlan.Check(draft, today, GoLiveFixed(today));

    /// <summary>
    /// Replaces the plan; returns false when nothing changed. A new cadence starts when the period under way ends; a
    /// new go-live date (possible only before the first period ends) restarts the schedule.
    /// </summary>
    public bool ChangePlan(PlanDraft draft, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var today = now.Day();
        EnsureAllowed(LiveAction.ChangePlan, today);
        var plan = MonitoringPlan.From(draft, today, GoLiveFixed(today));
        if (plan == Plan)
        {
            return false;
        }

        var before = Plan;
        if (plan.OwnerEmail != before.OwnerEmail)
        {
            // A link sent to the owner the plan no longer names stops working.
            foreach (var link in _links.Where(l => l.IsUsable(now)))
            {
                link.Expire(now);
            }
        }

        Schedule = plan.GoLiveDate != before.GoLiveDate
            ? Schedule.Start(plan.GoLiveDate, plan.CadenceWeeks)
            : Schedule.WithCadence(plan.CadenceWeeks, today);
        Plan = plan;
        PlanRevision++;
        _changes.Add(new AssessmentChange(ChangeKind.PlanChanged, now, by, before.Describe(), plan.Describe()));
        Touch(now);
        return true;
    }

    /// <summary>
    /// Issues an ingestion key (the caller makes the secret and passes its hash and prefix) and revokes any key issued
    /// before: rotation is issuing a new key.
    /// </summary>
    public IngestionKey IssueKey(string hash, string prefix, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        EnsureAllowed(LiveAction.ManageKeys, now.Day());
        foreach (var old in _keys.Where(k => k.IsActive))
        {
            old.Revoke(by, now);
            _changes.Add(new AssessmentChange(ChangeKind.IngestionKeyRevoked, now, old.Prefix, null, "replaced by a new key"));
        }

        var key = new IngestionKey(PilotId, hash, prefix, by, now);
        _keys.Add(key);
        _changes.Add(new AssessmentChange(ChangeKind.IngestionKeyIssued, now, prefix, null, by));
        Touch(now);
        return key;
    }

    /// <summary>Null when the key can be revoked; otherwise why not.</summary>
    public Refusal? WhyNotRevoke(Guid keyId, DateOnly today) =>
        WhyNot(LiveAction.ManageKeys, today) ?? (_keys.Find(k => k.Id == keyId) is { IsActive: false }
            ? new Refusal(RefusalKind.WrongState, "This key is already revoked.")
            : null);

    public void RevokeKey(Guid keyId, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var key = _keys.Find(k => k.Id == keyId) ?? throw new ArgumentException("This pilot has no such key.", nameof(keyId));
        if (WhyNotRevoke(keyId, now.Day()) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        key.Revoke(by, now);
        _changes.Add(new AssessmentChange(ChangeKind.IngestionKeyRevoked, now, key.Prefix, null, by));
        Touch(now);
    }

    /// <summary>Notes that the production system posted daily figures: not audited, but a change all the same.</summary>
    public void NoteSignals(DateTimeOffset now)
    {
        EnsureAllowed(LiveAction.PostSignals, now.Day());
        Touch(now);
    }

    /// <summary>
    /// Sends the owner a single-use link for the next check-in (the caller makes the token and passes its hash). Links
    /// sent earlier stop working.
    /// </summary>
    public CheckInLink SendCheckInLink(string tokenHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        EnsureAllowed(LiveAction.SendCheckInLink, now.Day());
        foreach (var old in _links.Where(l => l.IsUsable(now)))
        {
            old.Expire(now);
        }

        var link = new CheckInLink(PilotId, NextCheckIn.Due, Plan.OwnerEmail, tokenHash, now);
        _links.Add(link);
        _changes.Add(new AssessmentChange(ChangeKind.CheckInLinkSent, now, Plan.OwnerEmail, null, $"for the check-in due {NextCheckIn.Due:yyyy-MM-dd}"));
        Touch(now);
        return link;
    }

    /// <summary>Files the open period's check-in through a link, which then stops working.</summary>
    public CheckIn FileCheckInByLink(Guid linkId, CheckInForm answers, DateTimeOffset now)
    {
        var link = _links.Find(l => l.Id == linkId) ?? throw new ArgumentException("This pilot has no such link.", nameof(linkId));
        if (!link.IsUsable(now))
        {
            throw new RefusedException(new Refusal(RefusalKind.WrongState, "This check-in link has been used or has expired."));
        }

        var checkIn = FileCheckIn(answers, link.Email, CheckInChannel.Link, now);
        link.Use(now);
        return checkIn;
    }

    /// <summary>Called by <see cref="PilotOutcome.Record"/>: keeps the pilot's current outcome beside its plan.</summary>
    internal void NoteOutcome(PilotOutcome outcome, DateTimeOffset now)
    {
        Outcome = outcome.Kind;
        OutcomeDate = outcome.Date;
        Touch(now);
    }

    /// <summary>
    /// Recomputes the headline the portfolio reads from the check-ins and <paramref name="signals"/> (all of this
    /// pilot's daily figures). The application does this on every save; it is not a change in itself.
    /// </summary>
    public void Refresh(IReadOnlyList<DailySignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        DataHealth = MonitoringModel.Current.DataHealth(Plan, Schedule, [.. CurrentCheckIns], signals);
        NextCheckInDue = NextCheckIn.Due;
    }

    /// <summary>The health on <paramref name="today"/>, or null once monitoring has ended.</summary>
    public LiveHealth? HealthOn(DateOnly today) => HealthOn(DataHealth, NextCheckInDue, Outcome, today);

    /// <summary>
    /// <see cref="HealthOn(DateOnly)"/> from the kept headline alone (what a list reads from the database): null once
    /// <paramref name="outcome"/> ended monitoring.
    /// </summary>
    public static LiveHealth? HealthOn(LiveHealth dataHealth, DateOnly nextCheckInDue, OutcomeKind? outcome, DateOnly today) =>
        outcome is { } o && o.EndsMonitoring() ? null : MonitoringModel.Health(dataHealth, nextCheckInDue, today);

    /// <summary>What the monitoring model says on <paramref name="today"/> (<paramref name="signals"/>: all of this pilot's daily figures).</summary>
    public MonitoringResult Evaluate(IReadOnlyList<DailySignal> signals, DateOnly today) =>
        MonitoringModel.Current.Evaluate(Plan, Schedule, [.. _checkIns], signals, today);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
