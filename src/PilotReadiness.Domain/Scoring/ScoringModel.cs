using System.Globalization;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Scoring;

/// <summary>The answers that count under a scoring model, and why each of the others does not.</summary>
public sealed record CountedAnswers(AnswerSet Counted, IReadOnlyDictionary<string, string> NotCounted);

/// <summary>
/// A published version of the scoring rules: thresholds that turn the overall score into a verdict, and the gates
/// that cap the verdict whatever the score. Pure: the same answers and version always give the same result.
/// Each model scores the answers to one questionnaire version. A model is data (a version's definition, see
/// <see cref="Questionnaires.QuestionnaireDefinition"/>): its generation of rules (<see cref="Rules"/>) says how answers
/// are judged and what each gate checks; the thresholds, the production multiple and which gates apply are its own.
/// </summary>
public sealed class ScoringModel
{
    private readonly IReadOnlyList<Gate> _gates;

    /// <summary>Builds a model; throws <see cref="ArgumentException"/> with a message a person can act on when a value is out of range.</summary>
    /// <param name="gateKeys">The gates that apply, among those of the generation of rules; checked in the rules' own order.</param>
    public ScoringModel(
        string version, int questionnaireVersion, int rules, int goAt, int conditionsAt, int notReadyAt, decimal productionMultiple,
        IEnumerable<string> gateKeys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(gateKeys);
        var errors = Check(rules, goAt, conditionsAt, notReadyAt, productionMultiple, gateKeys);
        if (errors.Count > 0)
        {
            throw new ArgumentException(errors[0].Message, errors[0].Field);
        }

        var keys = gateKeys.ToHashSet(StringComparer.Ordinal);
        Version = version;
        QuestionnaireVersion = questionnaireVersion;
        Rules = rules;
        GoAt = goAt;
        ConditionsAt = conditionsAt;
        NotReadyAt = notReadyAt;
        ProductionMultiple = productionMultiple;
        _gates = [.. Gates.Of(rules).Where(g => keys.Contains(g.Key))];
    }

    /// <summary>The generations of rules there are: 1 (every given answer counts) and 2 (non-answers do not count).</summary>
    public static IReadOnlyList<int> RuleGenerations { get; } = [1, 2];

    public const decimal ProductionMultipleMin = 1m;

    public const decimal ProductionMultipleMax = 20m;

    /// <summary>Version 1 of the rules, for questionnaire 1, described in docs/scoring-model.md. Every given answer counts.</summary>
    public static ScoringModel V1 { get; } = new("1", 1, rules: 1, goAt: 75, conditionsAt: 55, notReadyAt: 35, productionMultiple: 3m, GateKeysOf(1));

    /// <summary>
    /// Version 2, for questionnaire 2: an answer that says nothing counts as no answer, a named person earns full points
    /// once they confirm, and the gates read only the answers that count (docs/scoring-model.md).
    /// </summary>
    public static ScoringModel V2 { get; } = new("2", 2, rules: 2, goAt: 75, conditionsAt: 55, notReadyAt: 35, productionMultiple: 3m, GateKeysOf(2));

    public string Version { get; }

    /// <summary>The questionnaire version whose answers this model scores.</summary>
    public int QuestionnaireVersion { get; }

    /// <summary>The generation of rules: how answers are judged and what each gate checks (1 or 2).</summary>
    public int Rules { get; }

    /// <summary>Tells real answers from non-answers and makes points of named people follow their confirmation.</summary>
    public bool JudgesAnswers => Rules >= 2;

    /// <summary>Lowest overall score with a <see cref="Verdict.Go"/> recommendation.</summary>
    public int GoAt { get; }

    public int ConditionsAt { get; }

    public int NotReadyAt { get; }

    /// <summary>The production budget (and, from version 2, the production effort) should be at least this multiple of the prototype's.</summary>
    public decimal ProductionMultiple { get; }

