using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Live;

/// <summary>
/// The silent-decay rules of monitoring model 1 as a table, on a fake clock: a history of check-ins (the notation of
/// <see cref="LiveBuilder.CheckIns"/>; "-" is a check-in with nothing wrong), the day it is read (days after the last check-in was due), and the alarms and
/// health it must give. The plan: 40 eligible users, a target of 80%, 80% of sampled outputs good, every four weeks.
/// </summary>
public class MonitoringRuleTests
{
    [Theory]
    // Nothing wrong: no alarm.
    [InlineData("good history", "-;-;-", 0, "", LiveHealth.Healthy)]
    [InlineData("no check-in yet, first not due", "", 10, "", LiveHealth.Healthy)]
    // Adoption under half the target (under 40% of 40 = 16 people), judged after the first two periods.
    [InlineData("adoption low from the third period", "u10;u10;u10", 0, "adoption-low", LiveHealth.Decaying)]
    [InlineData("adoption low in the first two periods only", "u10;u10", 0, "", LiveHealth.Healthy)]
    [InlineData("adoption exactly half the target", "u16;u16;u16", 0, "", LiveHealth.Healthy)]
    [InlineData("adoption recovered", "u10;u10;u10;u30", 0, "", LiveHealth.Healthy)]
    // Usage down 30% or more across two consecutive periods.
    [InlineData("usage down 30%", "c400;c300;c280", 0, "usage-falling", LiveHealth.Decaying)]
    [InlineData("usage down 29.75%", "c400;c300;c281", 0, "", LiveHealth.Healthy)]
    [InlineData("down after a rise", "c400;c420;c200 e5 o5", 0, "", LiveHealth.Healthy)]
    [InlineData("usage down across a skipped period", "c400;c300;skip;c100", 0, "", LiveHealth.Healthy)]
    // Share escalated or overridden up by half and by five points or more.
    [InlineData("overrides up by half", "e10 o10;e30 o20", 0, "overrides-rising", LiveHealth.Watch)]
    [InlineData("overrides up by half but under five points", "e10 o10;e20 o10", 0, "", LiveHealth.Healthy)]
    [InlineData("overrides up by under half", "e20 o20;e25 o25", 0, "", LiveHealth.Healthy)]
    // Quality: under the agreed share, or falling two check-ins in a row.
    [InlineData("quality under the agreed share", "-;q15/20", 0, "quality-below-agreed", LiveHealth.Decaying)]
    [InlineData("quality exactly the agreed share", "-;q16/20", 0, "", LiveHealth.Healthy)]
    [InlineData("quality falling twice", "q20/20;q19/20;q17/20", 0, "quality-falling", LiveHealth.Watch)]
    [InlineData("quality falling once", "q20/20;q20/20;q17/20", 0, "", LiveHealth.Healthy)]
    [InlineData("no sample this period is not a fall", "q20/20;q19/20;q0/0", 0, "", LiveHealth.Healthy)]
    // Workarounds: widespread, or reported twice in a row.
    [InlineData("workarounds widespread", "-;ww", 0, "workarounds-widespread", LiveHealth.Decaying)]
    [InlineData("workarounds twice in a row", "ws;ws", 0, "workarounds-repeated", LiveHealth.Watch)]
    [InlineData("workarounds, then none, then some", "ws;-;ws", 0, "", LiveHealth.Healthy)]
    // Check-ins overdue: watch, and past 14 days nobody owns it.
    [InlineData("next check-in due today", "-", 28, "", LiveHealth.Healthy)]
    [InlineData("check-in a day late", "-", 29, "check-in-late", LiveHealth.Watch)]
    [InlineData("check-in 14 days late", "-", 42, "check-in-late", LiveHealth.Watch)]
    [InlineData("check-in 15 days late", "-", 43, "nobody-owns-it", LiveHealth.Orphaned)]
    [InlineData("first check-in never filed", "", 43, "nobody-owns-it", LiveHealth.Orphaned)]
    // The owner left without a successor.
    [InlineData("owner left", "-;left", 0, "owner-left", LiveHealth.Orphaned)]
    [InlineData("owner handing over", "-;handover", 0, "", LiveHealth.Healthy)]
    [InlineData("successor checks in after the owner left", "-;left;-", 0, "", LiveHealth.Healthy)]
    // No improvement work for three periods while another alarm holds.
    [InlineData("no improvement while quality is low", "noimp q15/20;noimp q15/20;noimp q15/20", 0, "quality-below-agreed,no-improvement", LiveHealth.Decaying)]
    [InlineData("no improvement, nothing wrong", "noimp;noimp;noimp", 0, "", LiveHealth.Healthy)]
    [InlineData("no improvement twice only", "-;noimp q15/20;noimp q15/20", 0, "quality-below-agreed", LiveHealth.Decaying)]
    // Several at once: the worst decides the health; alarms are listed worst first.
    [InlineData("owner left and workarounds widespread", "-;ww left", 0, "owner-left,workarounds-widespread", LiveHealth.Orphaned)]
    public void Evaluate_History_GivesTheAlarmsAndHealth(string because, string checkIns, int daysAfterLastDue, string alarms, LiveHealth health)
    {
        var live = LiveBuilder.GoLive().CheckIns(checkIns);
        var lastDue = live.Live.CheckIns.Count == 0 ? LiveBuilder.GoLiveDay : live.Live.CurrentCheckIns.Max(c => c.DueDate);
        live.On(lastDue.AddDays(daysAfterLastDue));

        var result = live.Evaluate();

        Assert.True(alarms == string.Join(",", result.Alarms.Select(a => a.Rule)),
            $"{because}: expected [{alarms}], got [{string.Join(",", result.Alarms.Select(a => a.Rule))}]: {string.Join(" | ", result.Alarms.Select(a => a.Evidence))}");
        Assert.Equal(health, result.Health);
        Assert.Equal(health, live.StoredHealth());
        Assert.Equal("1", result.ModelVersion);
    }

