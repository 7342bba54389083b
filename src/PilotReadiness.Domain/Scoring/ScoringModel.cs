using System.Globalization;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Scoring;

/// <summary>
/// A published version of the scoring rules: thresholds that turn the overall score into a verdict, and the gates
/// that cap the verdict whatever the score. Pure: the same answers and version always give the same result.
/// </summary>
public sealed class ScoringModel
{
    private readonly IReadOnlyList<Gate> _gates;

    private ScoringModel(string version, int goAt, int conditionsAt, int notReadyAt, decimal productionMultiple, IReadOnlyList<Gate> gates)
    {
        Version = version;
        GoAt = goAt;
        ConditionsAt = conditionsAt;
        NotReadyAt = notReadyAt;
        ProductionMultiple = productionMultiple;
        _gates = gates;
    }

    /// <summary>Version 1 of the rules, described in docs/scoring-model.md.</summary>
    public static ScoringModel V1 { get; } = new("1", goAt: 75, conditionsAt: 55, notReadyAt: 35, productionMultiple: 3m, Gates.V1);

    public static ScoringModel Current => V1;

    public string Version { get; }

    /// <summary>Lowest overall score with a <see cref="Verdict.Go"/> recommendation.</summary>
    public int GoAt { get; }

    public int ConditionsAt { get; }

    public int NotReadyAt { get; }

    /// <summary>The production budget should be at least this multiple of the prototype cost.</summary>
    public decimal ProductionMultiple { get; }

    public IReadOnlyList<string> GateKeys => [.. _gates.Select(g => g.Key)];

    public static ScoringModel? Find(string version) => version == V1.Version ? V1 : null;

    public Verdict VerdictForScore(int overall) =>
        overall >= GoAt ? Verdict.Go
        : overall >= ConditionsAt ? Verdict.GoWithConditions
        : overall >= NotReadyAt ? Verdict.NotReady
        : Verdict.NoGo;

    /// <param name="claims">
    /// Where the people named for a role stand on confirming it (see <see cref="Assessments.Assessment.ClaimStates"/>);
    /// missing means no request was sent. A declined production owner counts as no owner.
    /// </param>
    public ScoreResult Score(Questionnaire questionnaire, AnswerSet answers, IReadOnlyDictionary<string, ClaimState>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        claims ??= new Dictionary<string, ClaimState>();

        var sections = questionnaire.Sections.Select(s => ScoreSection(s, answers)).ToList();
        var totalWeight = questionnaire.TotalWeight;
        var overall = RoundScore(sections.Sum(s => (decimal)s.Weight * s.Score) / totalWeight);

        var gates = new List<(GateResult Result, string? QuestionKey)>();
        foreach (var gate in _gates)
        {
            var result = gate.Evaluate(this, questionnaire, answers, claims);
            if (result is not null)
            {
                gates.Add((result, gate.QuestionKey));
            }
        }

        var gatedQuestions = gates.Select(g => g.QuestionKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var question in questionnaire.Questions.Where(q => q.Blocker && !answers.ContainsKey(q.Key) && !gatedQuestions.Contains(q.Key)))
        {
            gates.Add((new GateResult("blocker-unanswered", question.SectionKey, Verdict.NotReady,
                $"\"{question.Text}\" must be answered before this pilot can go ahead.", question.Action), question.Key));
            gatedQuestions.Add(question.Key);
        }

        var scoreVerdict = VerdictForScore(overall);
        var verdict = gates.Aggregate(scoreVerdict, (v, g) => VerdictNames.Min(v, g.Result.Cap));

        var findings = new List<Finding>();
        foreach (var (gate, questionKey) in gates)
        {
            var gain = questionKey is null ? 0 : Gain(questionnaire, totalWeight, questionKey, answers);
            findings.Add(new Finding(gate.SectionKey, Severity.Critical, "gate:" + gate.Key, gate.Message, gate.Action, gain, questionKey));
        }

        foreach (var question in questionnaire.Questions.Where(q => q.IsScored && !gatedQuestions.Contains(q.Key)))
        {
            var answer = answers.GetValueOrDefault(question.Key);
            if (question.Points(answer) >= question.MaxPoints)
            {
                continue;
            }

            var gain = Gain(questionnaire, totalWeight, question.Key, answers);
            var severity = question.Blocker || gain >= 3m ? Severity.Major : Severity.Minor;
            var message = answer is null
                ? $"Not answered: \"{question.Text}\""
                : $"\"{question.Text}\" Answered \"{Shorten(question.Describe(answer))}\", which earns {question.Points(answer)} of {question.MaxPoints} points.";
            findings.Add(new Finding(question.SectionKey, severity, "question:" + question.Key, message, question.Action, gain, question.Key));
        }

        // Requests sent and not (or not yet) accepted are findings; a request not sent yet is the sponsor's to send.
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
            findings.Add(new Finding(question.SectionKey, severity, "claim:" + state.ToKey(), message, action, 0m, key));
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

    private static SectionScore ScoreSection(Section section, AnswerSet answers)
    {
        var reasons = section.Questions.Select(q => Reason(q, answers.GetValueOrDefault(q.Key))).ToList();
        var earned = reasons.Sum(r => r.Earned);
        var score = RoundScore(100m * earned / section.MaxPoints);
        return new SectionScore(section.Key, section.Title, section.Weight, score, earned, section.MaxPoints, reasons);
    }

    private static PointReason Reason(Question question, Answer? answer)
    {
        var earned = question.Points(answer);
        var described = question.Describe(answer);
        string reason;
        if (!question.IsScored)
        {
            reason = "Recorded for context; carries no points.";
        }
        else if (answer is null)
        {
            reason = $"Not answered, so 0 of {question.MaxPoints} points.";
        }
        else if (question.Type.HasOptions())
        {
            reason = $"\"{Shorten(described)}\" earns {earned} of {question.MaxPoints} points.";
        }
        else
        {
            reason = $"Answered, which earns all {earned} points.";
        }

        return new PointReason(question.Key, question.SectionKey, RuleFor(question), earned, question.MaxPoints, described, reason);
    }

    private static string RuleFor(Question question) =>
        question.Type.HasOptions() ? "option-points" : question.IsScored ? "answered-points" : "no-points";

    /// <summary>Overall points gained if this question earned its maximum, before rounding.</summary>
    private static decimal Gain(Questionnaire questionnaire, int totalWeight, string questionKey, AnswerSet answers)
    {
        var question = questionnaire.GetQuestion(questionKey);
        var section = questionnaire.FindSection(question.SectionKey)!;
        var missing = question.MaxPoints - question.Points(answers.GetValueOrDefault(questionKey));
        return Math.Round(100m * missing / section.MaxPoints * section.Weight / totalWeight, 1, MidpointRounding.AwayFromZero);
    }

    private static int RoundScore(decimal value) => (int)Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80].TrimEnd() + "…";

    internal static string FormatMultiple(decimal multiple) => multiple.ToString("0.#", CultureInfo.InvariantCulture);
}