    /// <summary>The gates that apply, in the order they are checked (an unanswered essential question always applies besides).</summary>
    public IReadOnlyList<string> GateKeys => [.. _gates.Select(g => g.Key)];

    /// <summary>Every gate a generation of rules offers, in the order it checks them.</summary>
    public static IReadOnlyList<string> GateKeysOf(int rules) => [.. Gates.Of(rules).Select(g => g.Key)];

    /// <summary>The questions a gate of a generation of rules reads; a questionnaire without one of them cannot use the gate.</summary>
    public static IReadOnlyList<GateQuestion> GateReads(int rules, string gateKey) =>
        Gates.Of(rules).FirstOrDefault(g => g.Key == gateKey)?.Reads
            ?? throw new ArgumentException($"The rules of generation {rules} have no gate '{gateKey}'.", nameof(gateKey));

    /// <summary>
    /// Every problem with these settings, against the field of a version's definition it is in (<c>scoring.goAt</c>, …);
    /// empty when they make a model. Whether the questionnaire has each gate's questions is the definition's to check.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(int rules, int goAt, int conditionsAt, int notReadyAt, decimal productionMultiple, IEnumerable<string> gateKeys)
    {
        ArgumentNullException.ThrowIfNull(gateKeys);
        var errors = new List<FieldError>();
        if (!RuleGenerations.Contains(rules))
        {
            errors.Add(new FieldError("scoring.rules", $"The rules are generation {string.Join(" or ", RuleGenerations)}."));
            return errors;
        }

        if (notReadyAt is < 1 or > 98 || conditionsAt <= notReadyAt || goAt <= conditionsAt || goAt > 100)
        {
            errors.Add(new FieldError("scoring.goAt",
                "The thresholds must rise: not ready from at least 1, go with conditions above it, go above that and at most 100."));
        }

        if (productionMultiple < ProductionMultipleMin || productionMultiple > ProductionMultipleMax || decimal.Round(productionMultiple, 1) != productionMultiple)
        {
            errors.Add(new FieldError("scoring.productionMultiple",
                $"The production multiple is between {FormatMultiple(ProductionMultipleMin)} and {FormatMultiple(ProductionMultipleMax)}, with at most one decimal (3 means 3×)."));
        }

        var known = GateKeysOf(rules);
        var keys = gateKeys.ToList();
        foreach (var unknown in keys.Where(k => !known.Contains(k)).Distinct(StringComparer.Ordinal))
        {
            errors.Add(new FieldError("scoring.gates", $"'{unknown}' is not a gate of the rules of generation {rules} ({string.Join(", ", known)})."));
        }

        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add(new FieldError("scoring.gates", "Name each gate once."));
        }