    [Fact]
    public void Alarm_SaysTheNumbersTheActionAndSinceWhen()
    {
        var live = LiveBuilder.GoLive().CheckIns("u30;u30;u10;u9");

        var alarm = Assert.Single(live.Evaluate().Alarms);

        Assert.Equal("adoption-low", alarm.Rule);
        Assert.Equal(Severity.Major, alarm.Severity);
        Assert.Equal("9 of 40 eligible people used it in period 4 (23%); the target is 80%, and under half of it (40%) raises this alarm.", alarm.Evidence);
        Assert.StartsWith("Ask the using team what stops them", alarm.Action, StringComparison.Ordinal);
        // It has held since the third check-in was filed, on the day it was due (12 weeks after go-live).
        Assert.Equal(LiveBuilder.GoLiveDay.AddDays(84), alarm.Since);
    }

    [Fact]
    public void Since_OfAnOverdueCheckIn_IsTheDayAfterItWasDue_AndOfNobodyOwnsIt_FifteenDaysAfter()
    {
        var live = LiveBuilder.GoLive().CheckIns("-");
        var due = LiveBuilder.GoLiveDay.AddDays(56);

        Assert.Equal(due.AddDays(1), Assert.Single(live.On(due.AddDays(5)).Evaluate().Alarms).Since);
        var orphaned = Assert.Single(live.On(due.AddDays(20)).Evaluate().Alarms);
        Assert.Equal("nobody-owns-it", orphaned.Rule);
        Assert.Equal(due.AddDays(15), orphaned.Since);
        Assert.Equal(20, live.Evaluate().DaysOverdue);
    }

