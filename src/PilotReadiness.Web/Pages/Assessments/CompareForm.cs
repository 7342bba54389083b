using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Pages.Assessments;

/// <summary>What the compare form needs: the versions to choose from and the two chosen (the older first by default).</summary>
public sealed record CompareForm(Guid Action, IReadOnlyList<VersionRow> Versions, Guid From, Guid With)
{
    /// <summary>The previous version against the current one, or the first two when there is no previous.</summary>
    public static CompareForm Default(PilotHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var current = history.Current;
        var previous = history.Versions.LastOrDefault(v => v.Revision < current.Revision) ?? history.Versions[0];
        return new CompareForm(current.Id, history.Versions, previous.Id, current.Id);
    }
}
