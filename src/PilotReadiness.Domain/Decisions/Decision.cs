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
    /// or no-go). Each needs a reason when the decision is recorded. One entry per gate key, in the score's order.
    /// </summary>
    public static IReadOnlyList<GateResult> GatesAccepted(ScoreResult score, DecisionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(score);
        return [.. score.Gates.Where(g => g.Cap < outcome.Level()).DistinctBy(g => g.Key)];
    }

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
        DateTimeOffset now,
        IReadOnlyDictionary<string, string>? gateReasons = null)
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

        var score = assessment.Score(now);
        var triggered = score.Gates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        gateReasons ??= new Dictionary<string, string>();
        var stray = gateReasons.Keys.FirstOrDefault(k => !triggered.Contains(k));
        if (stray is not null)
        {
            throw new ArgumentException($"\"{stray}\" is not a gate triggered on this assessment; give reasons only for its gates.", $"gateReasons.{stray}");
        }

        var accepted = new List<AcceptedGate>();
        foreach (var gate in GatesAccepted(score, outcome))
        {
            var label = GateSetNames.FromKey(gate.Key)?.ToLabel() ?? gate.Key;
            var reason = CleanText(gateReasons.GetValueOrDefault(gate.Key), GateReasonMaxLength, $"gateReasons.{gate.Key}", required: true,
                $"This decision is above the recommendation: say why it goes ahead despite the gate \"{label}\".")!;
            accepted.Add(new AcceptedGate(gate.Key, reason));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var decision = new Decision(assessment, score, outcome, text, kill, deciderId, deciderName, now);
        decision._acceptedGates.AddRange(accepted);
        for (var i = 0; i < conditions.Count; i++)
        {
            var draft = conditions[i] ?? throw new ArgumentException("A condition is missing.", $"conditions[{i}]");
            var description = CleanText(draft.Description, ConditionMaxLength, $"conditions[{i}].description", required: true, "Describe the condition.", multiline: false)!;
            var owner = CleanText(draft.Owner, Limits.PersonMaxLength, $"conditions[{i}].owner", required: true, "Name who owns the condition.", multiline: false)!;
            if (draft.DueDate < today || draft.DueDate > Limits.DateMax)
            {
                throw new ArgumentException("Give a due date from today on.", $"conditions[{i}].dueDate");
            }

            var gateKey = string.IsNullOrWhiteSpace(draft.GateKey) ? null : draft.GateKey.Trim();
            if (gateKey is not null && !triggered.Contains(gateKey))
            {
                throw new ArgumentException("Choose a gate that is triggered on this assessment, or none.", $"conditions[{i}].gateKey");
            }

            decision._conditions.Add(new DecisionCondition(i, description, owner, draft.DueDate, gateKey, now));
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

    private static int GateOrder(string key) => GateSetNames.FromKey(key) is { } gate ? (int)gate : int.MaxValue;

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
