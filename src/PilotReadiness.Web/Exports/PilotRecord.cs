using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Exports;

/// <summary>
/// One pilot of an export: its current assessment, scored with its published version, with the pilot's decisions,
/// newest first, and its live record (headline only: plan, health kept with it, next due date, outcome) once it went live.
/// </summary>
public sealed record PilotRecord(Assessment Assessment, PublishedVersion Version, ScoreResult Score, IReadOnlyList<Decision> Decisions, LivePilot? Live = null)
{
    public Decision? CurrentDecision => Decisions.FirstOrDefault(d => d.IsCurrent);

    /// <summary>"healthy", "watch", "decaying", "orphaned", "ended", or "" when it has not gone live: the after-launch state on <paramref name="today"/>.</summary>
    public string AfterLaunchKey(DateOnly today) =>
        Live is null ? "" : Live.HealthOn(today) is { } health ? health.ToKey() : "ended";

    /// <summary>The same in words, for people.</summary>
    public string AfterLaunchLabel(DateOnly today) =>
        Live is null ? "" : Live.HealthOn(today) is { } health ? "Live, " + health.ToLabel().ToLowerInvariant() : "Monitoring ended";
}

/// <summary>A line of the action plan: a finding with its recommended action, or a condition of the current decision.</summary>
public sealed record ActionLine(
    Guid AssessmentId, string Pilot, string Kind, string Section, string Severity, string Text, string Action,
    string Owner, DateOnly? DueDate, string State)
{
    public static IEnumerable<ActionLine> Of(PilotRecord pilot, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        var a = pilot.Assessment;
        var sections = pilot.Version.Questionnaire.Sections.ToDictionary(s => s.Key, s => s.Title, StringComparer.Ordinal);
        foreach (var f in pilot.Score.Findings)
        {
            yield return new ActionLine(a.Id, a.Title, "Finding", sections.GetValueOrDefault(f.SectionKey, f.SectionKey),
                f.Severity.ToKey(), f.Message, f.Action, a.Sponsor, null, "Open");
        }

        foreach (var c in pilot.CurrentDecision?.Conditions ?? [])
        {
            yield return new ActionLine(a.Id, a.Title, "Condition", "", "", c.Description, "Meet the condition by its due date.",
                c.Owner, c.DueDate, c.State(today).ToLabel());
        }
    }
}
