namespace PilotReadiness.Domain.Live;

/// <summary>Who is told about a live pilot's next check-in, and when (<see cref="CheckInReminders"/>).</summary>
public enum CheckInReminderStep
{
    /// <summary>The production owner, a few days before the check-in is due.</summary>
    OwnerDueSoon,

    /// <summary>The production owner again, once the check-in is a few days overdue.</summary>
    OwnerOverdue,

    /// <summary>The reviewers, once the check-in is a week overdue.</summary>
    ReviewersOverdue,

    /// <summary>The admins, once the check-in is two weeks overdue (from the next day the pilot counts as orphaned).</summary>
    AdminsOverdue,
}

/// <summary>
/// When each reminder about a live pilot's next check-in (<see cref="LivePilot.NextCheckIn"/>) falls due, relative to the
/// check-in's due date. A step holds from its day while the check-in is missing; the reminder before the due date only
/// until that date (later it is the overdue steps' turn). Nothing holds once monitoring has ended, and a check-in filed
/// moves the next one on, so every step starts again for the new due date.
/// </summary>
public static class CheckInReminders
{
    public const int OwnerDaysBefore = 3;
    public const int OwnerDaysAfter = 3;
    public const int ReviewersDaysAfter = 7;
    public const int AdminsDaysAfter = MonitoringModel.OrphanedAfterDays;

    /// <summary>Days from the check-in's due date to the day <paramref name="step"/> falls due (negative: before).</summary>
    public static int Offset(CheckInReminderStep step) => step switch
    {
        CheckInReminderStep.OwnerDueSoon => -OwnerDaysBefore,
        CheckInReminderStep.OwnerOverdue => OwnerDaysAfter,
        CheckInReminderStep.ReviewersOverdue => ReviewersDaysAfter,
        CheckInReminderStep.AdminsOverdue => AdminsDaysAfter,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };

    /// <summary>The day <paramref name="step"/> falls due for a check-in due on <paramref name="due"/>.</summary>
    public static DateOnly DueOn(CheckInReminderStep step, DateOnly due) => due.AddDays(Offset(step));

    /// <summary>The earliest a pilot can have a step due: its next check-in within this many days (for narrowing in a query).</summary>
    public const int Horizon = OwnerDaysBefore;

    /// <summary>The steps that hold on <paramref name="today"/> for <paramref name="live"/>'s next check-in, in order.</summary>
    public static IReadOnlyList<CheckInReminderStep> Due(LivePilot live, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (live.Ended)
        {
            return [];
        }

        var due = live.NextCheckIn.Due;
        return [.. Enum.GetValues<CheckInReminderStep>().Where(step => today >= DueOn(step, due)
            && (step != CheckInReminderStep.OwnerDueSoon || today <= due))];
    }
}
