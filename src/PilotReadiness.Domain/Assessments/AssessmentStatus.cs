namespace PilotReadiness.Domain.Assessments;

/// <summary>Where an assessment is in its life. Stored as its kebab-case key.</summary>
public enum AssessmentStatus
{
    Draft,
    Submitted,
}

public static class AssessmentStatusNames
{
    public static string ToKey(this AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "draft",
        AssessmentStatus.Submitted => "submitted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static string ToLabel(this AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "Draft",
        AssessmentStatus.Submitted => "Submitted for review",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static AssessmentStatus? FromKey(string? key) => key switch
    {
        "draft" => AssessmentStatus.Draft,
        "submitted" => AssessmentStatus.Submitted,
        _ => null,
    };
}
