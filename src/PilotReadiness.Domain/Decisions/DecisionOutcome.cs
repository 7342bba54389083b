using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Decisions;

/// <summary>What leadership decided about taking a pilot to production. The API uses the kebab-case names.</summary>
public enum DecisionOutcome
{
    NoGo = 0,
    GoWithConditions = 1,
    Go = 2,
}

/// <summary>Where a condition of a conditional go stands on a given day.</summary>
public enum ConditionState
{
    Open,
    Met,

    /// <summary>Past its due date and not met: the go it is attached to no longer holds.</summary>
    Lapsed,
}

public static class DecisionNames
{
    /// <summary>
    /// A decision more favourable than the recommendation: a go or a conditional go when the recommendation is not ready
    /// or no-go, or a go when it is go with conditions.
    /// </summary>
    public static bool IsAbove(this DecisionOutcome outcome, Verdict recommendation) =>
        outcome != DecisionOutcome.NoGo && recommendation < outcome.Level();

    /// <summary>
    /// The recommendation a decision matches: a go needs go, a conditional go needs go with conditions. A gate whose cap
    /// is below it is a gate the decision accepts.
    /// </summary>
    public static Verdict Level(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Go => Verdict.Go,
        DecisionOutcome.GoWithConditions => Verdict.GoWithConditions,
        _ => Verdict.NoGo,
    };

    public static string ToKey(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Go => "go",
        DecisionOutcome.GoWithConditions => "go-with-conditions",
        DecisionOutcome.NoGo => "no-go",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown decision."),
    };

    public static string ToLabel(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Go => "Go",
        DecisionOutcome.GoWithConditions => "Go with conditions",
        DecisionOutcome.NoGo => "No-go",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown decision."),
    };

    public static DecisionOutcome? FromKey(string? key) => key switch
    {
        "go" => DecisionOutcome.Go,
        "go-with-conditions" => DecisionOutcome.GoWithConditions,
        "no-go" => DecisionOutcome.NoGo,
        _ => null,
    };

    public static string ToKey(this ConditionState state) => state switch
    {
        ConditionState.Open => "open",
        ConditionState.Met => "met",
        ConditionState.Lapsed => "lapsed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown condition state."),
    };

    public static string ToLabel(this ConditionState state) => state switch
    {
        ConditionState.Open => "Open",
        ConditionState.Met => "Met",
        ConditionState.Lapsed => "Lapsed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown condition state."),
    };
}
