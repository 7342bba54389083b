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
public sealed class Assessment : IRecordsChanges
{
    private readonly List<AssessmentAnswer> _answers = [];
    private readonly List<AssessmentCollaborator> _collaborators = [];
    private readonly List<AssessmentChange> _changes = [];
    private readonly List<Confirmation> _confirmations = [];
    private readonly List<NotApplicableMark> _notApplicable = [];
    private readonly List<Evidence> _evidence = [];
    private readonly List<GateWaiver> _waivers = [];

    /// <summary>Starts a draft on <paramref name="version"/> (new assessments start on the catalog's current version).</summary>
    public Assessment(AssessmentDetails details, PublishedVersion version, string ownerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Id = Guid.CreateVersion7(now);
        PilotId = Id;
        Revision = 1;
        OwnerId = ownerId;
        Title = details.Title;
        BusinessUnit = details.BusinessUnit;
        Sponsor = details.Sponsor;
        Description = details.Description;
        QuestionnaireVersion = version.Version;
        ModelVersion = version.Model.Version;
        Status = AssessmentStatus.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
        Readiness = null!;
        Refresh(version, now);
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

    /// <summary>The questions marked "not applicable", each with its reason; such a question has no answer.</summary>
    public IReadOnlyCollection<NotApplicableMark> NotApplicable => _notApplicable.AsReadOnly();

    /// <summary>The reason of each question marked "not applicable", by question key.</summary>
    public IReadOnlyDictionary<string, string> NotApplicableReasons =>
        _notApplicable.ToDictionary(m => m.QuestionKey, m => m.Reason, StringComparer.Ordinal);

    /// <summary>Waivers of its gates asked for, approved, refused or lapsed, oldest first (see <see cref="GateWaivers"/>).</summary>
    public IReadOnlyCollection<GateWaiver> Waivers => _waivers.AsReadOnly();

    /// <summary>Requests to the people named for a role; the latest per question counts.</summary>
    public IReadOnlyCollection<Confirmation> Confirmations => _confirmations.AsReadOnly();

    /// <summary>The links and files behind the answers, oldest first (two added at the same moment in a fixed order, so every page and report lists them alike).</summary>
    public IReadOnlyList<Evidence> Evidence => [.. _evidence.OrderBy(e => e.AddedAt).ThenBy(e => e.Id)];

    /// <summary>Other sponsors who may edit this assessment.</summary>
    public IReadOnlyCollection<AssessmentCollaborator> Collaborators => _collaborators.AsReadOnly();

    Guid IRecordsChanges.AuditAssessmentId => Id;

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
    public Confirmation RequestConfirmation(
        IQuestionnaireCatalog catalog, string questionKey, string email, string tokenHash, DateTimeOffset now, TimeSpan validFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        EnsureAllowed(AssessmentAction.RequestConfirmation);
        FieldErrorsException.ThrowIfAny(CheckConfirmationRequest(catalog, questionKey, email));
        var name = _answers.Find(a => a.QuestionKey == questionKey)!.Value;
        email = email.Trim();

        _confirmations.RemoveAll(c => c.QuestionKey == questionKey);
        var confirmation = new Confirmation(questionKey, name, email, tokenHash, now, now + validFor);
        _confirmations.Add(confirmation);
        _changes.Add(new AssessmentChange(ChangeKind.ConfirmationRequested, now, questionKey, null, $"{name} <{email}>"));
        Touch(now, VersionIn(catalog));
        return confirmation;
    }

    /// <summary>
    /// What is wrong with asking <paramref name="email"/> to confirm the role of <paramref name="questionKey"/>: an empty
    /// list when the request can be sent (the state of the assessment is <see cref="WhyNot"/>'s to say).
    /// </summary>
    public IReadOnlyList<FieldError> CheckConfirmationRequest(IQuestionnaireCatalog catalog, string? questionKey, string? email)
    {
        var version = VersionIn(catalog);
        if (questionKey is null || !QuestionKeys.Claimable.Contains(questionKey))
        {
            return [new FieldError("questionKey", "That is not a role that can be confirmed.")];
        }

        if (_answers.Find(a => a.QuestionKey == questionKey) is not { } named)
        {
            return [new FieldError("questionKey", "Name the person in the questionnaire first.")];
        }

        if (version.Questionnaire.FindQuestion(questionKey) is not { } question)
        {
            return [new FieldError("questionKey", "This questionnaire version does not ask for that role.")];
        }

        if (version.Model.WhyNotCounted(question, new TextAnswer(named.Value)) is { } notAPerson)
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
    public void RespondToConfirmation(IQuestionnaireCatalog catalog, Guid confirmationId, bool confirmed, string? comment, DateTimeOffset now)
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
        Touch(now, VersionIn(catalog));
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
            AssessmentAction.ChangeAnswers or AssessmentAction.ChangeDetails or AssessmentAction.ChangeEvidence when Status != AssessmentStatus.Draft =>
                WrongState("This assessment has been submitted for review, so it is read-only; re-open it to change it."),
            AssessmentAction.Submit when Status != AssessmentStatus.Draft =>
                WrongState("Only a draft can be submitted for review; this one is already submitted."),
            AssessmentAction.Reopen when Status != AssessmentStatus.Submitted =>
                WrongState("Only a submitted assessment can be re-opened; this one is a draft."),
            AssessmentAction.Reassess when Status != AssessmentStatus.Submitted =>
                WrongState("Only a submitted assessment can be re-assessed; a draft can simply be changed."),
            AssessmentAction.RequestWaiver when Status != AssessmentStatus.Submitted =>
                WrongState("A waiver is asked for on an assessment submitted for review; submit this draft first."),
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

    /// <summary>The published version (questionnaire and scoring model) this assessment is on, from <paramref name="catalog"/>.</summary>
    public PublishedVersion VersionIn(IQuestionnaireCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var version = catalog.Get(QuestionnaireVersion);
        return version.Model.Version == ModelVersion ? version
            : throw new InvalidOperationException(
                $"Questionnaire version {QuestionnaireVersion} is scored by model {version.Model.Version}, but this assessment records model {ModelVersion}.");
    }

    /// <summary>The answers as stored, read with the questionnaire this assessment is on.</summary>
    public AnswerSet ReadAnswers(IQuestionnaireCatalog catalog) => ReadAnswers(VersionIn(catalog).Questionnaire);

    /// <summary>
    /// Scores the stored answers, and where the named people stand on confirming their roles at <paramref name="now"/>,
    /// with the questionnaire and model versions this assessment is on.
    /// </summary>
    public ScoreResult Score(IQuestionnaireCatalog catalog, DateTimeOffset now) => Score(VersionIn(catalog), now);

    private ScoreResult Score(PublishedVersion version, DateTimeOffset now) => GateWaivers.Apply(
        version.Model.Score(version.Questionnaire, ReadAnswers(version.Questionnaire), ClaimStates(now), NotApplicableReasons), _waivers, now);

    /// <summary>
    /// What this assessment would score on another version (a draft about to be published, for a preview): its answers
    /// carried as a move carries them (<see cref="MoveToQuestionnaire"/>), scored with that version's model. Changes
    /// nothing.
    /// </summary>
    public ScoreResult ScoreOn(IQuestionnaireCatalog catalog, PublishedVersion version, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(version);
        var carried = Carry(VersionIn(catalog).Questionnaire, version.Questionnaire, _answers);
        var answers = new AnswerSet(carried.Select(a => KeyValuePair.Create(a.Key, version.Questionnaire.GetQuestion(a.Key).Decode(a.Value))));
        return GateWaivers.Apply(version.Model.Score(version.Questionnaire, answers, ClaimStates(now), CarryNotApplicable(version)), _waivers, now);
    }

    /// <summary>
    /// The stored answers that do not count under this assessment's scoring model (a placeholder, a team named as a
    /// person, a person who declined), each with the reason to show beside its question.
    /// </summary>
    public IReadOnlyDictionary<string, string> NotCounted(IQuestionnaireCatalog catalog) => CountAnswers(VersionIn(catalog)).NotCounted;

    /// <summary>
    /// The stored answers that count under this assessment's scoring model. Whether an answer counts never depends on
    /// the time: of where the named people stand, only a decline matters (waiting and expired count alike).
    /// </summary>
    private CountedAnswers CountAnswers(PublishedVersion version)
    {
        var declined = new Dictionary<string, ClaimState>(StringComparer.Ordinal);
        foreach (var confirmation in _confirmations.Where(c => c.Status == ConfirmationStatus.Declined))
        {
            if (_answers.Find(a => a.QuestionKey == confirmation.QuestionKey)?.Value == confirmation.PersonName)
            {
                declined[confirmation.QuestionKey] = ClaimState.Declined;
            }
        }

        return version.Model.Count(version.Questionnaire, ReadAnswers(version.Questionnaire), declined);
    }

    /// <summary>
    /// The questions required to proceed that lack an answer that counts, in questionnaire order: while there is one,
    /// the assessment cannot be submitted.
    /// </summary>
    public IReadOnlyList<OpenBlocker> SubmitBlockers(IQuestionnaireCatalog catalog)
    {
        var version = VersionIn(catalog);
        var questionnaire = version.Questionnaire;
        var (counted, notCounted) = CountAnswers(version);
        return [.. questionnaire.Questions.Where(q => q.Blocker && !counted.ContainsKey(q.Key))
            .Select(q => new OpenBlocker(q.Key, q.SectionKey, q.Text, notCounted.GetValueOrDefault(q.Key) ?? "Not answered yet."))];
    }

    /// <summary>Null when the assessment can be submitted for review now; otherwise why not.</summary>
    public string? WhyNotSubmit(IQuestionnaireCatalog catalog)
    {
        if (!IsCurrent)
        {
            return "A newer version of this assessment exists; this one is kept read-only.";
        }

        if (Status != AssessmentStatus.Draft)
        {
            return "Only a draft can be submitted for review; this one is already submitted.";
        }

        var blockers = SubmitBlockers(catalog);
        return blockers.Count == 0 ? null
            : $"{blockers.Count} question{(blockers.Count == 1 ? "" : "s")} required to proceed need{(blockers.Count == 1 ? "s" : "")} a real answer first: " +
                string.Join("; ", blockers.Select(b => $"\"{b.Question}\"")) + ".";
    }

    /// <summary>
    /// What is wrong with adding evidence to <paramref name="questionKey"/> dated <paramref name="date"/> on
    /// <paramref name="today"/>, with a link (<paramref name="url"/>) unless <paramref name="isFile"/>: an empty list when
    /// it can be added (the state of the assessment is <see cref="WhyNot"/>'s to say; a file's content, the application's).
    /// </summary>
    public IReadOnlyList<FieldError> CheckEvidence(
        IQuestionnaireCatalog catalog, string? questionKey, DateOnly? date, DateOnly today, string? url, bool isFile)
    {
        var errors = new List<FieldError>();
        if (questionKey is null || VersionIn(catalog).Questionnaire.FindQuestion(questionKey) is null)
        {
            errors.Add(new FieldError("questionKey", "Choose a question of this assessment's questionnaire."));
        }
        else if (_evidence.Count(e => e.QuestionKey == questionKey) >= EvidenceRules.MaxPerQuestion)
        {
            errors.Add(new FieldError("questionKey", $"A question holds at most {EvidenceRules.MaxPerQuestion} pieces of evidence; remove one first."));
        }

        if (date is not { } day || day > today || day < Limits.DateMin)
        {
            errors.Add(new FieldError("date", "Give the date the evidence is from: a day from 2000 up to today."));
        }

        if (!isFile && EvidenceRules.CheckLink(url) is { } linkProblem)
        {
            errors.Add(new FieldError("url", linkProblem));
        }

        return errors;
    }

    /// <summary>Adds a link as evidence behind an answer (checked by <see cref="CheckEvidence"/>).</summary>
    public Evidence AddLink(IQuestionnaireCatalog catalog, string questionKey, string url, DateOnly date, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.ChangeEvidence);
        FieldErrorsException.ThrowIfAny(CheckEvidence(catalog, questionKey, date, now.Day(), url, isFile: false));
        return Add(new Evidence(questionKey, EvidenceKind.Link, url.Trim(), null, date, now), now);
    }

    /// <summary>Adds a stored file as evidence behind an answer (checked by <see cref="CheckEvidence"/>; its name cleaned).</summary>
    public Evidence AddFile(IQuestionnaireCatalog catalog, string questionKey, EvidenceFile file, DateOnly date, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureAllowed(AssessmentAction.ChangeEvidence);
        FieldErrorsException.ThrowIfAny(CheckEvidence(catalog, questionKey, date, now.Day(), null, isFile: true));
        if (file.Size is <= 0 or > EvidenceRules.MaxFileBytes)
        {
            throw new ArgumentException(EvidenceRules.TooLargeMessage, nameof(file));
        }

        var cleaned = file with { Name = EvidenceRules.CleanFileName(file.Name, file.Type) };
        return Add(new Evidence(questionKey, EvidenceKind.File, null, cleaned, date, now), now);
    }

    private Evidence Add(Evidence evidence, DateTimeOffset now)
    {
        _evidence.Add(evidence);
        _changes.Add(new AssessmentChange(ChangeKind.EvidenceAdded, now, evidence.QuestionKey, null, evidence.Describe()));
        Touch(now);
        return evidence;
    }

    /// <summary>Removes one piece of evidence; null, changing nothing, when this assessment has none with that id.</summary>
    public Evidence? RemoveEvidence(Guid evidenceId, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.ChangeEvidence);
        var evidence = _evidence.Find(e => e.Id == evidenceId);
        if (evidence is null)
        {
            return null;
        }

        _evidence.Remove(evidence);
        _changes.Add(new AssessmentChange(ChangeKind.EvidenceRemoved, now, evidence.QuestionKey, evidence.Describe()));
        Touch(now);
        return evidence;
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
    /// Every problem with the "not applicable" marks among <paramref name="changes"/> (<see cref="NotApplicableAnswer"/>),
    /// taken with the marks already made, each against its question key (see <see cref="ScoringModel.CheckNotApplicable"/>).
    /// Empty when <see cref="SetAnswers"/> can apply them.
    /// </summary>
    public IReadOnlyList<FieldError> CheckNotApplicable(IQuestionnaireCatalog catalog, IReadOnlyDictionary<string, Answer?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var version = VersionIn(catalog);
        var marks = _notApplicable.ToDictionary(m => m.QuestionKey, m => m.Reason, StringComparer.Ordinal);
        foreach (var (key, answer) in changes)
        {
            if (answer is NotApplicableAnswer na)
            {
                marks[key] = na.Reason;
            }
            else
            {
                marks.Remove(key);
            }
        }

        return version.Model.CheckNotApplicable(version.Questionnaire, marks);
    }

    /// <summary>
    /// Sets, replaces or (with a null answer) clears answers, all or nothing: every answer is checked before any is
    /// applied. A <see cref="NotApplicableAnswer"/> marks its question not applicable (clearing its answer); any other
    /// answer, or null, takes such a mark away. Returns the number of answers that actually changed; the version goes up
    /// only when one did.
    /// </summary>
    public int SetAnswers(IQuestionnaireCatalog catalog, IReadOnlyDictionary<string, Answer?> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        EnsureAllowed(AssessmentAction.ChangeAnswers);
        var version = VersionIn(catalog);
        var questionnaire = version.Questionnaire;
        FieldErrorsException.ThrowIfAny(CheckNotApplicable(catalog, changes));

        var checkedChanges = new List<(string Key, string? Value)>();
        var marking = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, answer) in changes)
        {
            var question = questionnaire.FindQuestion(key)
                ?? throw new ArgumentException($"There is no question '{key}'.", nameof(changes));
            if (answer is NotApplicableAnswer na)
            {
                marking[key] = na.Reason.ReplaceLineEndings("\n").Trim();
                checkedChanges.Add((key, null));
                continue;
            }

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

        foreach (var key in changes.Keys)
        {
            var mark = _notApplicable.Find(m => m.QuestionKey == key);
            var reason = marking.GetValueOrDefault(key);
            if (mark is not null && mark.Reason != reason)
            {
                _notApplicable.Remove(mark);
                _changes.Add(new AssessmentChange(ChangeKind.NotApplicableCleared, now, key, mark.Reason));
                changed++;
            }

            if (reason is not null && mark?.Reason != reason)
            {
                _notApplicable.Add(new NotApplicableMark(key, reason, now));
                _changes.Add(new AssessmentChange(ChangeKind.MarkedNotApplicable, now, key, null, reason));
                changed++;
            }
        }

        if (changed > 0)
        {
            Touch(now, version);
        }

        return changed;
    }

