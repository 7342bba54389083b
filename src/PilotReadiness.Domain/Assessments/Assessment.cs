using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// A sponsor's readiness assessment of one proposed pilot. Answers can change only while it is a draft;
/// every change bumps <see cref="Version"/>, which guards against two people overwriting each other.
/// A pilot is re-assessed by starting a new version (<see cref="Reassess"/>): every version of a pilot shares
/// <see cref="PilotId"/>, and only the newest (<see cref="IsCurrent"/>) can change.
/// </summary>
public sealed class Assessment
{
    private readonly List<AssessmentAnswer> _answers = [];
    private readonly List<AssessmentCollaborator> _collaborators = [];
    private readonly List<AssessmentChange> _changes = [];
    private readonly List<Confirmation> _confirmations = [];

    public Assessment(AssessmentDetails details, Questionnaire questionnaire, string ownerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Id = Guid.CreateVersion7(now);
        PilotId = Id;
        Revision = 1;
        OwnerId = ownerId;
        Title = details.Title;
        BusinessUnit = details.BusinessUnit;
        Sponsor = details.Sponsor;
        Description = details.Description;
        QuestionnaireVersion = questionnaire.Version;
        ModelVersion = ScoringModel.For(questionnaire).Version;
        Status = AssessmentStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        Readiness = null!;
        RefreshReadiness(now);
        _changes.Add(new AssessmentChange(ChangeKind.Created, now, NewValue: Title));
    }

