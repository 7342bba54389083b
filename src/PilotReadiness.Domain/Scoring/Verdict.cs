namespace PilotReadiness.Domain.Scoring;

/// <summary>The recommendation, from worst to best. The API uses the kebab-case names.</summary>
public enum Verdict
{
    NoGo = 0,
    NotReady = 1,
    GoWithConditions = 2,
    Go = 3,
}

public enum Severity
{
    Minor = 0,
    Major = 1,
    Critical = 2,
}

public static class VerdictNames
{
    public static string ToKey(this Verdict verdict) => verdict switch
    {
        Verdict.Go => "go",
        Verdict.GoWithConditions => "go-with-conditions",
        Verdict.NotReady => "not-ready",
        Verdict.NoGo => "no-go",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    public static string ToLabel(this Verdict verdict) => verdict switch
    {
        Verdict.Go => "Go",
        Verdict.GoWithConditions => "Go with conditions",
        Verdict.NotReady => "Not ready",
        Verdict.NoGo => "No-go",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    public static Verdict? FromKey(string? key) => key switch
    {
        "go" => Verdict.Go,
        "go-with-conditions" => Verdict.GoWithConditions,
        "not-ready" => Verdict.NotReady,
        "no-go" => Verdict.NoGo,
        _ => null,
    };

    public static string ToKey(this Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Major => "major",
        Severity.Minor => "minor",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static Verdict Min(Verdict a, Verdict b) => a <= b ? a : b;
}