    /// <summary>Submits a draft for review; refused (see <see cref="WhyNotSubmit"/>) while a required question lacks a real answer.</summary>
    public void Submit(IQuestionnaireCatalog catalog, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.Submit);
        if (WhyNotSubmit(catalog) is { } blocked)
        {
            throw new RefusedException(new Refusal(RefusalKind.WrongState, blocked));
        }

        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        _changes.Add(new AssessmentChange(ChangeKind.Submitted, now, null, AssessmentStatus.Draft.ToKey(), AssessmentStatus.Submitted.ToKey()));
        Touch(now);
    }

    /// <summary>
    /// Takes a submitted assessment back to draft so its answers can change again. A draft is never on a version whose
    /// rules count every given answer (<see cref="OnRetiredRules"/>): one answered against such a version moves to the
    /// catalog's current version in the same operation.
    /// </summary>
    public void Reopen(IQuestionnaireCatalog catalog, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.Reopen);
        Status = AssessmentStatus.Draft;
        SubmittedAt = null;
        _changes.Add(new AssessmentChange(ChangeKind.Reopened, now, null, AssessmentStatus.Submitted.ToKey(), AssessmentStatus.Draft.ToKey()));
        Touch(now);
        if (OnRetiredRules(catalog))
        {
            MoveToQuestionnaire(catalog, catalog.Current.Version, now);
        }
    }

    /// <summary>
    /// This assessment is on a version scored by the first generation of rules (every given answer counts, ADR 0010): it
    /// keeps it as long as it is submitted or superseded, but a draft moves off it.
    /// </summary>
    public bool OnRetiredRules(IQuestionnaireCatalog catalog) => !VersionIn(catalog).Model.JudgesAnswers;

    /// <summary>
    /// Moves a draft to another published version and its scoring model, carrying every answer whose question is still
    /// asked the same way (same key and type, and the answer still fits); the change is kept in the audit trail. Returns
    /// false, changing nothing, for a draft already on that version. Submitted and superseded versions never move: they
    /// keep the versions that scored them.
    /// </summary>
    public bool MoveToQuestionnaire(IQuestionnaireCatalog catalog, int questionnaireVersion, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.ChangeAnswers);
        var target = catalog.Get(questionnaireVersion);
        if (QuestionnaireVersion == target.Version)
        {
            return false;
        }

        var from = VersionIn(catalog);
        var carried = Carry(from.Questionnaire, target.Questionnaire, _answers);
        var left = _answers.Where(a => !carried.ContainsKey(a.QuestionKey)).ToList();
        _changes.Add(new AssessmentChange(ChangeKind.QuestionnaireMoved, now, null,
            $"questionnaire {from.Version}, scoring model {ModelVersion}",
            $"questionnaire {target.Version}, scoring model {target.Model.Version}: {carried.Count} answer{(carried.Count == 1 ? "" : "s")} carried" +
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

        var marks = CarryNotApplicable(target);
        foreach (var mark in _notApplicable.Where(m => !marks.ContainsKey(m.QuestionKey)).ToList())
        {
            _notApplicable.Remove(mark);
            _changes.Add(new AssessmentChange(ChangeKind.NotApplicableCleared, now, mark.QuestionKey, mark.Reason));
        }

        foreach (var evidence in _evidence.Where(e => target.Questionnaire.FindQuestion(e.QuestionKey) is null).ToList())
        {
            _evidence.Remove(evidence);
            _changes.Add(new AssessmentChange(ChangeKind.EvidenceRemoved, now, evidence.QuestionKey, evidence.Describe()));
        }

        QuestionnaireVersion = target.Version;
        ModelVersion = target.Model.Version;
        Touch(now, target);
        return true;
    }

    /// <summary>
    /// The versions a re-assessment of this one may start on, the default first: the catalog's current version, and this
    /// one's own unless it is on retired rules (<see cref="OnRetiredRules"/>).
    /// </summary>
    public IReadOnlyList<int> ReassessOnto(IQuestionnaireCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var current = catalog.Current.Version;
        return QuestionnaireVersion == current || OnRetiredRules(catalog) ? [current] : [current, QuestionnaireVersion];
    }

    /// <summary>Null when a re-assessment may start on <paramref name="questionnaireVersion"/> (see <see cref="ReassessOnto"/>); otherwise why not.</summary>
    public string? WhyNotReassessOnto(IQuestionnaireCatalog catalog, int questionnaireVersion)
    {
        var onto = ReassessOnto(catalog);
        return onto.Contains(questionnaireVersion) ? null
            : $"A re-assessment starts on questionnaire version {string.Join(" or ", onto)}, not {questionnaireVersion}.";
    }

    /// <summary>
    /// Starts the next version of this pilot's assessment from its answers, owner, collaborators, the roles the named
    /// people have answered (confirmed or declined; a request still waiting is not carried, its link belongs to this
    /// version), the evidence of every question still asked (the new version's rows share the stored files) and the
    /// current decision. The new version is on <paramref name="questionnaireVersion"/> (one of
    /// <see cref="ReassessOnto"/>; the catalog's current version when not given), answers carried as
    /// <see cref="MoveToQuestionnaire"/> carries them; this version becomes read-only and keeps the versions that scored it.
    /// </summary>
    public Assessment Reassess(IQuestionnaireCatalog catalog, DateTimeOffset now, int? questionnaireVersion = null)
    {
        EnsureAllowed(AssessmentAction.Reassess);
        var target = questionnaireVersion ?? ReassessOnto(catalog)[0];
        if (WhyNotReassessOnto(catalog, target) is { } refused)
        {
            throw new ArgumentException(refused, nameof(questionnaireVersion));
        }

        var version = catalog.Get(target);
        var next = new Assessment(Details, version, OwnerId, now)
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
        next._answers.AddRange(Carry(VersionIn(catalog).Questionnaire, version.Questionnaire, _answers).Select(a => new AssessmentAnswer(a.Key, a.Value, now)));
        next._notApplicable.AddRange(CarryNotApplicable(version).Select(m => new NotApplicableMark(m.Key, m.Value, now)));

        next._collaborators.AddRange(_collaborators.Select(c => new AssessmentCollaborator(c.UserId, c.AddedAt)));
        next._confirmations.AddRange(_confirmations.Where(c => c.Status != ConfirmationStatus.Pending).Select(c => c.CarriedOver(now)));
        next._evidence.AddRange(_evidence.Where(e => version.Questionnaire.FindQuestion(e.QuestionKey) is not null).Select(e => e.CarriedOver(now)));
        next._waivers.AddRange(_waivers.Where(w => w.IsOpenAt(now)).Select(w => w.CarriedOver(now)));
        next.Refresh(version, now);

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

    /// <summary>
    /// The "not applicable" marks carried onto <paramref name="version"/>: all of them when they still pass its checks
    /// together, otherwise those that pass on their own in sections that keep a question earning points; the rest are
    /// dropped and their questions start unanswered.
    /// </summary>
    private Dictionary<string, string> CarryNotApplicable(PublishedVersion version)
    {
        var marks = _notApplicable.ToDictionary(m => m.QuestionKey, m => m.Reason, StringComparer.Ordinal);
        var refused = version.Model.CheckNotApplicable(version.Questionnaire, marks).Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var key in refused)
        {
            marks.Remove(key);
        }

        return version.Model.CheckNotApplicable(version.Questionnaire, marks).Count == 0 ? marks : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// What is wrong with asking to waive <paramref name="gateKey"/> for <paramref name="reason"/> at <paramref name="now"/>:
    /// empty when it can be asked for. The gate must be triggered now, waivable, and have no waiver waiting or holding.
    /// Whether the assessment's state allows a request is <see cref="WhyNot"/>'s to say.
    /// </summary>
    public IReadOnlyList<FieldError> CheckWaiverRequest(IQuestionnaireCatalog catalog, string? gateKey, string? reason, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var triggered = Score(catalog, now).Gates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(gateKey) || !triggered.Contains(gateKey))
        {
            errors.Add(new FieldError("gate", "Choose a gate that is triggered on this assessment."));
        }
        else if (GateWaivers.WhyNotWaivable(gateKey) is { } notWaivable)
        {
            errors.Add(new FieldError("gate", notWaivable));
        }
        else if (_waivers.Any(w => w.GateKey == gateKey && w.IsOpenAt(now)))
        {
            errors.Add(new FieldError("gate", $"The gate \"{GateSetNames.LabelOf(gateKey)}\" already has a waiver waiting for a reviewer or holding."));
        }

        errors.AddRange(WaiverText(reason, "reason", "Say why the gate should not hold this pilot back for now."));
        return errors;
    }

    /// <summary>The triggered gates a waiver may be asked for at <paramref name="now"/>: waivable, with none waiting or holding.</summary>
    public IReadOnlyList<GateResult> WaivableGates(IQuestionnaireCatalog catalog, DateTimeOffset now) =>
        [.. Score(catalog, now).Gates.DistinctBy(g => g.Key)
            .Where(g => GateWaivers.WhyNotWaivable(g.Key) is null && !_waivers.Any(w => w.GateKey == g.Key && w.IsOpenAt(now)))];

    /// <summary>A sponsor asks for a waiver of a triggered gate (checked by <see cref="CheckWaiverRequest"/>); a reviewer answers it.</summary>
    public GateWaiver RequestWaiver(IQuestionnaireCatalog catalog, string gateKey, string reason, string userId, string userName, DateTimeOffset now)
    {
        EnsureAllowed(AssessmentAction.RequestWaiver);
        FieldErrorsException.ThrowIfAny(CheckWaiverRequest(catalog, gateKey, reason, now));
        var waiver = new GateWaiver(gateKey, reason.Trim(), userId, userName, now);
        _waivers.Add(waiver);
        _changes.Add(new AssessmentChange(ChangeKind.WaiverRequested, now, gateKey, null, waiver.Reason));
        Touch(now);
        return waiver;
    }

    /// <summary>Null when waiver <paramref name="waiverId"/> can be answered; otherwise why not (it has been already).</summary>
    public Refusal? WhyNotDecideWaiver(Guid waiverId) =>
        _waivers.Find(w => w.Id == waiverId) is { Status: not WaiverStatus.Requested } w
            ? new Refusal(RefusalKind.WrongState, $"This waiver has already been {w.Status.ToKey()}; ask for a new one if it is needed again.")
            : null;

    /// <summary>
    /// What is wrong with a reviewer's answer to a waiver on <paramref name="today"/>: an approval needs a last day after
    /// today (up to <see cref="Limits.DateMax"/>); a refusal needs a note saying why.
    /// </summary>
    public static IReadOnlyList<FieldError> CheckWaiverDecision(bool approve, DateOnly? until, string? note, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (approve && (until is not { } day || day <= today || day > Limits.DateMax))
        {
            errors.Add(new FieldError("until", until is { } given && given <= today
                ? "The waiver's last day must be in the future."
                : $"Give the waiver's last day: a date after today, before {Limits.DateMax.Year + 1}."));
        }

        errors.AddRange(WaiverText(note, "note", approve ? null : "Say why the waiver is refused."));
        return errors;
    }

    /// <summary>A reviewer approves a waiver until the end of <paramref name="until"/>: the gate stops capping the verdict until then.</summary>
    public void ApproveWaiver(
        IQuestionnaireCatalog catalog, Guid waiverId, DateOnly until, string? note, string reviewerId, string reviewerName, DateTimeOffset now)
    {
        var waiver = WaiverToDecide(waiverId);
        FieldErrorsException.ThrowIfAny(CheckWaiverDecision(true, until, note, now.Day()));
        waiver.Approve(reviewerId, reviewerName, until, Clean(note), now);
        _changes.Add(new AssessmentChange(ChangeKind.WaiverApproved, now, waiver.GateKey, null, $"until {until:yyyy-MM-dd}" + (waiver.Note is null ? "" : $": {waiver.Note}")));
        Touch(now, VersionIn(catalog));
    }

    /// <summary>A reviewer refuses a waiver, saying why; the gate keeps capping the verdict.</summary>
    public void RefuseWaiver(Guid waiverId, string note, string reviewerId, string reviewerName, DateTimeOffset now)
    {
        var waiver = WaiverToDecide(waiverId);
        FieldErrorsException.ThrowIfAny(CheckWaiverDecision(false, null, note, now.Day()));
        waiver.Refuse(reviewerId, reviewerName, note.Trim(), now);
        _changes.Add(new AssessmentChange(ChangeKind.WaiverRefused, now, waiver.GateKey, null, waiver.Note));
        Touch(now);
    }

    /// <summary>
    /// Records every approved waiver that expired by <paramref name="now"/> and was not recorded yet, and brings the stored
    /// readiness back with its gates capping again. Returns how many lapsed; zero (changing nothing) for none, or for a
    /// version no longer current.
    /// </summary>
    public int RecordLapsedWaivers(IQuestionnaireCatalog catalog, DateTimeOffset now)
    {
        var lapsed = IsCurrent ? _waivers.Where(w => w.LapsedAt(now) && w.LapseRecordedAt is null).ToList() : [];
        foreach (var waiver in lapsed)
        {
            waiver.RecordLapse(now);
            _changes.Add(new AssessmentChange(ChangeKind.WaiverLapsed, now, waiver.GateKey, null, $"ended {waiver.Until:yyyy-MM-dd}"));
        }

        if (lapsed.Count > 0)
        {
            Touch(now, VersionIn(catalog));
        }

        return lapsed.Count;
    }

    private GateWaiver WaiverToDecide(Guid waiverId)
    {
        EnsureAllowed(AssessmentAction.DecideWaiver);
        var waiver = _waivers.Find(w => w.Id == waiverId) ?? throw new ArgumentException("This assessment has no such waiver.", nameof(waiverId));
        if (WhyNotDecideWaiver(waiverId) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        return waiver;
    }

    private static IEnumerable<FieldError> WaiverText(string? value, string field, string? missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return missing is null ? [] : [new FieldError(field, missing)];
        }

        return !TextRules.IsClean(value, multiline: true) ? [new FieldError(field, TextRules.InvalidCharactersMessage)]
            : value.Trim().Length > GateWaiver.ReasonMaxLength ? [new FieldError(field, $"Keep it to {GateWaiver.ReasonMaxLength} characters or fewer.")]
            : [];
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
    /// Recomputes the stored <see cref="Readiness"/> from the answers. Every change that can move the score does this
    /// itself; call it only for rows stored before the summary existed. Not a change: the version and the audit trail
    /// stay as they are.
    /// </summary>
    public void RefreshReadiness(IQuestionnaireCatalog catalog, DateTimeOffset now) => Refresh(VersionIn(catalog), now);

    private void Refresh(PublishedVersion version, DateTimeOffset now) =>
        Readiness = Readiness.Of(Score(version, now), ClaimStates(now).GetValueOrDefault(QuestionKeys.ProductionOwner));

    /// <summary>A change that leaves the score as it was (details, status, collaborators, a decision).</summary>
    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>A change that may move the score: the stored headline follows.</summary>
    private void Touch(DateTimeOffset now, PublishedVersion version)
    {
        Touch(now);
        Refresh(version, now);
    }
}
