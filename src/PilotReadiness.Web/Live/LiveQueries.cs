using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;

namespace PilotReadiness.Web.Live;

/// <summary>
/// The live pilot's properties written as SQL-translatable filters: the one place they are restated for the database.
/// Each is tied to the property it mirrors by a table test (tests/…/Data/LiveQueriesTests.cs) that runs the query and
/// the property over the same rows.
/// </summary>
public static class LiveQueries
{
    /// <summary>Still watched: no outcome that ends monitoring (<see cref="LivePilot.Ended"/> is false).</summary>
    public static IQueryable<LivePilot> Monitored(this IQueryable<LivePilot> live) =>
        live.Where(l => l.Outcome == null
            || (l.Outcome != OutcomeKind.RolledBack && l.Outcome != OutcomeKind.StoppedBeforeLaunch && l.Outcome != OutcomeKind.RetiredAsPlanned));

    /// <summary>
    /// Every monitored live pilot with its health on <paramref name="today"/> (<see cref="LivePilot.HealthOn"/>, which is
    /// <see cref="MonitoringModel.Health"/> of the kept data health and the next due date) and whether its check-in is
    /// overdue (<see cref="MonitoringResult.DaysOverdue"/> above 0): the one place the health rule is written for the
    /// database. Filter it by health, or count every health in one pass.
    /// </summary>
    public static IQueryable<LiveHealthRow> Healths(this IQueryable<LivePilot> live, DateOnly today)
    {
        var orphanedBefore = today.AddDays(-MonitoringModel.OrphanedAfterDays);
        return live.Monitored().Select(l => new LiveHealthRow
        {
            PilotId = l.PilotId,
            NextCheckInDue = l.NextCheckInDue,
            Health = l.DataHealth == LiveHealth.Orphaned || l.NextCheckInDue < orphanedBefore ? LiveHealth.Orphaned
                : l.DataHealth == LiveHealth.Decaying ? LiveHealth.Decaying
                : l.DataHealth == LiveHealth.Watch || l.NextCheckInDue < today ? LiveHealth.Watch
                : LiveHealth.Healthy,
            Overdue = l.NextCheckInDue < today,
        });
    }
}

/// <summary>A monitored live pilot's health on a day (<see cref="LiveQueries.Healths"/>).</summary>
public sealed class LiveHealthRow
{
    public Guid PilotId { get; init; }

    public DateOnly NextCheckInDue { get; init; }

    public LiveHealth Health { get; init; }

    /// <summary>The next check-in is past its due date.</summary>
    public bool Overdue { get; init; }
}
