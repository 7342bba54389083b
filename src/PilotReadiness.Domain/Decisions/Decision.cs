using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Decisions;

/// <summary>What a condition of a conditional go must say.</summary>
public sealed record ConditionDraft(string Description, string Owner, DateOnly DueDate);

/// <summary>
/// Leadership's decision about a pilot, recorded against the assessment version it was made on, beside (never
/// instead of) the computed recommendation. A decision is never edited: a new one supersedes it, and both stay.
/// Only the conditions change, when they are met.
/// </summary>
public sealed class Decision
{
    public const int RationaleMaxLength = 4000;
    public const int KillCriteriaMaxLength = 2000;
    public const int ConditionMaxLength = 500;
    public const int MaxConditions = 20;

    private readonly List<DecisionCondition> _conditions = [];

    private Decision(Assessment assessment, DecisionOutcome outcome, string rationale, string? killCriteria, string deciderId, string deciderName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = assessment.PilotId;
        AssessmentId = assessment.Id;
        Revision = assessment.Revision;
        Outcome = outcome;
        Rationale = rationale;
        KillCriteria = killCriteria;
        RecommendedVerdict = assessment.Readiness.Verdict;
        RecommendedScore = assessment.Readiness.Overall;
        DecidedById = deciderId;
        DecidedByName = deciderName;
        DecidedAt = now;
    }

