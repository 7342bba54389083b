using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Tests.Builders;
using Microsoft.Extensions.Time.Testing;

namespace PilotReadiness.Domain.Tests.Live;

/// <summary>Go-live, the schedule, check-ins by period, plan changes, keys and links: the live pilot's own rules.</summary>
public class LivePilotTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DecisionOutcome.Go, null)]
    [InlineData(DecisionOutcome.GoWithConditions, null)]
    [InlineData(DecisionOutcome.NoGo, "Only a pilot leadership decided to take to production can go live; this one's decision is no-go.")]
    [InlineData(null, "Only a pilot leadership decided to take to production can go live; no decision is recorded yet.")]
    public void WhyNotGoLive_NeedsAGoDecision(DecisionOutcome? outcome, string? refusal)
    {
        var clock = Clock();
        var assessment = LiveBuilder.DecidedAssessment(clock, outcome);

        Assert.Equal(refusal, LivePilot.WhyNotGoLive(assessment, null, clock.GetUtcNow().Day())?.Message);
    }

    [Fact]
    public void WhyNotGoLive_ALapsedConditionalGo_OrAPilotAlreadyLive_IsRefused()
    {
        var clock = Clock();
        var assessment = LiveBuilder.DecidedAssessment(clock, DecisionOutcome.GoWithConditions, conditionDue: clock.GetUtcNow().Day().AddDays(5));

        Assert.StartsWith("A condition of the go passed its due date unmet",
            LivePilot.WhyNotGoLive(assessment, null, clock.GetUtcNow().Day().AddDays(6))!.Message, StringComparison.Ordinal);
        var live = LivePilot.GoLive(assessment, null, LiveBuilder.Plan(), "Rae Reviewer", clock.GetUtcNow());
        Assert.Equal("This pilot went live on 5 January 2026; change its monitoring plan instead.",
            LivePilot.WhyNotGoLive(assessment, live, clock.GetUtcNow().Day())!.Message);
        Assert.Throws<RefusedException>(() => LivePilot.GoLive(assessment, live, LiveBuilder.Plan(), "Rae Reviewer", clock.GetUtcNow()));
    }

    [Fact]
    public void GoLive_KeepsThePlan_TheReadinessAndDecision_AndRecordsTheChange()
    {
        var live = LiveBuilder.GoLive();

        Assert.Equal(live.Assessment.PilotId, live.Live.PilotId);
        Assert.Equal(live.Assessment.Readiness, live.Live.Assessed);
        Assert.Equal(DecisionOutcome.Go, live.Live.Decision);
        Assert.Equal(new DateOnly(2026, 2, 2), live.Live.NextCheckInDue);
        var change = Assert.Single(live.Live.TakeChanges());
        Assert.Equal(ChangeKind.WentLive, change.Kind);
        Assert.Contains("owner Priya Natarajan <priya@example.com>", change.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggested_StartsFromTheAnswers_TheTargetShareFromQuestionnaire2()
    {
        var clock = Clock();
        var assessment = LiveBuilder.DecidedAssessment(clock, DecisionOutcome.Go);

        var plan = MonitoringPlan.Suggested(assessment, ShippedQuestionnaires.Catalog, new DateOnly(2026, 1, 5));

        Assert.Equal(("Accounts payable", 24, 80), (plan.UsingTeam, plan.EligibleUsers, plan.TargetShare));
        Assert.Equal(("Sofia Lindqvist", 4, 80), (plan.OwnerName, plan.CadenceWeeks, plan.AcceptableShare));
        Assert.Null(plan.GoodOutput);
    }

    [Fact]
    public void PlanCheck_NamesEveryField()
    {
        var errors = MonitoringPlan.Check(new PlanDraft(null, " ", 0, 101, 3, "", "not-an-email", null, "also wrong", "", 0), new DateOnly(2026, 1, 5));

        Assert.Equal(
            ["goLiveDate", "usingTeam", "eligibleUsers", "targetShare", "cadenceWeeks", "ownerName", "ownerEmail", "reviewerName", "reviewerEmail", "goodOutput", "acceptableShare"],
            errors.Select(e => e.Field));
        Assert.Contains(errors, e => e.Message == "Choose how often the owner checks in: every 2, 4 or 8 weeks.");
        Assert.Contains(errors, e => e.Message == "Give the target share as a whole number from 1 to 100.");
    }

    [Theory]
    [InlineData(-731, "Give a go-live date within the last 2 years.")]
    [InlineData(-730, null)]
    [InlineData(365, null)]
    [InlineData(366, "Give a go-live date within the coming year.")]
    public void PlanCheck_GoLiveDate_WithinTwoYearsBackAndOneAhead(int days, string? message)
    {
        var today = new DateOnly(2026, 1, 5);
        var errors = MonitoringPlan.Check(LiveBuilder.Plan(goLive: today.AddDays(days)), today);

        Assert.Equal(message, errors.SingleOrDefault()?.Message);
    }

    [Theory]
    // Due 2 February; open from 26 January (seven days before), for the period that is due next.
    [InlineData("2026-01-25", null)]
    [InlineData("2026-01-26", 0)]
    [InlineData("2026-02-02", 0)]
    [InlineData("2026-03-01", 1)]
    // Two periods missed: the check-in reports on the latest; the skipped ones stay empty.
    [InlineData("2026-03-30", 2)]
    public void OpenPeriod_IsTheLatestDueWithinSevenDays(string day, int? period)
    {
        var live = LiveBuilder.GoLive();

        Assert.Equal(period, live.Live.OpenPeriod(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))?.Index);
    }

    [Fact]
    public void FileCheckIn_BeforeItOpens_OrTwiceForAPeriod_IsRefusedWithTheNextDates()
    {
        var live = LiveBuilder.GoLive().On(new DateOnly(2026, 1, 20));

        Assert.Equal("The next check-in is due on 2 February 2026 and can be filed from 26 January 2026; to change one already filed, correct it.",
            live.Live.WhyNot(LiveAction.FileCheckIn, live.Today)!.Message);
        live.CheckIns("-");
        Assert.Equal("The next check-in is due on 2 March 2026 and can be filed from 23 February 2026; to change one already filed, correct it.",
            live.Live.WhyNot(LiveAction.FileCheckIn, live.Today)!.Message);
    }

    [Fact]
    public void CheckInCheck_SaysEveryMissingAnswer_AndTheRulesBetweenThem()
    {
        Assert.Equal(
            ["activeUsers", "casesHandled", "casesEscalated", "casesOverridden", "qualityReviewed", "qualityMet", "incidents", "workarounds", "ownership", "improvementDone"],
            CheckIn.Check(CheckInForm.Empty).Select(e => e.Field));
        var form = LiveBuilder.Form("c10", "e6", "o5", "q21/20", "ws", "handover") with { WorkaroundNote = null, Successor = null, Incidents = 2 };
        Assert.Equal(
            [
                ("casesOverridden", "Escalated and overridden cases are among the 10 handled: together they cannot be more."),
                ("qualityMet", "Only 20 outputs were reviewed, so no more than that can have met the definition."),
                ("incidentNote", "Say how the incidents were handled."),
                ("workaroundNote", "Say what people do instead, and why."),
                ("successor", "Name the person you are handing over to."),
            ],
            CheckIn.Check(form).Select(e => (e.Field, e.Message)));
        // A draft keeps what is there; the rules between answers wait until it is filed.
        Assert.Empty(CheckIn.CheckDraft(form));
        Assert.Equal("activeUsers", Assert.Single(CheckIn.CheckDraft(new CheckInForm { ActiveUsers = -1 })).Field);
    }

    [Fact]
    public void ChangePlan_ANewCadence_StartsWhenThePeriodUnderWayEnds_AndKeepsEarlierPeriods()
    {
        var live = LiveBuilder.GoLive().CheckIns("-").On(new DateOnly(2026, 2, 10));

        Assert.True(live.Live.ChangePlan(LiveBuilder.Plan(cadenceWeeks: 2), "Rae Reviewer", live.Clock.GetUtcNow()));

        var schedule = live.Live.Schedule;
        Assert.Equal(new Period(0, new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 2)), schedule.Period(0));
        Assert.Equal(new Period(1, new DateOnly(2026, 2, 2), new DateOnly(2026, 3, 2)), schedule.Period(1));
        Assert.Equal(new Period(2, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16)), schedule.Period(2));
        Assert.Equal(schedule.Period(3), schedule.PeriodAt(new DateOnly(2026, 3, 20)));
        Assert.Equal("2026-01-05/4;2026-03-02/2", schedule.Encode());
        Assert.Equal(schedule, Schedule.Decode(schedule.Encode()));
        Assert.Equal(2, live.Live.PlanRevision);
        Assert.Contains(live.Live.TakeChanges(), c => c.Kind == ChangeKind.PlanChanged && c.NewValue!.Contains("every 2 weeks", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangePlan_TheGoLiveDate_MovesOnlyBeforeTheFirstPeriodEnds()
    {
        var live = LiveBuilder.GoLive().On(new DateOnly(2026, 1, 20));
        Assert.True(live.Live.ChangePlan(LiveBuilder.Plan(goLive: new DateOnly(2026, 1, 12)), "Rae Reviewer", live.Clock.GetUtcNow()));
        Assert.Equal(new DateOnly(2026, 2, 9), live.Live.NextCheckIn.Due);

        live.On(new DateOnly(2026, 2, 10));
        var error = Assert.Single(live.Live.CheckPlan(LiveBuilder.Plan(goLive: new DateOnly(2026, 1, 19)), live.Today));
        Assert.Equal(("goLiveDate", "The go-live date stays 12 January 2026: check-in periods have been counted from it."), (error.Field, error.Message));
        Assert.False(live.Live.ChangePlan(LiveBuilder.Plan(goLive: new DateOnly(2026, 1, 12)), "Rae Reviewer", live.Clock.GetUtcNow()));
    }

    [Fact]
    public void IssueKey_RevokesTheOldOne_AndARevokedKeyCannotBeRevokedAgain()
    {
        var live = LiveBuilder.GoLive();
        var first = live.Live.IssueKey("hash-1", "prk_aaaaaaaa", "Sam Sponsor", live.Clock.GetUtcNow());
        var second = live.Live.IssueKey("hash-2", "prk_bbbbbbbb", "Sam Sponsor", live.Clock.GetUtcNow());

        Assert.False(first.IsActive);
        Assert.True(second.IsActive);
        Assert.Equal("This key is already revoked.", live.Live.WhyNotRevoke(first.Id, live.Today)!.Message);
        live.Live.RevokeKey(second.Id, "Ada Admin", live.Clock.GetUtcNow());
        Assert.All(live.Live.Keys, k => Assert.False(k.IsActive));
    }

    [Fact]
    public void CheckInLink_WorksOnce_Expires_AndANewOneReplacesIt()
    {
        var live = LiveBuilder.GoLive().On(new DateOnly(2026, 1, 30));
        var first = live.Live.SendCheckInLink("h1", live.Clock.GetUtcNow());
        var second = live.Live.SendCheckInLink("h2", live.Clock.GetUtcNow().AddMinutes(1));

        Assert.False(first.IsUsable(live.Clock.GetUtcNow().AddMinutes(2)));
        Assert.Equal(new DateOnly(2026, 2, 2), second.DueDate);
        Assert.Equal("priya@example.com", second.Email);
        Assert.False(second.IsUsable(second.SentAt.AddDays(21)));

        var checkIn = live.Live.FileCheckInByLink(second.Id, LiveBuilder.Form(), live.Clock.GetUtcNow().AddMinutes(3));
        Assert.Equal((CheckInChannel.Link, "priya@example.com", 0), (checkIn.Channel, checkIn.FiledBy, checkIn.Period));
        Assert.Throws<RefusedException>(() => live.Live.FileCheckInByLink(second.Id, LiveBuilder.Form(), live.Clock.GetUtcNow().AddMinutes(4)));
    }

    [Fact]
    public void Signals_Check_NamesTheFieldOfEachBadDay_AndSavesNothingOfTheBatch()
    {
        var goLive = new DateOnly(2026, 1, 5);
        var today = new DateOnly(2026, 3, 1);
        SignalDraft Day(string date, int users = 3, int handled = 10, int esc = 1, int ovr = 1, int? errors = 0) =>
            new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), users, handled, esc, ovr, errors);

        var errors = DailySignal.Check(
        [
            Day("2026-02-01"),
            Day("2026-01-04"),
            Day("2026-03-02"),
            Day("2026-02-01"),
            Day("2026-02-03", users: -1, errors: null),
            Day("2026-02-04", handled: 1),
            null,
            new SignalDraft(null, 1, 1, 0, 0, 0),
        ], goLive, today);

        Assert.Equal(
            ["signals[1].date", "signals[2].date", "signals[3].date", "signals[4].activeUsers", "signals[4].errors", "signals[5].casesOverridden", "signals[6]", "signals[7].date"],
            errors.Select(e => e.Field));
        Assert.Equal("2026-02-01 is also in signals[0]: send each day once per batch.", errors[2].Message);
        Assert.Equal("Send at least one day's figures.", Assert.Single(DailySignal.Check([], goLive, today)).Message);
        Assert.Empty(DailySignal.Check([Day("2026-01-05"), Day("2026-03-01")], goLive, today));
    }
}
