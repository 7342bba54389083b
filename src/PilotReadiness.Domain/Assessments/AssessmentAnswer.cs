namespace PilotReadiness.Domain.Assessments;

/// <summary>One stored answer of an assessment, in the compact text form of <see cref="Answers.Answer.Encode"/>.</summary>
public sealed class AssessmentAnswer
{
    internal AssessmentAnswer(string questionKey, string value, DateTimeOffset updatedAt)
    {
        QuestionKey = questionKey;
        Value = value;
        UpdatedAt = updatedAt;
    }

    public string QuestionKey { get; private set; }

    public string Value { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    internal void Replace(string value, DateTimeOffset now)
    {
        Value = value;
        UpdatedAt = now;
    }
}