    // For EF Core.
    private Decision()
    {
        Rationale = DecidedById = DecidedByName = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The pilot: every version of its assessment shares this id.</summary>
    public Guid PilotId { get; private set; }

    /// <summary>The assessment version the decision was made on.</summary>
    public Guid AssessmentId { get; private set; }

    public int Revision { get; private set; }

    public DecisionOutcome Outcome { get; private set; }

    public string Rationale { get; private set; }

    /// <summary>Written down up front: what would make leadership stop the pilot.</summary>
    public string? KillCriteria { get; private set; }

    /// <summary>The computed recommendation when the decision was made, kept beside it.</summary>
    public Verdict RecommendedVerdict { get; private set; }

    public int RecommendedScore { get; private set; }

    public string DecidedById { get; private set; }

    public string DecidedByName { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public Guid? SupersededById { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    public IReadOnlyList<DecisionCondition> Conditions => [.. _conditions.OrderBy(c => c.Position)];

    /// <summary>
    /// Records a decision on the current version of a submitted assessment. The pilot's current decision, if any, is
    /// superseded. Throws <see cref="ArgumentException"/> (naming the field) for bad input and
    /// <see cref="InvalidOperationException"/> when the assessment cannot be decided on.
    /// </summary>
    public static Decision Record(
        Assessment assessment,
        Decision? current,
        DecisionOutcome outcome,
        string? rationale,
        string? killCriteria,
        IReadOnlyList<ConditionDraft> conditions,
        string deciderId,
        string deciderName,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentException.ThrowIfNullOrWhiteSpace(deciderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deciderName);
        if (!assessment.IsCurrent)
        {
            throw new InvalidOperationException("A newer version of this assessment exists; record the decision on that one.");
        }

        if (assessment.Status != AssessmentStatus.Submitted)
        {
            throw new InvalidOperationException("Only an assessment submitted for review can be decided on.");
        }

        if (current is not null && (current.PilotId != assessment.PilotId || !current.IsCurrent))
        {
            throw new ArgumentException("That is not this pilot's current decision.", nameof(current));
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentException("Choose go, go with conditions or no-go.", nameof(outcome));
        }

        var text = CleanText(rationale, RationaleMaxLength, nameof(rationale), required: true, "Give the reason for the decision.")!;
        var kill = CleanText(killCriteria, KillCriteriaMaxLength, nameof(killCriteria), required: false, "");
        if (outcome == DecisionOutcome.GoWithConditions && conditions.Count == 0)
        {
            throw new ArgumentException("A go with conditions needs at least one condition.", nameof(conditions));
        }

        if (outcome != DecisionOutcome.GoWithConditions && conditions.Count > 0)
        {
            throw new ArgumentException("Only a go with conditions has conditions.", nameof(conditions));
        }

        if (conditions.Count > MaxConditions)
        {
            throw new ArgumentException($"Keep to {MaxConditions} conditions or fewer.", nameof(conditions));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var decision = new Decision(assessment, outcome, text, kill, deciderId, deciderName, now);
        for (var i = 0; i < conditions.Count; i++)
        {
            var draft = conditions[i] ?? throw new ArgumentException("A condition is missing.", $"conditions[{i}]");
            var description = CleanText(draft.Description, ConditionMaxLength, $"conditions[{i}].description", required: true, "Describe the condition.", multiline: false)!;
            var owner = CleanText(draft.Owner, Limits.PersonMaxLength, $"conditions[{i}].owner", required: true, "Name who owns the condition.", multiline: false)!;
            if (draft.DueDate < today || draft.DueDate > Limits.DateMax)
            {
                throw new ArgumentException("Give a due date from today on.", $"conditions[{i}].dueDate");
            }

            decision._conditions.Add(new DecisionCondition(i, description, owner, draft.DueDate, now));
        }

        current?.Supersede(decision, now);
        assessment.NoteDecision(decision, now);
        return decision;
    }

    /// <summary>Marks a condition met. The assessment is the pilot's current version, whose summary follows.</summary>
    public void MarkConditionMet(Guid conditionId, Assessment currentAssessment, string byName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currentAssessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(byName);
        if (!IsCurrent)
        {
            throw new InvalidOperationException("This decision has been superseded; its conditions no longer change.");
        }

        if (currentAssessment.PilotId != PilotId || !currentAssessment.IsCurrent)
        {
            throw new ArgumentException("That is not this pilot's current assessment.", nameof(currentAssessment));
        }

        var condition = _conditions.Find(c => c.Id == conditionId)
            ?? throw new ArgumentException("This decision has no such condition.", nameof(conditionId));
        if (condition.MetAt is not null)
        {
            throw new InvalidOperationException("This condition is already marked met.");
        }

        condition.MarkMet(byName, now);
        currentAssessment.NoteConditionMet(this, condition, now);
    }

    /// <summary>The earliest due date of a condition not yet met, or null when none is open.</summary>
    public DateOnly? OpenConditionsDue => _conditions.Where(c => c.MetAt is null).Select(c => (DateOnly?)c.DueDate).Min();

    /// <summary>A current conditional go with a condition past its due date and not met.</summary>
    public bool IsLapsed(DateOnly today) => IsCurrent && _conditions.Exists(c => c.State(today) == ConditionState.Lapsed);

    private void Supersede(Decision next, DateTimeOffset now)
    {
        SupersededAt = now;
        SupersededById = next.Id;
    }

    private static string? CleanText(string? value, int maxLength, string field, bool required, string requiredMessage, bool multiline = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw new ArgumentException(requiredMessage, field) : null;
        }

        var trimmed = value.Trim();
        if (!TextRules.IsClean(trimmed, multiline))
        {
            throw new ArgumentException(TextRules.InvalidCharactersMessage, field);
        }

        return trimmed.Length <= maxLength ? trimmed : throw new ArgumentException($"Keep it to {maxLength} characters or fewer.", field);
    }
}

/// <summary>Something that must be true by a date for a conditional go to stand, and who answers for it.</summary>
public sealed class DecisionCondition
{
    internal DecisionCondition(int position, string description, string owner, DateOnly dueDate, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Position = position;
        Description = description;
        Owner = owner;
        DueDate = dueDate;
    }

    // For EF Core.
    private DecisionCondition()
    {
        Description = Owner = "";
    }

    public Guid Id { get; private set; }

    public int Position { get; private set; }

    public string Description { get; private set; }

    public string Owner { get; private set; }

    public DateOnly DueDate { get; private set; }

    public DateTimeOffset? MetAt { get; private set; }

    public string? MetByName { get; private set; }

    public ConditionState State(DateOnly today) =>
        MetAt is not null ? ConditionState.Met : DueDate < today ? ConditionState.Lapsed : ConditionState.Open;

    internal void MarkMet(string byName, DateTimeOffset now)
    {
        MetAt = now;
        MetByName = byName;
    }
}
