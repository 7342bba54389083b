using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Tests.Builders;
using Microsoft.Extensions.Time.Testing;

namespace PilotReadiness.Domain.Tests.Outcomes;

/// <summary>Outcomes: recorded whenever known, never edited, weighed against the readiness the pilot went ahead with.</summary>
public class OutcomeTests
{
    [Fact]
    public void Record_ForALivePilot_KeepsTheReadinessItWentLiveWith_AndRolledBackEndsMonitoring()
    {
        var live = LiveBuilder.GoLive().CheckIns("-;-").On(new DateOnly(2026, 4, 1));

        var outcome = PilotOutcome.Record(live.Assessment, live.Live, null, OutcomeKind.RolledBack, new DateOnly(2026, 3, 20), "  Users went back to email.  ",
            "reviewer-1", "Rae Reviewer", live.Clock.GetUtcNow());

        Assert.Equal(live.Live.AssessmentId, outcome.AssessmentId);
        Assert.Equal(live.Live.Assessed, outcome.Assessed);
        Assert.Equal(DecisionOutcome.Go, outcome.Decision);
        Assert.Equal("Users went back to email.", outcome.Note);
        Assert.True(live.Live.Ended);
        Assert.Null(live.Live.HealthOn(live.Today));
        Assert.StartsWith("Monitoring ended when the pilot was recorded as rolled back on 20 March 2026",
            live.Live.WhyNot(LiveAction.FileCheckIn, live.Today)!.Message, StringComparison.Ordinal);
        Assert.Null(live.Live.WhyNot(LiveAction.RecordOutcome, live.Today));
    }

    [Fact]
    public void Record_ANewOutcome_SupersedesTheLast_AndCanReopenMonitoring()
    {
        var live = LiveBuilder.GoLive().On(new DateOnly(2026, 4, 1));
        var first = PilotOutcome.Record(live.Assessment, live.Live, null, OutcomeKind.RolledBack, new DateOnly(2026, 3, 20), null,
            "reviewer-1", "Rae Reviewer", live.Clock.GetUtcNow());

        var second = PilotOutcome.Record(live.Assessment, live.Live, first, OutcomeKind.InDailyUse, new DateOnly(2026, 3, 30), null,
            "reviewer-1", "Rae Reviewer", live.Clock.GetUtcNow().AddHours(1));

        Assert.False(first.IsCurrent);
        Assert.Equal(second.Id, first.SupersededById);
        Assert.False(live.Live.Ended);
        Assert.Throws<ArgumentException>(() => PilotOutcome.Record(live.Assessment, live.Live, first, OutcomeKind.Stalled,
            new DateOnly(2026, 3, 31), null, "reviewer-1", "Rae Reviewer", live.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(true, OutcomeKind.StoppedBeforeLaunch, "2026-03-01", "kind", "This pilot went live on 5 January 2026: choose in daily use, stalled, rolled back or retired.")]
    [InlineData(false, OutcomeKind.InDailyUse, "2026-03-01", "kind", "This pilot never went live: its outcome can only be stopped before launch. Record go-live first if it did launch.")]
    [InlineData(true, OutcomeKind.Stalled, "2026-01-04", "date", "The pilot went live on 5 January 2026: an outcome after launch is dated from then on.")]
    [InlineData(true, OutcomeKind.Stalled, "2026-04-02", "date", "Record an outcome once it has happened: the date cannot be in the future.")]
    [InlineData(false, OutcomeKind.StoppedBeforeLaunch, "2025-12-01", null, null)]
    public void Check_TheKindFitsWhetherItWentLive_AndTheDateIsKnown(bool wentLive, OutcomeKind kind, string date, string? field, string? message)
    {
        var live = LiveBuilder.GoLive();
        var error = PilotOutcome.Check(kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null,
            wentLive ? live.Live : null, new DateOnly(2026, 4, 1)).SingleOrDefault();

        Assert.Equal((field, message), (error?.Field, error?.Message));
    }

    [Fact]
    public void WhyNotRecord_ADraftNeverSubmitted_HasNoOutcomeYet()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var draft = new Assessment(new AssessmentDetails("Draft pilot", "Claims", "Dana Whitfield", ""),
            ShippedQuestionnaires.Catalog.Current, "owner-1", clock.GetUtcNow());

        Assert.Equal("Only a pilot that has been submitted for review has an outcome to record; this one is a draft.",
            PilotOutcome.WhyNotRecord(draft, null)!.Message);
        Assert.Null(PilotOutcome.WhyNotRecord(LiveBuilder.DecidedAssessment(clock, DecisionOutcome.NoGo), null));
    }
}