    // For EF Core.
    private Assessment()
    {
        Title = BusinessUnit = Sponsor = Description = ModelVersion = OwnerId = "";
        Readiness = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The pilot this assessment is a version of: the id of its first version.</summary>
    public Guid PilotId { get; private set; }

    /// <summary>1 for the first assessment of a pilot, then one more for each re-assessment.</summary>
    public int Revision { get; private set; }

    /// <summary>When a newer version was started; a superseded version is kept, read-only.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    public bool IsCurrent => SupersededAt is null;

    /// <summary>The headline of the score as of the last change, kept for the portfolio.</summary>
    public Readiness Readiness { get; private set; }

    /// <summary>The pilot's current decision, if leadership has recorded one (on this or an earlier version).</summary>
    public DecisionOutcome? Decision { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The recommendation the current decision was made against (kept with the decision's outcome for the portfolio).</summary>
    public Verdict? DecisionRecommendation { get; private set; }

    /// <summary>The current decision is more favourable than the recommendation it was made against.</summary>
    public bool DecidedAboveRecommendation => Decision is { } outcome && DecisionRecommendation is { } recommended && outcome.IsAbove(recommended);

    /// <summary>The earliest due date of an unmet condition of the current decision; past it, the go has lapsed.</summary>
    public DateOnly? ConditionsDue { get; private set; }

    public bool IsLapsed(DateOnly today) => Lapsed(ConditionsDue, today);

    /// <summary>A conditional go has lapsed once a day has passed beyond the earliest due date of its unmet conditions.</summary>
    public static bool Lapsed(DateOnly? conditionsDue, DateOnly today) => conditionsDue < today;

    /// <summary>Submitted, and no decision recorded since.</summary>
    public bool AwaitsDecision => Awaits(Status, SubmittedAt, DecidedAt);

    /// <summary><see cref="AwaitsDecision"/> of an assessment with this status, submission and latest decision.</summary>
    public static bool Awaits(AssessmentStatus status, DateTimeOffset? submittedAt, DateTimeOffset? decidedAt) =>
        status == AssessmentStatus.Submitted && (decidedAt is null || decidedAt < submittedAt);

    /// <summary>The user who started the assessment; with the collaborators, the only people who may change it.</summary>
    public string OwnerId { get; private set; }

    public string Title { get; private set; }

    public string BusinessUnit { get; private set; }

    public string Sponsor { get; private set; }

    public string Description { get; private set; }

    public int QuestionnaireVersion { get; private set; }

    /// <summary>The scoring model this assessment is scored with; fixed when it is created, like the questionnaire.</summary>
    public string ModelVersion { get; private set; }

    public AssessmentStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>Starts at 1 and goes up with every change; the concurrency token and the API's ETag.</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<AssessmentAnswer> Answers => _answers.AsReadOnly();

    /// <summary>Requests to the people named for a role; the latest per question counts.</summary>
    public IReadOnlyCollection<Confirmation> Confirmations => _confirmations.AsReadOnly();

    /// <summary>Other sponsors who may edit this assessment.</summary>
    public IReadOnlyCollection<AssessmentCollaborator> Collaborators => _collaborators.AsReadOnly();

    /// <summary>
    /// The changes made since the last call, oldest first, and forgets them. The application turns them into audit
    /// rows in the same save as the changes themselves.
    /// </summary>
    public IReadOnlyList<AssessmentChange> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    /// <summary>
    /// Asks the person named in a claimable person question to confirm the role. Replaces an earlier request for the
    /// same question. The caller makes the single-use token and passes only its hash.
    /// </summary>
    public Confirmation RequestConfirmation(string questionKey, string email, string tokenHash, DateTimeOffset now, TimeSpan validFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        EnsureAllowed(AssessmentAction.RequestConfirmation);
        FieldErrorsException.ThrowIfAny(CheckConfirmationRequest(questionKey, email));
        var name = _answers.Find(a => a.QuestionKey == questionKey)!.Value;
        email = email.Trim();

        _confirmations.RemoveAll(c => c.QuestionKey == questionKey);
        var confirmation = new Confirmation(questionKey, name, email, tokenHash, now, now + validFor);
        _confirmations.Add(confirmation);
        _changes.Add(new AssessmentChange(ChangeKind.ConfirmationRequested, now, questionKey, null, $"{name} <{email}>"));
        Touch(now);
        return confirmation;
    }

    /// <summary>
    /// What is wrong with asking <paramref name="email"/> to confirm the role of <paramref name="questionKey"/>: an empty
    /// list when the request can be sent (the state of the assessment is <see cref="WhyNot"/>'s to say).
    /// </summary>
    public IReadOnlyList<FieldError> CheckConfirmationRequest(string? questionKey, string? email)
    {
        if (questionKey is null || !QuestionKeys.Claimable.Contains(questionKey))
        {
            return [new FieldError("questionKey", "That is not a role that can be confirmed.")];
        }

        if (_answers.Find(a => a.QuestionKey == questionKey) is not { } named)
        {
            return [new FieldError("questionKey", "Name the person in the questionnaire first.")];
        }

        if (Model.WhyNotCounted(Questionnaire.GetQuestion(questionKey), new TextAnswer(named.Value)) is { } notAPerson)
        {
            return [new FieldError("questionKey", $"{notAPerson} Then ask them to confirm.")];
        }

        var address = (email ?? "").Trim();
        return address.Length is 0 or > Confirmation.EmailMaxLength || !address.Contains('@', StringComparison.Ordinal) || !TextRules.IsClean(address, multiline: false)
            ? [new FieldError("email", "Enter the person's email address.")]
            : [];
    }

    /// <summary>
    /// The named person's answer through their link. Allowed whatever the assessment's status, but not on a superseded
    /// version: its score is kept as it was, and the sponsor asks again from the current version.
    /// </summary>
    public void RespondToConfirmation(Guid confirmationId, bool confirmed, string? comment, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.RespondToConfirmation);
        var confirmation = _confirmations.Find(c => c.Id == confirmationId)
            ?? throw new InvalidOperationException("This confirmation link has been used or has expired.");
        if (comment is { Length: > Confirmation.CommentMaxLength } || !TextRules.IsClean(comment, multiline: true))
        {
            throw new ArgumentException($"Keep the comment to {Confirmation.CommentMaxLength} characters of plain text.", nameof(comment));
        }

        confirmation.Respond(confirmed, comment, now);
        _changes.Add(new AssessmentChange(confirmed ? ChangeKind.ConfirmationConfirmed : ChangeKind.ConfirmationDeclined, now,
            confirmation.QuestionKey, null, confirmation.Comment));
        Touch(now);
    }

    /// <summary>Where each claimable role stands for the name the answer gives now (a changed name needs a new request).</summary>
    public IReadOnlyDictionary<string, ClaimState> ClaimStates(DateTimeOffset now)
    {
        var states = new Dictionary<string, ClaimState>(StringComparer.Ordinal);
        foreach (var key in QuestionKeys.Claimable)
        {
            var name = _answers.Find(a => a.QuestionKey == key)?.Value;
            if (name is null)
            {
                continue;
            }

            var confirmation = _confirmations.Find(c => c.QuestionKey == key && c.PersonName == name);
            states[key] = confirmation switch
            {
                null => ClaimState.NotRequested,
                { Status: ConfirmationStatus.Confirmed } => ClaimState.Confirmed,
                { Status: ConfirmationStatus.Declined } => ClaimState.Declined,
                _ when confirmation.CanRespond(now) => ClaimState.Pending,
                _ => ClaimState.Expired,
            };
        }

        return states;
    }

    public bool IsOwnerOrCollaborator(string userId) =>
        OwnerId == userId || _collaborators.Exists(c => c.UserId == userId);

    /// <summary>Lets another sponsor edit this assessment. Returns false when they already could.</summary>
    public bool AddCollaborator(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        EnsureAllowed(AssessmentAction.ManageCollaborators);
        if (IsOwnerOrCollaborator(userId))
        {
            return false;
        }

        _collaborators.Add(new AssessmentCollaborator(userId, now));
        _changes.Add(new AssessmentChange(ChangeKind.CollaboratorAdded, now, Subject: userId));
        Touch(now);
        return true;
    }

    public bool RemoveCollaborator(string userId, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.ManageCollaborators);
        var collaborator = _collaborators.Find(c => c.UserId == userId);
        if (collaborator is null)
        {
            return false;
        }

        _collaborators.Remove(collaborator);
        _changes.Add(new AssessmentChange(ChangeKind.CollaboratorRemoved, now, Subject: userId));
        Touch(now);
        return true;
    }

    /// <summary>A current draft: its answers and details can change.</summary>
    public bool IsEditable => WhyNot(AssessmentAction.ChangeAnswers) is null;

    /// <summary>
    /// Null when <paramref name="action"/> is possible in this assessment's state now; otherwise why not, in the one
    /// message pages and API show. A superseded version refuses everything before its status is looked at.
    /// </summary>
    public Refusal? WhyNot(AssessmentAction action)
    {
        if (!IsCurrent)
        {
            return new Refusal(RefusalKind.Superseded,
                $"This is version {Revision}, kept read-only since the pilot was re-assessed: a newer version exists. Make changes in the current version.");
        }

        return action switch
        {
            AssessmentAction.ChangeAnswers or AssessmentAction.ChangeDetails when Status != AssessmentStatus.Draft =>
                WrongState("This assessment has been submitted for review, so it is read-only; re-open it to change it."),
            AssessmentAction.Submit when Status != AssessmentStatus.Draft =>
                WrongState("Only a draft can be submitted for review; this one is already submitted."),
            AssessmentAction.Reopen when Status != AssessmentStatus.Submitted =>
                WrongState("Only a submitted assessment can be re-opened; this one is a draft."),
            AssessmentAction.Reassess when Status != AssessmentStatus.Submitted =>
                WrongState("Only a submitted assessment can be re-assessed; a draft can simply be changed."),
            AssessmentAction.RecordDecision when Status != AssessmentStatus.Submitted =>
                WrongState("Only an assessment submitted for review can be decided on; this one is a draft."),
            _ => null,
        };

        static Refusal WrongState(string message) => new(RefusalKind.WrongState, message);
    }

    /// <summary>Throws <see cref="RefusedException"/> unless <see cref="WhyNot"/> allows <paramref name="action"/>.</summary>
    internal void EnsureAllowed(AssessmentAction action)
    {
        if (WhyNot(action) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
    }

    public AssessmentDetails Details => new(Title, BusinessUnit, Sponsor, Description);

    /// <summary>The stored answers, read with the questionnaire version they were given against.</summary>
    public AnswerSet ReadAnswers(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        if (questionnaire.Version != QuestionnaireVersion)
        {
            throw new ArgumentException(
                $"This assessment was answered against questionnaire version {QuestionnaireVersion}, not {questionnaire.Version}.",
                nameof(questionnaire));
        }

        return new AnswerSet(_answers
            .Select(a => (a.QuestionKey, Question: questionnaire.FindQuestion(a.QuestionKey), a.Value))
            .Where(a => a.Question is not null)
            .Select(a => KeyValuePair.Create(a.QuestionKey, a.Question!.Decode(a.Value))));
    }

    public Questionnaire Questionnaire => QuestionnaireCatalog.Get(QuestionnaireVersion);

    /// <summary>The scoring model this assessment is scored with.</summary>
    public ScoringModel Model =>
        ScoringModel.Find(ModelVersion) ?? throw new InvalidOperationException($"Scoring model version {ModelVersion} is not known.");

    /// <summary>
    /// Scores the stored answers, and where the named people stand on confirming their roles at <paramref name="now"/>,
    /// with the questionnaire and model versions this assessment is on.
    /// </summary>
    public ScoreResult Score(DateTimeOffset now) => Model.Score(Questionnaire, ReadAnswers(Questionnaire), ClaimStates(now));

    /// <summary>
    /// The stored answers that do not count under this assessment's scoring model (a placeholder, a team named as a
    /// person, a person who declined), each with the reason to show beside its question.
    /// </summary>
    public IReadOnlyDictionary<string, string> NotCounted() => CountAnswers().NotCounted;

    /// <summary>
    /// The stored answers that count under this assessment's scoring model. Whether an answer counts never depends on
    /// the time: of where the named people stand, only a decline matters (waiting and expired count alike).
    /// </summary>
    private CountedAnswers CountAnswers()
    {
        var declined = new Dictionary<string, ClaimState>(StringComparer.Ordinal);
        foreach (var confirmation in _confirmations.Where(c => c.Status == ConfirmationStatus.Declined))
        {
            if (_answers.Find(a => a.QuestionKey == confirmation.QuestionKey)?.Value == confirmation.PersonName)
            {
                declined[confirmation.QuestionKey] = ClaimState.Declined;
            }
        }

        return Model.Count(Questionnaire, ReadAnswers(Questionnaire), declined);
    }

    /// <summary>
    /// The questions required to proceed that lack an answer that counts, in questionnaire order: while there is one,
    /// the assessment cannot be submitted.
    /// </summary>
    public IReadOnlyList<OpenBlocker> SubmitBlockers()
    {
        var questionnaire = Questionnaire;
        var (counted, notCounted) = CountAnswers();
        return [.. questionnaire.Questions.Where(q => q.Blocker && !counted.ContainsKey(q.Key))
            .Select(q => new OpenBlocker(q.Key, q.SectionKey, q.Text, notCounted.GetValueOrDefault(q.Key) ?? "Not answered yet."))];
    }

    /// <summary>Null when the assessment can be submitted for review now; otherwise why not.</summary>
    public string? WhyNotSubmit()
    {
        if (!IsCurrent)
        {
            return "A newer version of this assessment exists; this one is kept read-only.";
        }

        if (Status != AssessmentStatus.Draft)
        {
            return "Only a draft can be submitted for review; this one is already submitted.";
        }

        var blockers = SubmitBlockers();
        return blockers.Count == 0 ? null
            : $"{blockers.Count} question{(blockers.Count == 1 ? "" : "s")} required to proceed need{(blockers.Count == 1 ? "s" : "")} a real answer first: " +
                string.Join("; ", blockers.Select(b => $"\"{b.Question}\"")) + ".";
    }

    public void UpdateDetails(AssessmentDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureAllowed(AssessmentAction.ChangeDetails);
        if (details == Details)
        {
            return;
        }

        var before = Details;
        Title = details.Title;
        BusinessUnit = details.BusinessUnit;
        Sponsor = details.Sponsor;
        Description = details.Description;
        _changes.Add(new AssessmentChange(ChangeKind.DetailsChanged, now, null, Describe(before), Describe(details)));
        Touch(now);
    }

    /// <summary>
    /// Sets, replaces or (with a null answer) clears answers, all or nothing: every answer is checked before any is
    /// applied. Returns the number of answers that actually changed; the version goes up only when one did.
    /// </summary>
    public int SetAnswers(Questionnaire questionnaire, IReadOnlyDictionary<string, Answer?> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(changes);
        EnsureAllowed(AssessmentAction.ChangeAnswers);
        if (questionnaire.Version != QuestionnaireVersion)
        {
            throw new ArgumentException($"Answers must be given against questionnaire version {QuestionnaireVersion}.", nameof(questionnaire));
        }

        var checkedChanges = new List<(string Key, string? Value)>();
        foreach (var (key, answer) in changes)
        {
            var question = questionnaire.FindQuestion(key)
                ?? throw new ArgumentException($"There is no question '{key}'.", nameof(changes));
            if (answer is null)
            {
                checkedChanges.Add((key, null));
                continue;
            }

            var error = question.Check(answer);
            if (error is not null)
            {
                throw new ArgumentException($"{key}: {error}", nameof(changes));
            }

            var encoded = question.Normalize(answer).Encode();
            if (encoded.Length > Limits.StoredAnswerMaxLength)
            {
                throw new ArgumentException($"{key}: the answer is too long.", nameof(changes));
            }

            checkedChanges.Add((key, encoded));
        }

        var changed = 0;
        foreach (var (key, value) in checkedChanges)
        {
            var existing = _answers.Find(a => a.QuestionKey == key);
            if (value is null)
            {
                if (existing is not null && _answers.Remove(existing))
                {
                    _changes.Add(new AssessmentChange(ChangeKind.AnswerCleared, now, key, existing.Value));
                    changed++;
                }
            }
            else if (existing is null)
            {
                _answers.Add(new AssessmentAnswer(key, value, now));
                _changes.Add(new AssessmentChange(ChangeKind.AnswerSet, now, key, null, value));
                changed++;
            }
            else if (existing.Value != value)
            {
                _changes.Add(new AssessmentChange(ChangeKind.AnswerSet, now, key, existing.Value, value));
                existing.Replace(value, now);
                changed++;
            }
        }

        if (changed > 0)
        {
            Touch(now);
        }

        return changed;
    }

    /// <summary>Submits a draft for review; refused (see <see cref="WhyNotSubmit"/>) while a required question lacks a real answer.</summary>
    public void Submit(DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.Submit);
        if (WhyNotSubmit() is { } blocked)
        {
            throw new RefusedException(new Refusal(RefusalKind.WrongState, blocked));
        }

        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        _changes.Add(new AssessmentChange(ChangeKind.Submitted, now, null, AssessmentStatus.Draft.ToKey(), AssessmentStatus.Submitted.ToKey()));
        Touch(now);
    }

    /// <summary>
    /// Takes a submitted assessment back to draft so its answers can change again. A draft is always on the current
    /// questionnaire, so one answered against an older version moves to the current one (<see cref="MoveToCurrentQuestionnaire"/>).
    /// </summary>
    public void Reopen(DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.Reopen);
        Status = AssessmentStatus.Draft;
        SubmittedAt = null;
        _changes.Add(new AssessmentChange(ChangeKind.Reopened, now, null, AssessmentStatus.Submitted.ToKey(), AssessmentStatus.Draft.ToKey()));
        Touch(now);
        MoveToCurrentQuestionnaire(now);
    }

