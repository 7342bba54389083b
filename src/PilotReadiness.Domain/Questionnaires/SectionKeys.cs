namespace PilotReadiness.Domain.Questionnaires;

/// <summary>The six fixed section keys. They are part of the API contract and never change.</summary>
public static class SectionKeys
{
    public const string Commitment = "commitment";
    public const string Involvement = "involvement";
    public const string AfterDemo = "after-demo";
    public const string Integration = "integration";
    public const string Workflow = "workflow";
    public const string Ownership = "ownership";

    public static IReadOnlyList<string> All { get; } =
        [Commitment, Involvement, AfterDemo, Integration, Workflow, Ownership];
}
