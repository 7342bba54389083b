using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Tests.Builders;
using static PilotReadiness.Domain.Live.CheckInReminderStep;

namespace PilotReadiness.Domain.Tests.Live;

/// <summary>Which check-in reminders hold on a day, around the first check-in (due 2 February 2026).</summary>
public class CheckInReminderTests
{
    [Theory]
    [InlineData("2026-01-29")]
    [InlineData("2026-01-30", OwnerDueSoon)]
    [InlineData("2026-02-02", OwnerDueSoon)]
    [InlineData("2026-02-03")]
    [InlineData("2026-02-04")]
    [InlineData("2026-02-05", OwnerOverdue)]
    [InlineData("2026-02-08", OwnerOverdue)]
    [InlineData("2026-02-09", OwnerOverdue, ReviewersOverdue)]
    [InlineData("2026-02-15", OwnerOverdue, ReviewersOverdue)]
    [InlineData("2026-02-16", OwnerOverdue, ReviewersOverdue, AdminsOverdue)]
    [InlineData("2026-06-01", OwnerOverdue, ReviewersOverdue, AdminsOverdue)]
    public void Due_ByDaysFromTheCheckInsDate(string day, params CheckInReminderStep[] expected)
    {
        var live = LiveBuilder.GoLive();

        Assert.Equal(expected, CheckInReminders.Due(live.Live, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Due_AfterTheCheckInIsFiled_IsAboutTheNextOne()
    {
        var live = LiveBuilder.GoLive().CheckIns("-");

        Assert.Empty(CheckInReminders.Due(live.Live, new DateOnly(2026, 2, 16)));
        Assert.Equal([OwnerDueSoon], CheckInReminders.Due(live.Live, new DateOnly(2026, 2, 27)));
        Assert.Equal(new DateOnly(2026, 3, 2), live.Live.NextCheckIn.Due);
    }

    [Fact]
    public void Offsets_AreTheScheduleOfIssue_AndTheAdminsStepIsTheLastDayBeforeOrphaned()
    {
        Assert.Equal([-3, 3, 7, 14], Enum.GetValues<CheckInReminderStep>().Select(CheckInReminders.Offset));
        var due = new DateOnly(2026, 2, 2);
        Assert.Equal(LiveHealth.Watch, MonitoringModel.Health(LiveHealth.Healthy, due, CheckInReminders.DueOn(AdminsOverdue, due)));
        Assert.Equal(LiveHealth.Orphaned, MonitoringModel.Health(LiveHealth.Healthy, due, CheckInReminders.DueOn(AdminsOverdue, due).AddDays(1)));
    }
}