    /// <summary>
    /// Moves a draft answered against an older questionnaire to the current questionnaire and its scoring model,
    /// carrying every answer whose question is still asked the same way (same key and type, and the answer still fits);
    /// the change is kept in the audit trail. Returns false, changing nothing, for a draft already on the current version.
    /// Submitted and superseded versions never move: they keep the versions that scored them.
    /// </summary>
    public bool MoveToCurrentQuestionnaire(DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.ChangeAnswers);
        var target = QuestionnaireCatalog.Current;
        if (QuestionnaireVersion == target.Version)
        {
            return false;
        }

        var from = Questionnaire;
        var model = ScoringModel.For(target);
        var carried = Carry(from, target, _answers);
        var left = _answers.Where(a => !carried.ContainsKey(a.QuestionKey)).ToList();
        _changes.Add(new AssessmentChange(ChangeKind.QuestionnaireMoved, now, null,
            $"questionnaire {from.Version}, scoring model {ModelVersion}",
            $"questionnaire {target.Version}, scoring model {model.Version}: {carried.Count} answer{(carried.Count == 1 ? "" : "s")} carried" +
            (left.Count == 0 ? "" : $", not carried: {string.Join(", ", left.Select(a => a.QuestionKey))}")));
        foreach (var answer in left)
        {
            _answers.Remove(answer);
            _changes.Add(new AssessmentChange(ChangeKind.AnswerCleared, now, answer.QuestionKey, answer.Value));
        }

