using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Decisions;

/// <summary>What a condition of a conditional go must say; it may name the gate (by key) it is meant to clear.</summary>
public sealed record ConditionDraft(string Description, string Owner, DateOnly DueDate, string? GateKey = null);

/// <summary>A gate a decision above the recommendation goes ahead despite, and the reviewer's reason for it.</summary>
public sealed class AcceptedGate
{
    internal AcceptedGate(string gateKey, string reason)
    {
        GateKey = gateKey;
        Reason = reason;
    }

    // For EF Core.
    private AcceptedGate()
    {
        GateKey = Reason = "";
    }

    public string GateKey { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The gate's name as people read it, e.g. "Pilot theatre".</summary>
    public string Label => GateSetNames.FromKey(GateKey)?.ToLabel() ?? GateKey;
}

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
    public const int GateReasonMaxLength = 1000;

    private readonly List<DecisionCondition> _conditions = [];
    private readonly List<AcceptedGate> _acceptedGates = [];

    private Decision(Assessment assessment, ScoreResult score, DecisionOutcome outcome, string rationale, string? killCriteria, string deciderId, string deciderName, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        PilotId = assessment.PilotId;
        AssessmentId = assessment.Id;
        Revision = assessment.Revision;
        Outcome = outcome;
        Rationale = rationale;
        KillCriteria = killCriteria;
        RecommendedVerdict = score.Verdict;
        RecommendedScore = score.Overall;
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

    /// <summary>For a decision above the recommendation: each gate it goes ahead despite, with the reason.</summary>
    public IReadOnlyList<AcceptedGate> AcceptedGates => [.. _acceptedGates.OrderBy(g => GateOrder(g.GateKey))];

    /// <summary>More favourable than the recommendation it was made against (see <see cref="DecisionNames.IsAbove"/>).</summary>
    public bool IsAboveRecommendation => Outcome.IsAbove(RecommendedVerdict);

    /// <summary>
    /// The gates of <paramref name="score"/> a decision of <paramref name="outcome"/> goes ahead despite: those whose cap
    /// is below what the decision says (a go accepts every triggered gate; a conditional go those that cap at not ready
    /// or no-go). Each needs a reason when the decision is recorded. One entry per gate key, in the score's order. A gate
    /// a waiver holds does not cap the recommendation, so a decision has nothing to accept for it.
    /// </summary>
    public static IReadOnlyList<GateResult> GatesAccepted(ScoreResult score, DecisionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(score);
        return [.. score.CappingGates().Where(g => g.Cap < outcome.Level()).DistinctBy(g => g.Key)];
    }

    /// <summary>
    /// Every problem with a decision's input, against its field (JSON camelCase path); empty when it can be recorded.
    /// Given the assessment's <paramref name="score"/>, it also checks the gates: a reason for each gate a decision above
    /// the recommendation goes ahead despite (<see cref="GatesAccepted"/>), reasons and conditions naming only gates the
    /// score triggered. Whether the assessment can be decided on now is <see cref="Assessment.WhyNot"/>'s to say.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(
        DecisionOutcome outcome, string? rationale, string? killCriteria, IReadOnlyList<ConditionDraft?> conditions, DateOnly today,
        ScoreResult? score = null, IReadOnlyDictionary<string, string>? gateReasons = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        gateReasons ??= new Dictionary<string, string>();
        var triggered = score?.Gates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(outcome))
        {
            errors.Add(new FieldError("outcome", "Choose the decision: go, go-with-conditions or no-go."));
        }

        Text(rationale, "rationale", RationaleMaxLength, multiline: true, "Give the reason for the decision.", "the rationale");
        Text(killCriteria, "killCriteria", KillCriteriaMaxLength, multiline: true, null, "the kill criteria");
        if (outcome == DecisionOutcome.GoWithConditions && conditions.Count == 0)
        {
            errors.Add(new FieldError("conditions",
                "A go with conditions needs at least one condition: what must be true, who answers for it, and by when."));
        }
        else if (outcome != DecisionOutcome.GoWithConditions && conditions.Count > 0)
        {
            errors.Add(new FieldError("conditions", "Only a go with conditions has conditions. Remove them, or choose go with conditions."));
        }
        else if (conditions.Count > MaxConditions)
        {
            errors.Add(new FieldError("conditions", $"Keep to {MaxConditions} conditions or fewer."));
        }
        else
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (conditions[i] is not { } draft)
                {
                    errors.Add(new FieldError($"conditions[{i}]", "Describe the condition, its owner and its due date."));
                    continue;
                }

