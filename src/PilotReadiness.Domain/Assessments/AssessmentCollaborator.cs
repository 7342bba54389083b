namespace PilotReadiness.Domain.Assessments;

/// <summary>A sponsor other than the owner who may edit an assessment.</summary>
public sealed class AssessmentCollaborator
{
    internal AssessmentCollaborator(string userId, DateTimeOffset addedAt)
    {
        UserId = userId;
        AddedAt = addedAt;
    }

    public string UserId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
