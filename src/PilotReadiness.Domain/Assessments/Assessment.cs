using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// A sponsor's readiness assessment of one proposed pilot. Answers can change only while it is a draft;
/// every change bumps <see cref="Version"/>, which guards against two people overwriting each other.
/// </summary>
public sealed class Assessment
{
    private readonly List<AssessmentAnswer> _answers = [];
    private readonly List<AssessmentCollaborator> _collaborators = [];
    private readonly List<AssessmentChange> _changes = [];

    public Assessment(AssessmentDetails details, Questionnaire questionnaire, string ownerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Id = Guid.CreateVersion7(now);
        OwnerId = ownerId;
        Title = details.Title;
        BusinessUnit = details.BusinessUnit;
        Sponsor = details.Sponsor;
        Description = details.Description;
        QuestionnaireVersion = questionnaire.Version;
        ModelVersion = ScoringModel.Current.Version;
        Status = AssessmentStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        _changes.Add(new AssessmentChange(ChangeKind.Created, now, NewValue: Title));
    }

    // For EF Core.
    private Assessment()
    {
        Title = BusinessUnit = Sponsor = Description = ModelVersion = OwnerId = "";
    }

    public Guid Id { get; private set; }

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

    public bool IsOwnerOrCollaborator(string userId) =>
        OwnerId == userId || _collaborators.Exists(c => c.UserId == userId);

    /// <summary>Lets another sponsor edit this assessment. Returns false when they already could.</summary>
    public bool AddCollaborator(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
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

    public bool IsEditable => Status == AssessmentStatus.Draft;

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

    /// <summary>Scores the stored answers with the questionnaire and model versions this assessment was started on.</summary>
    public ScoreResult Score() =>
        (ScoringModel.Find(ModelVersion) ?? throw new InvalidOperationException($"Scoring model version {ModelVersion} is not known."))
            .Score(Questionnaire, ReadAnswers(Questionnaire));

    public void UpdateDetails(AssessmentDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureEditable();
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
        EnsureEditable();
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

    public void Submit(DateTimeOffset now)
    {
        if (Status != AssessmentStatus.Draft)
        {
            throw new InvalidOperationException("Only a draft can be submitted for review.");
        }

        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        _changes.Add(new AssessmentChange(ChangeKind.Submitted, now, null, AssessmentStatus.Draft.ToKey(), AssessmentStatus.Submitted.ToKey()));
        Touch(now);
    }

    /// <summary>Takes a submitted assessment back to draft so its answers can change again.</summary>
    public void Reopen(DateTimeOffset now)
    {
        if (Status != AssessmentStatus.Submitted)
        {
            throw new InvalidOperationException("Only a submitted assessment can be re-opened.");
        }

        Status = AssessmentStatus.Draft;
        SubmittedAt = null;
        _changes.Add(new AssessmentChange(ChangeKind.Reopened, now, null, AssessmentStatus.Submitted.ToKey(), AssessmentStatus.Draft.ToKey()));
        Touch(now);
    }

    private static string Describe(AssessmentDetails d) =>
        $"{d.Title} · {d.BusinessUnit} · {d.Sponsor}" + (d.Description.Length > 0 ? $" · {d.Description}" : "");

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("This assessment has been submitted for review; re-open it to change it.");
        }
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
