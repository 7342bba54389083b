namespace PilotReadiness.Domain.Assessments;

/// <summary>A question of an assessment marked "not applicable", with the sponsor's reason (see <see cref="Answers.NotApplicableAnswer"/>).</summary>
public sealed class NotApplicableMark
{
    internal NotApplicableMark(string questionKey, string reason, DateTimeOffset markedAt)
    {
        QuestionKey = questionKey;
        Reason = reason;
        MarkedAt = markedAt;
    }

    public string QuestionKey { get; private set; }

    public string Reason { get; private set; }

    public DateTimeOffset MarkedAt { get; private set; }
}
