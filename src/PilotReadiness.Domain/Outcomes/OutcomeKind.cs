namespace PilotReadiness.Domain.Outcomes;

/// <summary>How a pilot turned out, once it is known. The API uses the kebab-case keys.</summary>
public enum OutcomeKind
{
    /// <summary>Live and used as planned.</summary>
    InDailyUse,

    /// <summary>Live, but little used.</summary>
    Stalled,

    /// <summary>Taken out of use after launch because it did not work out.</summary>
    RolledBack,

    /// <summary>Never launched.</summary>
    StoppedBeforeLaunch,

    /// <summary>Switched off as planned, having done its job.</summary>
    RetiredAsPlanned,
}

public static class OutcomeNames
{
    private static readonly (OutcomeKind Kind, string Key, string Label)[] Names =
    [
        (OutcomeKind.InDailyUse, "in-daily-use", "In daily use"),
        (OutcomeKind.Stalled, "stalled", "Stalled (live, little used)"),
        (OutcomeKind.RolledBack, "rolled-back", "Rolled back"),
        (OutcomeKind.StoppedBeforeLaunch, "stopped-before-launch", "Stopped before launch"),
        (OutcomeKind.RetiredAsPlanned, "retired", "Retired as planned"),
    ];

    public static IReadOnlyList<OutcomeKind> All { get; } = [.. Names.Select(n => n.Kind)];

    public static string ToKey(this OutcomeKind kind) => Names.Single(n => n.Kind == kind).Key;

    public static string ToLabel(this OutcomeKind kind) => Names.Single(n => n.Kind == kind).Label;

    public static OutcomeKind? FromKey(string? key) => Array.Find(Names, n => n.Key == key) is { Key: not null } n ? n.Kind : null;

    /// <summary>The pilot went live before this outcome (everything but stopped before launch).</summary>
    public static bool Launched(this OutcomeKind kind) => kind != OutcomeKind.StoppedBeforeLaunch;

    /// <summary>No check-ins, reminders or alarms after it: rolled back, stopped or retired.</summary>
    public static bool EndsMonitoring(this OutcomeKind kind) => kind is OutcomeKind.RolledBack or OutcomeKind.StoppedBeforeLaunch or OutcomeKind.RetiredAsPlanned;

    /// <summary>What the pre-pilot warnings are about: launched, then stalled or rolled back.</summary>
    public static bool WentWrong(this OutcomeKind kind) => kind is OutcomeKind.Stalled or OutcomeKind.RolledBack;
}