    [Fact]
    public void Correction_SupersedesTheCheckIn_AndTheAlarmIsGone_ButBothAreKept()
    {
        var live = LiveBuilder.GoLive().CheckIns("-;q12/20");
        Assert.Equal("quality-below-agreed", Assert.Single(live.Evaluate().Alarms).Rule);
        var wrong = live.Live.CurrentCheckIns.Last();

        live.Live.CorrectCheckIn(wrong.Id, LiveBuilder.Form("q18/20"), "Priya Natarajan", CheckInChannel.SignedIn, live.Clock.GetUtcNow().AddHours(1));

        Assert.Empty(live.Evaluate().Alarms);
        Assert.Equal(3, live.Live.CheckIns.Count);
        Assert.False(wrong.IsCurrent);
        Assert.Equal(wrong.Id, live.Live.CurrentCheckIns.Last().SupersedesId);
        Assert.Equal("This check-in has already been corrected: correct the latest entry for its period.",
            live.Live.WhyNotCorrect(wrong.Id, live.Today)!.Message);
    }

    [Fact]
    public void DailyFigures_FeedTheSameSeries_AndAFallInThemRaisesTheAlarm()
    {
        var live = LiveBuilder.GoLive();
        var p = live.Live.Schedule;
        live.Daily(p.Period(0).Start, p.Period(0).LastDay, activeUsers: 25, casesHandled: 20)
            .Daily(p.Period(1).Start, p.Period(1).LastDay, activeUsers: 25, casesHandled: 15)
            .Daily(p.Period(2).Start, p.Period(2).LastDay, activeUsers: 25, casesHandled: 13)
            .On(p.Period(2).Due.AddDays(3));

        var result = live.Evaluate();

        // 560 → 420 → 364 cases: down 35% over two periods. Active users come from the busiest day (25 of 40).
        var usage = Assert.Single(result.Alarms, a => a.Rule == "usage-falling");
        Assert.Equal("Cases handled went from 560 in period 1 to 420 and then 364 in period 3: down 35% over two periods.", usage.Evidence);
        Assert.Equal(p.Period(2).LastDay, usage.Since);
        Assert.All(result.Periods.Take(3), period => Assert.Equal(FigureSource.Signals, period.CasesSource));
        Assert.Equal(25, result.Periods[2].ActiveUsers);
        // The first check-in was never filed: 59 days overdue.
        Assert.Contains(result.Alarms, a => a.Rule == "nobody-owns-it");
    }

    [Fact]
    public void DailyFigures_OfAPeriodNotOverYet_DoNotCount_TheCheckInsDo()
    {
        var live = LiveBuilder.GoLive();
        var p = live.Live.Schedule;
        // Half of the first period's days only: the period is not complete in the daily figures.
        live.Daily(p.Period(0).Start, p.Period(0).Start.AddDays(13), activeUsers: 5, casesHandled: 1)
            .On(p.Period(0).Due.AddDays(-3));

        Assert.DoesNotContain(live.Evaluate().Periods, x => x.Reported);

        live.CheckIns("u31 c410");

        var first = Assert.Single(live.Evaluate().Periods);
        Assert.Equal((31, 410, FigureSource.CheckIn), (first.ActiveUsers, first.CasesHandled, first.CasesSource));
    }

    [Theory]
    [InlineData(2, 8, "Suggested after three periods decaying")]
    [InlineData(4, 2, "Two periods decaying are not yet three")]
    public void SuggestStalled_AfterThreePeriodEndsDecaying(int goodPeriods, int lowPeriods, string because)
    {
        var history = string.Join(";", Enumerable.Repeat("u30", goodPeriods).Concat(Enumerable.Repeat("u5", lowPeriods)));
        var live = LiveBuilder.GoLive().CheckIns(history);

        // Low adoption holds from the first low period that is the third period or later.
        var decayingEnds = goodPeriods + lowPeriods - Math.Max(goodPeriods, 2);
        Assert.True(live.Evaluate().SuggestStalled == decayingEnds >= 3, because);
    }
}
