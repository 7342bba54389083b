using System.Globalization;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Decisions;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>How decisions look on the pages: a badge unlike the verdict's, and each condition's state in words.</summary>
public static class DecisionDisplay
{
    public static string OutcomeClass(DecisionOutcome outcome) => "decision decision-" + outcome.ToKey();

    public static string StateClass(ConditionState state) => "condition-state condition-" + state.ToKey();

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string StateText(DecisionCondition condition, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return condition.State(today) switch
        {
            ConditionState.Met => $"Met{(condition.MetAt is { } at ? " on " + Day(at.Day()) : "")}" +
                (condition.MetByName is { } by ? $" ({by})" : ""),
            ConditionState.Lapsed => $"Lapsed: due {Day(condition.DueDate)}, not met",
            _ => condition.DueDate == today ? "Open: due today" : $"Open: due in {condition.DueDate.DayNumber - today.DayNumber} days",
        };
    }
}

/// <summary>A decision to show: with today's date for its conditions, and whether the viewer may mark them met.</summary>
public sealed record DecisionView(Decision Decision, DateOnly Today, Guid AssessmentId, int? MarkMetVersion);