        return errors;
    }

    public Verdict VerdictForScore(int overall) =>
        overall >= GoAt ? Verdict.Go
        : overall >= ConditionsAt ? Verdict.GoWithConditions
        : overall >= NotReadyAt ? Verdict.NotReady
        : Verdict.NoGo;

    /// <summary>
    /// Null when <paramref name="answer"/> counts as an answer to <paramref name="question"/> under this model; otherwise
    /// why not, in words a sponsor can act on. Looks at the answer alone (a placeholder, a team instead of a person);
    /// <see cref="Count"/> also takes in a named person's decline.
    /// </summary>
    public string? WhyNotCounted(Question question, Answer? answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        return !JudgesAnswers ? null : (question.Type, answer) switch
        {
            (QuestionType.Text, TextAnswer t) => AnswerQuality.WhyNotAnAnswer(t.Value, question.Text, question.MinWords, question.Measurable),
            (QuestionType.Person, TextAnswer t) => AnswerQuality.WhyNotAPerson(t.Value),
            _ => null,
        };
    }

    /// <summary>
    /// Null when <paramref name="question"/> may be answered "not applicable" under this model; otherwise why not. A
    /// question required to proceed, or one a gate of this model reads, always needs an answer.
    /// </summary>
    public string? WhyNotApplicable(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Blocker)
        {
            return $"\"{question.Text}\" is required to proceed, so it cannot be marked not applicable.";
        }

        return _gates.FirstOrDefault(g => g.Reads.Any(r => r.Key == question.Key)) is { } gate
            ? $"\"{question.Text}\" is read by the gate \"{GateSetNames.LabelOf(gate.Key)}\", so it cannot be marked not applicable."
            : null;
    }

    /// <summary>
    /// Every problem with marking these questions "not applicable" (question key to reason) together, against the question
    /// key: each must be a question this model lets go, with a reason, and each section keeps at least one question
    /// that earns points. Empty when they can all be marked.
    /// </summary>
    public IReadOnlyList<FieldError> CheckNotApplicable(Questionnaire questionnaire, IReadOnlyDictionary<string, string> marks)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(marks);
        var errors = new List<FieldError>();
        foreach (var (key, reason) in marks)
        {
            var why = questionnaire.FindQuestion(key) is not { } question ? $"There is no question '{key}'."
                : WhyNotApplicable(question) ?? NotApplicableAnswer.CheckReason(reason);
            if (why is not null)
            {
                errors.Add(new FieldError(key, why));
            }
        }

        foreach (var section in questionnaire.Sections.Where(s => !s.Questions.Any(q => q.IsScored && !marks.ContainsKey(q.Key))))
        {
            var last = section.Questions.Last(q => q.IsScored && marks.ContainsKey(q.Key));
            errors.Add(new FieldError(last.Key, $"Every question of \"{section.Title}\" that earns points would be not applicable; answer at least one of them."));
        }

        return errors;
    }

    /// <summary>
    /// The answers that count under this model, and why each other one does not. Under a model that judges answers, a
    /// non-answer does not count, and neither does a named person who declined the role.
    /// </summary>
    public CountedAnswers Count(Questionnaire questionnaire, AnswerSet answers, IReadOnlyDictionary<string, ClaimState>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        if (!JudgesAnswers)
        {
            return new CountedAnswers(answers, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        claims ??= new Dictionary<string, ClaimState>();
        var notCounted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, answer) in answers)
        {
            if (questionnaire.FindQuestion(key) is not { } question)
            {
                continue;
            }

            var why = WhyNotCounted(question, answer)
                ?? (claims.GetValueOrDefault(key) == ClaimState.Declined
                    ? $"{question.Describe(answer)} declined the role, so the answer counts as none."
                    : null);
            if (why is not null)
            {
                notCounted[key] = why;
            }
        }

        return new CountedAnswers(new AnswerSet(answers.Where(a => !notCounted.ContainsKey(a.Key))), notCounted);
    }

    /// <param name="claims">
    /// Where the people named for a role stand on confirming it (see <see cref="Assessments.Assessment.ClaimStates"/>);
    /// missing means no request was sent. A declined production owner counts as no owner.
    /// </param>
    /// <param name="notApplicable">
    /// Questions marked "not applicable" (key to reason; see <see cref="CheckNotApplicable"/>): they earn nothing, leave
    /// their section's denominator and have no finding, so marking one never scores above answering it fully.
    /// </param>
    public ScoreResult Score(
        Questionnaire questionnaire, AnswerSet answers, IReadOnlyDictionary<string, ClaimState>? claims = null,
        IReadOnlyDictionary<string, string>? notApplicable = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        if (questionnaire.Version != QuestionnaireVersion)
        {
            throw new ArgumentException(
                $"Scoring model {Version} scores questionnaire version {QuestionnaireVersion}, not {questionnaire.Version}.", nameof(questionnaire));
        }

        claims ??= new Dictionary<string, ClaimState>();
        notApplicable ??= new Dictionary<string, string>(StringComparer.Ordinal);
        answers = new AnswerSet(answers.Where(a => !notApplicable.ContainsKey(a.Key)));
        var (counted, notCounted) = Count(questionnaire, answers, claims);
        var points = new Points(this, counted, claims, notApplicable);

        var sections = questionnaire.Sections.Select(s => ScoreSection(s, answers, notCounted, points)).ToList();
        var totalWeight = questionnaire.TotalWeight;
        var overall = RoundScore(sections.Sum(s => (decimal)s.Weight * s.Score) / totalWeight);

        var context = new GateContext(this, questionnaire, counted, answers, notCounted, claims);
        var gates = new List<(GateResult Result, string? QuestionKey, IReadOnlyList<string> Covers)>();
        foreach (var gate in _gates)
        {
            var result = gate.Evaluate(context);
            if (result is not null)
            {
                gates.Add((result, gate.Covers.FirstOrDefault(k => !counted.ContainsKey(k)) ?? (gate.Covers.Count > 0 ? gate.Covers[0] : null), gate.Covers));
            }
        }

        var gatedQuestions = gates.SelectMany(g => g.Covers).ToHashSet(StringComparer.Ordinal);
        foreach (var question in questionnaire.Questions.Where(q => q.Blocker && !counted.ContainsKey(q.Key) && !gatedQuestions.Contains(q.Key)))
        {
            var message = notCounted.TryGetValue(question.Key, out var why)
                ? $"\"{question.Text}\" needs a real answer before this pilot can go ahead. {why}"
                : $"\"{question.Text}\" must be answered before this pilot can go ahead.";
            gates.Add((new GateResult(Gates.BlockerUnanswered, question.SectionKey, Verdict.NotReady, message, question.Action),
                question.Key, [question.Key]));
            gatedQuestions.Add(question.Key);
        }

        var scoreVerdict = VerdictForScore(overall);
        var verdict = gates.Aggregate(scoreVerdict, (v, g) => VerdictNames.Min(v, g.Result.Cap));

        var findings = new List<Finding>();
        foreach (var (gate, questionKey, covers) in gates)
        {
            var gain = questionKey is null ? 0 : Gain(questionnaire, totalWeight, covers, points);
            findings.Add(new Finding(gate.SectionKey, Severity.Critical, "gate:" + gate.Key, gate.Message, gate.Action, gain, questionKey));
        }

        foreach (var question in questionnaire.Questions.Where(q => q.IsScored && !gatedQuestions.Contains(q.Key)))
        {
            var earned = points.Earned(question);
            if (earned >= points.Max(question))
            {
                continue;
            }

            var gain = Gain(questionnaire, totalWeight, [question.Key], points);
            var severity = question.Blocker || gain >= 3m ? Severity.Major : Severity.Minor;
            findings.Add(QuestionFinding(question, answers.GetValueOrDefault(question.Key), notCounted.GetValueOrDefault(question.Key), earned, severity, gain));
        }

        if (JudgesAnswers)
        {
            findings.AddRange(OwnersDiffer(questionnaire, counted));
        }
        else
        {
            findings.AddRange(ClaimFindings(questionnaire, answers, claims, gatedQuestions));
        }

        var order = questionnaire.Questions.Select((q, i) => (q.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var ordered = findings
            .OrderByDescending(f => f.Severity == Severity.Critical)
            .ThenBy(f => gates.FirstOrDefault(g => "gate:" + g.Result.Key == f.Rule && g.QuestionKey == f.QuestionKey).Result?.Cap ?? Verdict.Go)
            .ThenByDescending(f => f.Gain)
            .ThenBy(f => f.QuestionKey is null ? int.MaxValue : order.GetValueOrDefault(f.QuestionKey, int.MaxValue))
            .ToList();

        return new ScoreResult(
            overall,
            verdict,
            scoreVerdict,
            gates.Any(g => g.Result.Key == Gates.PilotTheatre),
            sections,
            [.. gates.Select(g => g.Result)],
            ordered,
            questionnaire.Version,
            Version);
    }

    private Finding QuestionFinding(Question question, Answer? given, string? notCounted, int earned, Severity severity, decimal gain)
    {
        if (given is null)
        {
            return new Finding(question.SectionKey, severity, "question:" + question.Key, $"Not answered: \"{question.Text}\"", question.Action, gain, question.Key);
        }

        if (notCounted is not null)
        {
            return new Finding(question.SectionKey, severity, "question:" + question.Key,
                $"\"{question.Text}\" Answered \"{Shorten(question.Describe(given))}\", which does not count: {notCounted}",
                question.Action, gain, question.Key);
        }

        if (JudgesAnswers && IsClaimable(question))
        {
            return new Finding(question.SectionKey, severity, "question:" + question.Key,
                $"\"{question.Text}\" {question.Describe(given)} is named but has not confirmed the role yet, which earns {earned} of {question.MaxPoints} points.",
                $"Ask {question.Describe(given)} to confirm from the review page, or remind them to answer; a confirmed name earns all {question.MaxPoints} points.",
                gain, question.Key);
        }

        return new Finding(question.SectionKey, severity, "question:" + question.Key,
            $"\"{question.Text}\" Answered \"{Shorten(question.Describe(given))}\", which earns {earned} of {question.MaxPoints} points.",
            question.Action, gain, question.Key);
    }

    /// <summary>Model 1: requests sent and not (or not yet) accepted are findings; a request not sent yet is the sponsor's to send.</summary>
    private static IEnumerable<Finding> ClaimFindings(
        Questionnaire questionnaire, AnswerSet answers, IReadOnlyDictionary<string, ClaimState> claims, HashSet<string> gatedQuestions)
    {
        foreach (var (key, state) in claims.Where(c => c.Value is ClaimState.Pending or ClaimState.Expired or ClaimState.Declined && answers.ContainsKey(c.Key)))
        {
            if (gatedQuestions.Contains(key) || questionnaire.FindQuestion(key) is not { } question)
            {
                continue;
            }

            var name = question.Describe(answers[key]);
            var (severity, message) = state switch
            {
                ClaimState.Declined => (Severity.Major, $"{name} declined the role asked about in \"{question.Text}\"."),
                ClaimState.Pending => (Severity.Minor, $"{name} has not yet confirmed the role asked about in \"{question.Text}\"."),
                _ => (Severity.Minor, $"The request to {name} to confirm \"{question.Text}\" expired unanswered."),
            };
            var action = state == ClaimState.Declined
                ? "Agree the role with someone who accepts it, name them, and ask them to confirm."
                : "Send them a confirmation request from the review page, or remind them to answer it.";
            yield return new Finding(question.SectionKey, severity, "claim:" + state.ToKey(), message, action, 0m, key);
        }
    }

    /// <summary>Model 2: the owner named in the plan for success and the production owner must be the same person.</summary>
    private static IEnumerable<Finding> OwnersDiffer(Questionnaire questionnaire, AnswerSet counted)
    {
        if (counted.Get<TextAnswer>(QuestionKeys.WhatThenOwner) is { } planned &&
            counted.Get<TextAnswer>(QuestionKeys.ProductionOwner) is { } owner &&
            !AnswerQuality.SamePerson(planned.Value, owner.Value))
        {
            var production = questionnaire.GetQuestion(QuestionKeys.ProductionOwner);
            yield return new Finding(SectionKeys.Commitment, Severity.Major, "check:owners-differ",
                $"The plan for success names {planned.Value} as the owner in production, but \"{production.Text}\" names {owner.Value}. They must be the same person.",
                "Settle who owns it in production, and give that one person's name in both answers.", 0m, QuestionKeys.WhatThenOwner);
        }
    }

    private SectionScore ScoreSection(Section section, AnswerSet given, IReadOnlyDictionary<string, string> notCounted, Points points)
    {
        var reasons = section.Questions.Select(q => Reason(q, given.GetValueOrDefault(q.Key), notCounted.GetValueOrDefault(q.Key), points)).ToList();
        var earned = reasons.Sum(r => r.Earned);
        var max = points.Max(section);
        var score = max == 0 ? 0 : RoundScore(100m * earned / max);
        return new SectionScore(section.Key, section.Title, section.Weight, score, earned, max, reasons);
    }

    private PointReason Reason(Question question, Answer? given, string? notCounted, Points points)
    {
        var earned = points.Earned(question);
        var described = question.Describe(given);
        var rule = RuleFor(question);
        string reason;
        if (points.NotApplicable.TryGetValue(question.Key, out var why))
        {
            return new PointReason(question.Key, question.SectionKey, NotApplicableRule, 0, 0, "Not applicable", $"Not applicable: {why}");
        }

        if (!question.IsScored)
        {
            reason = "Recorded for context; carries no points.";
        }
        else if (given is null)
        {
            reason = $"Not answered, so 0 of {question.MaxPoints} points.";
        }
        else if (notCounted is not null)
        {
            rule = "not-counted";
            reason = $"Not counted: {notCounted} 0 of {question.MaxPoints} points.";
        }
        else if (question.Type.HasOptions())
        {
            reason = $"\"{Shorten(described)}\" earns {earned} of {question.MaxPoints} points.";
        }
        else if (JudgesAnswers && IsClaimable(question))
        {
            rule = "confirmation-points";
            reason = earned >= question.MaxPoints
                ? $"Named and confirmed, which earns all {earned} points."
                : $"Named, not yet confirmed: {earned} of {question.MaxPoints} points, all {question.MaxPoints} once they confirm.";
        }
        else
        {
            reason = $"Answered, which earns all {earned} points.";
        }

        return new PointReason(question.Key, question.SectionKey, rule, earned, question.MaxPoints, described, reason);
    }

    /// <summary>The rule of a question's points when it is marked not applicable.</summary>
    public const string NotApplicableRule = "not-applicable";

    private static string RuleFor(Question question) =>
        question.Type.HasOptions() ? "option-points" : question.IsScored ? "answered-points" : "no-points";

    private static bool IsClaimable(Question question) => QuestionKeys.Claimable.Contains(question.Key);

    /// <summary>Overall points gained if these questions earned their maximum, before rounding the score.</summary>
    private static decimal Gain(Questionnaire questionnaire, int totalWeight, IEnumerable<string> questionKeys, Points points) =>
        Math.Round(questionKeys.Sum(key =>
        {
            var question = questionnaire.GetQuestion(key);
            var section = questionnaire.FindSection(question.SectionKey)!;
            var missing = points.Max(question) - points.Earned(question);
            return 100m * missing / points.Max(section) * section.Weight / totalWeight;
        }), 1, MidpointRounding.AwayFromZero);

    private static int RoundScore(decimal value) => (int)Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80].TrimEnd() + "…";

    /// <summary>A multiple as people write it: 3, 2.5.</summary>
    public static string FormatMultiple(decimal multiple) => multiple.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// The points each question earns from the answers that count. Under a model that judges answers, a named person
    /// (a role that can be confirmed) earns half the question's points until they confirm.
    /// </summary>
    private sealed class Points(
        ScoringModel model, AnswerSet counted, IReadOnlyDictionary<string, ClaimState> claims, IReadOnlyDictionary<string, string> notApplicable)
    {
        public IReadOnlyDictionary<string, string> NotApplicable => notApplicable;

        /// <summary>The most a question can earn: nothing once it is not applicable.</summary>
        public int Max(Question question) => notApplicable.ContainsKey(question.Key) ? 0 : question.MaxPoints;

        /// <summary>A section's denominator: the most its applicable questions can earn.</summary>
        public int Max(Section section) => section.Questions.Sum(Max);

        public int Earned(Question question)
        {
            var answer = counted.GetValueOrDefault(question.Key);
            var full = question.Points(answer);
            return answer is not null && model.JudgesAnswers && IsClaimable(question) && claims.GetValueOrDefault(question.Key) != ClaimState.Confirmed
                ? full / 2
                : full;
        }
    }
}
