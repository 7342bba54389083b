using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Answers;

/// <summary>
/// "Not applicable", with the reason, given instead of an answer. Only a question the scoring model lets go
/// (<see cref="Scoring.ScoringModel.WhyNotApplicable"/>) takes it; the question then leaves its section's denominator.
/// Kept apart from the answers (<see cref="Assessments.Assessment.NotApplicable"/>), never stored as one.
/// </summary>
public sealed record NotApplicableAnswer(string Reason) : Answer
{
    public const int ReasonMaxLength = 500;

    public override string Encode() => Reason;

    /// <summary>Null when <paramref name="reason"/> will do; otherwise what to write.</summary>
    public static string? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Say why this question does not apply to this pilot."
        : reason.Trim().Length > ReasonMaxLength ? $"Keep the reason to {ReasonMaxLength} characters or fewer."
        : !TextRules.IsClean(reason, multiline: true) ? TextRules.InvalidCharactersMessage
        : null;
}
