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
    private readonly List<Confirmation> _confirmations = [];

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
        if (!QuestionKeys.Claimable.Contains(questionKey))
        {
            throw new ArgumentException($"'{questionKey}' is not a role that can be confirmed.", nameof(questionKey));
        }

        var name = _answers.Find(a => a.QuestionKey == questionKey)?.Value
            ?? throw new InvalidOperationException("Name the person before asking them to confirm.");
        email = (email ?? "").Trim();
        if (email.Length is 0 or > Confirmation.EmailMaxLength || !email.Contains('@', StringComparison.Ordinal) || !TextRules.IsClean(email, multiline: false))
        {
            throw new ArgumentException("Enter the person's email address.", nameof(email));
        }

        _confirmations.RemoveAll(c => c.QuestionKey == questionKey);
        var confirmation = new Confirmation(questionKey, name, email, tokenHash, now, now + validFor);
        _confirmations.Add(confirmation);
        _changes.Add(new AssessmentChange(ChangeKind.ConfirmationRequested, now, questionKey, null, $"{name} <{email}>"));
        Touch(now);
        return confirmation;
    }

    /// <summary>The named person's answer through their link. Allowed whatever the assessment's status.</summary>
    public void RespondToConfirmation(Guid confirmationId, bool confirmed, string? comment, DateTimeOffset now)
    {
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

    /// <summary>
    /// Scores the stored answers, and where the named people stand on confirming their roles at <paramref name="now"/>,
    /// with the questionnaire and model versions this assessment was started on.
    /// </summary>
    public ScoreResult Score(DateTimeOffset now) =>
        (ScoringModel.Find(ModelVersion) ?? throw new InvalidOperationException($"Scoring model version {ModelVersion} is not known."))
            .Score(Questionnaire, ReadAnswers(Questionnaire), ClaimStates(now));

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