        foreach (var answer in _answers.Where(a => carried[a.QuestionKey] != a.Value))
        {
            answer.Replace(carried[answer.QuestionKey], now);
        }

        QuestionnaireVersion = target.Version;
        ModelVersion = model.Version;
        Touch(now);
        return true;
    }

    /// <summary>
    /// Starts the next version of this pilot's assessment from its answers, owner, collaborators, the roles the named
    /// people have answered (confirmed or declined; a request still waiting is not carried, its link belongs to this
    /// version) and the current decision. The new version is on the current questionnaire and its scoring model (answers
    /// carried as <see cref="MoveToCurrentQuestionnaire"/> carries them); this version becomes read-only and keeps the
    /// versions that scored it.
    /// </summary>
    public Assessment Reassess(DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.Reassess);
        var questionnaire = QuestionnaireCatalog.Current;
        var next = new Assessment(Details, questionnaire, OwnerId, now)
        {
            PilotId = PilotId,
            Revision = Revision + 1,
            Decision = Decision,
            DecisionRecommendation = DecisionRecommendation,
            DecidedAt = DecidedAt,
            ConditionsDue = ConditionsDue,
        };
        next._changes.Clear();
        next._changes.Add(new AssessmentChange(ChangeKind.Created, now, NewValue: $"{Title} (version {next.Revision}, from version {Revision})"));
        next._answers.AddRange(Carry(Questionnaire, questionnaire, _answers).Select(a => new AssessmentAnswer(a.Key, a.Value, now)));

        next._collaborators.AddRange(_collaborators.Select(c => new AssessmentCollaborator(c.UserId, c.AddedAt)));
        next._confirmations.AddRange(_confirmations.Where(c => c.Status != ConfirmationStatus.Pending).Select(c => c.CarriedOver(now)));
        next.RefreshReadiness(now);

        SupersededAt = now;
        _changes.Add(new AssessmentChange(ChangeKind.Reassessed, now, NewValue: $"version {next.Revision}"));
        Touch(now);
        return next;
    }

    /// <summary>
    /// The answers (stored form by question key) carried from one questionnaire version to another: those whose question
    /// is still asked the same way (same key and type) and that still fit it; the rest start empty.
    /// </summary>
    private static Dictionary<string, string> Carry(Questionnaire from, Questionnaire to, IEnumerable<AssessmentAnswer> answers)
    {
        var carried = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var was = from.FindQuestion(answer.QuestionKey);
            var question = to.FindQuestion(answer.QuestionKey);
            if (was is null || question is null || was.Type != question.Type)
            {
                continue;
            }

            var decoded = was.Decode(answer.Value);
            if (question.Check(decoded) is null)
            {
                carried[answer.QuestionKey] = question.Normalize(decoded).Encode();
            }
        }

        return carried;
    }

    /// <summary>Called by <see cref="Decision.Record"/>: keeps the pilot's current decision beside its answers.</summary>
    internal void NoteDecision(Decision decision, DateTimeOffset now)
    {
        Decision = decision.Outcome;
        DecisionRecommendation = decision.RecommendedVerdict;
        DecidedAt = decision.DecidedAt;
        ConditionsDue = decision.OpenConditionsDue;
        _changes.Add(new AssessmentChange(ChangeKind.DecisionRecorded, now, decision.Outcome.ToKey(), null, decision.Rationale));
        Touch(now);
    }

    internal void NoteConditionMet(Decision decision, DecisionCondition condition, DateTimeOffset now)
    {
        ConditionsDue = decision.OpenConditionsDue;
        _changes.Add(new AssessmentChange(ChangeKind.ConditionMet, now, null, null, condition.Description));
        Touch(now);
    }

    private static string Describe(AssessmentDetails d) =>
        $"{d.Title} · {d.BusinessUnit} · {d.Sponsor}" + (d.Description.Length > 0 ? $" · {d.Description}" : "");

    /// <summary>
    /// Recomputes the stored <see cref="Readiness"/> from the answers. Every change does this itself; call it only for
    /// rows stored before the summary existed. Not a change: the version and the audit trail stay as they are.
    /// </summary>
    public void RefreshReadiness(DateTimeOffset now) =>
        Readiness = Readiness.Of(Score(now), ClaimStates(now).GetValueOrDefault(QuestionKeys.ProductionOwner));

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
        RefreshReadiness(now);
    }
}
