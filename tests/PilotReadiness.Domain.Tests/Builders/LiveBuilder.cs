using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Builders;

/// <summary>
/// A live pilot on a fake clock: a go decision, go-live on Monday 5 January 2026 with a four-weekly check-in, 40
/// eligible users, a target of 80% and 80% of sampled outputs good. Check-ins are filed on the day they are due unless
/// told otherwise; the clock moves forward as they are.
/// </summary>
public sealed class LiveBuilder
{
    public static readonly DateOnly GoLiveDay = new(2026, 1, 5);

    private readonly List<DailySignal> _signals = [];

    private LiveBuilder(FakeTimeProvider clock, Assessment assessment, LivePilot live)
    {
        Clock = clock;
        Assessment = assessment;
        Live = live;
    }

    public FakeTimeProvider Clock { get; }

    public Assessment Assessment { get; }

    public LivePilot Live { get; }

    public IReadOnlyList<DailySignal> Signals => _signals;

    public DateOnly Today => Clock.GetUtcNow().Day();

    public static PlanDraft Plan(int cadenceWeeks = 4, int eligible = 40, int target = 80, int acceptable = 80, DateOnly? goLive = null) =>
        new(goLive ?? GoLiveDay, "Claims handling", eligible, target, cadenceWeeks, "Priya Natarajan", "priya@example.com",
            "Lee Chen", "lee@example.com", "A triage note a handler can act on without re-reading the claim.", acceptable);

    /// <summary>A decided (go) assessment, taken live on <see cref="GoLiveDay"/> with <paramref name="plan"/>.</summary>
    public static LiveBuilder GoLive(PlanDraft? plan = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var assessment = DecidedAssessment(clock, DecisionOutcome.Go);
        clock.SetUtcNow(new DateTimeOffset(GoLiveDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var live = LivePilot.GoLive(assessment, null, plan ?? Plan(), "Rae Reviewer", clock.GetUtcNow());
        return new LiveBuilder(clock, assessment, live);
    }

    /// <summary>A submitted assessment with every answer at its best, decided by a reviewer.</summary>
    public static Assessment DecidedAssessment(FakeTimeProvider clock, DecisionOutcome? outcome, DateOnly? conditionDue = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var assessment = new Assessment(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", ""),
            ShippedQuestionnaires.Catalog.Current, "owner-1", clock.GetUtcNow());
        assessment.SetAnswers(ShippedQuestionnaires.Catalog,
            AnswersBuilder.Ready(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version).Build().ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value, StringComparer.Ordinal), clock.GetUtcNow());
        assessment.Submit(ShippedQuestionnaires.Catalog, clock.GetUtcNow());
        if (outcome is { } decided)
        {
            var conditions = decided == DecisionOutcome.GoWithConditions
                ? [new ConditionDraft("Integration signed off", "Ingrid Olsen", conditionDue ?? clock.GetUtcNow().Day().AddDays(30))]
                : Array.Empty<ConditionDraft>();
            Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, decided, "Ready enough.", null, conditions, "reviewer-1", "Rae Reviewer", clock.GetUtcNow());
        }

        return assessment;
    }

    /// <summary>Moves the clock to 09:00 on <paramref name="day"/>.</summary>
    public LiveBuilder On(DateOnly day)
    {
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        return this;
    }

    /// <summary>
    /// Files check-ins described in the tests' short notation, one per period from the next due, separated by ";".
    /// Each is a list of tokens over a good default (30 active of 40, 400 cases, 10 escalated, 10 overridden, 18 of
    /// 20 samples good, no workarounds, still owner, improvement done): <c>u12</c> active users, <c>c300</c> cases,
    /// <c>e20</c> escalated, <c>o15</c> overridden, <c>q14/20</c> quality sample, <c>ws</c>/<c>ww</c> some or widespread
    /// workarounds, <c>left</c>/<c>handover</c> ownership, <c>noimp</c> no improvement work, <c>skip</c> no check-in
    /// for that period, <c>late5</c> filed five days after it was due.
    /// </summary>
    public LiveBuilder CheckIns(string notation)
    {
        ArgumentNullException.ThrowIfNull(notation);
        var next = Live.NextCheckIn;
        foreach (var spec in notation.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Contains("skip"))
            {
                next = Live.Schedule.Period(next.Index + 1);
                continue;
            }

            var late = tokens.Where(t => t.StartsWith("late", StringComparison.Ordinal)).Select(t => int.Parse(t[4..], CultureInfo.InvariantCulture)).FirstOrDefault();
            On(next.Due.AddDays(late));
            Live.FileCheckIn(Form(tokens), "Priya Natarajan", CheckInChannel.SignedIn, Clock.GetUtcNow());
            next = Live.Schedule.Period(next.Index + 1);
        }

        return this;
    }

    /// <summary>Files <paramref name="forms"/>, one per period from the next due, each on its due date.</summary>
    public LiveBuilder File(IEnumerable<CheckInForm> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        foreach (var form in forms)
        {
            On(Live.NextCheckIn.Due);
            Live.FileCheckIn(form, "Priya Natarajan", CheckInChannel.SignedIn, Clock.GetUtcNow());
        }

        return this;
    }

    /// <summary>A check-in's answers in the notation of <see cref="CheckIns"/>.</summary>
    public static CheckInForm Form(params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int Value(char prefix, int fallback) =>
            tokens.FirstOrDefault(t => t.Length > 1 && t[0] == prefix && char.IsDigit(t[1])) is { } token
                ? int.Parse(token[1..], CultureInfo.InvariantCulture) : fallback;
        var quality = tokens.FirstOrDefault(t => t.StartsWith('q'))?[1..].Split('/') ?? ["18", "20"];
        var workarounds = tokens.Contains("ww") ? Workarounds.Widespread : tokens.Contains("ws") ? Workarounds.Some : Workarounds.None;
        var ownership = tokens.Contains("left") ? Ownership.Left : tokens.Contains("handover") ? Ownership.HandingOver : Ownership.StillOwner;
        var improved = !tokens.Contains("noimp");
        return new CheckInForm
        {
            ActiveUsers = Value('u', 30),
            CasesHandled = Value('c', 400),
            CasesEscalated = Value('e', 10),
            CasesOverridden = Value('o', 10),
            QualityReviewed = int.Parse(quality[1], CultureInfo.InvariantCulture),
            QualityMet = int.Parse(quality[0], CultureInfo.InvariantCulture),
            Incidents = 0,
            Workarounds = workarounds,
            WorkaroundNote = workarounds == Workarounds.None ? null : "Some handlers keep a spreadsheet of claims.",
            Ownership = ownership,
            Successor = ownership == Ownership.HandingOver ? "Sam Okafor" : null,
            ImprovementDone = improved,
            ImprovementNote = improved ? "Tuned the prompt for motor claims." : null,
        };
    }

    /// <summary>Adds the production system's figures for every day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public LiveBuilder Daily(DateOnly from, DateOnly to, int activeUsers, int casesHandled, int escalated = 0, int overridden = 0)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            _signals.RemoveAll(s => s.Date == day);
            _signals.Add(new DailySignal(Live.PilotId, day, activeUsers, casesHandled, escalated, overridden, 0, Clock.GetUtcNow()));
        }

        return this;
    }

    /// <summary>What the model says today, from everything filed and sent.</summary>
    public MonitoringResult Evaluate() => Live.Evaluate(_signals, Today);

    /// <summary>The health kept with the pilot (after <see cref="LivePilot.Refresh"/>), combined with today.</summary>
    public LiveHealth? StoredHealth()
    {
        Live.Refresh(_signals);
        return Live.HealthOn(Today);
    }
}