                Text(draft.Description, $"conditions[{i}].description", ConditionMaxLength, multiline: false,
                    "Describe what must be true.", "the condition");
                Text(draft.Owner, $"conditions[{i}].owner", Limits.PersonMaxLength, multiline: false,
                    "Name who answers for the condition.", "the owner's name");
                if (draft.DueDate < today)
                {
                    errors.Add(new FieldError($"conditions[{i}].dueDate", "The due date cannot be in the past."));
                }
                else if (draft.DueDate > Limits.DateMax)
                {
                    errors.Add(new FieldError($"conditions[{i}].dueDate", $"Give a due date before {Limits.DateMax.Year + 1}."));
                }

                if (triggered is not null && !string.IsNullOrWhiteSpace(draft.GateKey) && !triggered.Contains(draft.GateKey.Trim()))
                {
                    errors.Add(new FieldError($"conditions[{i}].gateKey", "Choose a gate that is triggered on this assessment, or none."));
                }
            }
        }

        foreach (var (key, reason) in gateReasons)
        {
            if (triggered is not null && !triggered.Contains(key))
            {
                errors.Add(new FieldError($"gateReasons.{key}", $"\"{key}\" is not a gate triggered on this assessment; give reasons only for its gates."));
            }
            else
            {
                Text(reason, $"gateReasons.{key}", GateReasonMaxLength, multiline: true, null, "each gate's reason");
            }
        }

        if (score is not null && Enum.IsDefined(outcome))
        {
            foreach (var gate in GatesAccepted(score, outcome).Where(g => string.IsNullOrWhiteSpace(gateReasons.GetValueOrDefault(g.Key))))
            {
                errors.Add(new FieldError($"gateReasons.{gate.Key}",
                    $"This decision is above the recommendation: say why it goes ahead despite the gate \"{GateSetNames.FromKey(gate.Key)?.ToLabel() ?? gate.Key}\"."));
            }
        }

        return errors;

        void Text(string? value, string field, int maxLength, bool multiline, string? missing, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (missing is not null)
                {
                    errors.Add(new FieldError(field, missing));
                }
            }
            else if (!TextRules.IsClean(value, multiline))
            {
                errors.Add(new FieldError(field, multiline ? TextRules.InvalidCharactersMessage : $"Keep {what} to one line of plain text."));
            }
            else if (value.Trim().Length > maxLength)
            {
                errors.Add(new FieldError(field, $"Keep {what} to {maxLength} characters or fewer."));
            }
        }
    }

    /// <summary>
    /// Records a decision on the current version of a submitted assessment. The pilot's current decision, if any, is
    /// superseded. Throws <see cref="FieldErrorsException"/> with every problem <see cref="Check"/> finds, and
    /// <see cref="RefusedException"/> when the assessment cannot be decided on (<see cref="Assessment.WhyNot"/>).
    /// </summary>
    public static Decision Record(
        Assessment assessment,
        IQuestionnaireCatalog catalog,
        Decision? current,
        DecisionOutcome outcome,
        string? rationale,
        string? killCriteria,
        IReadOnlyList<ConditionDraft> conditions,
        string deciderId,
        string deciderName,
        DateTimeOffset now,
        IReadOnlyDictionary<string, string>? gateReasons = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentException.ThrowIfNullOrWhiteSpace(deciderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deciderName);
        assessment.EnsureAllowed(AssessmentAction.RecordDecision);
        if (current is not null && (current.PilotId != assessment.PilotId || !current.IsCurrent))
        {
            throw new ArgumentException("That is not this pilot's current decision.", nameof(current));
        }

        var score = assessment.Score(catalog, now);
        FieldErrorsException.ThrowIfAny(Check(outcome, rationale, killCriteria, conditions, now.Day(), score, gateReasons));
        var decision = new Decision(assessment, score, outcome, rationale!.Trim(), string.IsNullOrWhiteSpace(killCriteria) ? null : killCriteria.Trim(),
            deciderId, deciderName, now);
        decision._acceptedGates.AddRange(GatesAccepted(score, outcome).Select(g => new AcceptedGate(g.Key, gateReasons![g.Key].Trim())));
        for (var i = 0; i < conditions.Count; i++)
        {
            var draft = conditions[i];
            var gateKey = string.IsNullOrWhiteSpace(draft.GateKey) ? null : draft.GateKey.Trim();
            decision._conditions.Add(new DecisionCondition(i, draft.Description.Trim(), draft.Owner.Trim(), draft.DueDate, gateKey, now));
        }

        current?.Supersede(decision, now);
        assessment.NoteDecision(decision, now);
        return decision;
    }

    /// <summary>
    /// Null when the condition can be marked met now; otherwise why not. The assessment is the pilot's current version
    /// (<see cref="Assessment.WhyNot"/> says whether that one can change).
    /// </summary>
    public Refusal? WhyNotMarkMet(Guid conditionId)
    {
        if (!IsCurrent)
        {
            return new Refusal(RefusalKind.Superseded, "This decision has been superseded; only the conditions of the pilot's current decision can be marked met.");
        }

        return _conditions.Find(c => c.Id == conditionId) is { MetAt: not null }
            ? new Refusal(RefusalKind.WrongState, "This condition is already marked met.")
            : null;
    }

    /// <summary>Marks a condition met. The assessment is the pilot's current version, whose summary follows.</summary>
    public void MarkConditionMet(Guid conditionId, Assessment currentAssessment, string byName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currentAssessment);
        ArgumentException.ThrowIfNullOrWhiteSpace(byName);
        currentAssessment.EnsureAllowed(AssessmentAction.MarkConditionMet);
        if (currentAssessment.PilotId != PilotId)
        {
            throw new ArgumentException("That is not this pilot's current assessment.", nameof(currentAssessment));
        }

        var condition = _conditions.Find(c => c.Id == conditionId)
            ?? throw new ArgumentException("This decision has no such condition.", nameof(conditionId));
        if (WhyNotMarkMet(conditionId) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        condition.MarkMet(byName, now);
        currentAssessment.NoteConditionMet(this, condition, now);
    }

    /// <summary>The earliest due date of a condition not yet met, or null when none is open.</summary>
    public DateOnly? OpenConditionsDue => _conditions.Where(c => c.MetAt is null).Select(c => (DateOnly?)c.DueDate).Min();

    /// <summary>A current conditional go with a condition past its due date and not met.</summary>
    public bool IsLapsed(DateOnly today) => IsCurrent && _conditions.Exists(c => c.State(today) == ConditionState.Lapsed);

    private static int GateOrder(string key) => GateSetNames.FromKey(key) is { } gate ? (int)gate : int.MaxValue;

    private void Supersede(Decision next, DateTimeOffset now)
    {
        SupersededAt = now;
        SupersededById = next.Id;
    }
}

/// <summary>Something that must be true by a date for a conditional go to stand, and who answers for it.</summary>
public sealed class DecisionCondition
{
    internal DecisionCondition(int position, string description, string owner, DateOnly dueDate, string? gateKey, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Position = position;
        Description = description;
        Owner = owner;
        DueDate = dueDate;
        GateKey = gateKey;
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

    /// <summary>The gate (by key) this condition is meant to clear, if the reviewer named one.</summary>
    public string? GateKey { get; private set; }

    /// <summary>The gate's name as people read it, or null.</summary>
    public string? GateLabel => GateKey is null ? null : GateSetNames.FromKey(GateKey)?.ToLabel() ?? GateKey;

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
