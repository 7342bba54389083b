using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Pages.Assessments;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// Turns an assessment, its score and where the named people stand into the words and numbers of the report. Pure: no
/// database, no clock (the time of generation is a parameter), so the same inputs always give the same report.
/// </summary>
public static class ReportBuilder
{
    // The questions page 1's "ask" reads besides the budget questions (keys are part of the questionnaire's contract).
    private const string BudgetStatusKey = "commitment.budget-status";
    private const string RolloutDateKey = "commitment.rollout-date";

    /// <param name="assessment">The assessment, with its answers and confirmation requests loaded.</param>
    /// <param name="score">Its score (<see cref="Assessment.Score"/> at <paramref name="now"/>).</param>
    /// <param name="claims">Where each named person stands (<see cref="Assessment.ClaimStates"/> at <paramref name="now"/>).</param>
    /// <param name="decisions">Leadership's decisions, newest first; empty when none is recorded.</param>
    /// <param name="now">When the report is generated.</param>
    /// <param name="revision">Which version of the assessment this is (the first assessment of a pilot is 1).</param>
    /// <param name="currency">The organisation's currency, shown with every amount (<see cref="Currency.Default"/> if not given).</param>
    /// <param name="staleAfterDays">Evidence older than this many days on the day of <paramref name="now"/> is marked stale (<c>Evidence:StaleAfterDays</c>).</param>
    public static ReportModel Build(
        Assessment assessment,
        PublishedVersion version,
        ScoreResult score,
        IReadOnlyDictionary<string, ClaimState> claims,
        IReadOnlyList<ReportDecision> decisions,
        DateTimeOffset now,
        int revision = 1,
        Currency? currency = null,
        int staleAfterDays = EvidenceRules.DefaultStaleAfterDays)
    {
        currency ??= Currency.Default;
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentOutOfRangeException.ThrowIfLessThan(revision, 1);

        var questionnaire = version.Questionnaire;
        var answers = assessment.ReadAnswers(questionnaire);
        var notApplicable = assessment.NotApplicableReasons;
        string SectionTitle(string key) => questionnaire.FindSection(key)?.Title ?? key;

        return new ReportModel(
            assessment.Title,
            assessment.BusinessUnit,
            assessment.Sponsor,
            assessment.Description,
            assessment.Status.ToLabel(),
            revision,
            now,
            score.Overall,
            score.Verdict,
            score.ScoreVerdict,
            score.PilotTheatre,
            [.. score.Sections.Select(s => new ReportSectionScore(s.Title, s.Score, s.Weight))],
            [.. score.Gates.Select(g => new ReportGate(AssessmentDisplay.GateName(g), SectionTitle(g.SectionKey), g.Cap.ToLabel(), g.Message, g.Action,
                score.WaiverOf(g.Key) is { } w ? ReportText.Waived(w) : null))],
            [.. score.Findings.Select(f => new ReportFinding(f.Severity, SectionTitle(f.SectionKey), f.Message, f.Action, f.Gain))],
            Confirmations(assessment, questionnaire, claims),
            decisions,
            [.. questionnaire.Sections.SelectMany(section => section.Questions.Select(q =>
            {
                if (notApplicable.TryGetValue(q.Key, out var why))
                {
                    return new ReportAnswer(section.Title, q.Text, q.Describe(new NotApplicableAnswer(why)), true);
                }

                var answer = answers.GetValueOrDefault(q.Key);
                var text = AssessmentDisplay.Answer(q, answer, currency);
                return new ReportAnswer(section.Title, q.Text, text, answer is not null, [.. assessment.Evidence
                    .Where(e => e.QuestionKey == q.Key)
                    .Select(e => new ReportEvidence(
                        e.Kind == EvidenceKind.Link ? e.Url! : $"{e.FileName} ({e.FileType?.Label()}, {EvidenceRules.SizeText(e.Size ?? 0)})",
                        e.Date, e.IsStale(now.Day(), staleAfterDays), staleAfterDays))]);
            }))],
            score.QuestionnaireVersion,
            score.ModelVersion,
            Ask(questionnaire, answers, version.Model, currency));
    }

    /// <summary>
    /// A live pilot as the report prints it: <paramref name="result"/> is what the monitoring model says on the day of
    /// the report (<see cref="LivePilot.Evaluate"/>); once monitoring ended only the outcome is told.
    /// </summary>
    public static ReportAfterLaunch AfterLaunch(LivePilot live, MonitoringResult result)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(result);
        var plan = live.Plan;
        List<(string, string)> facts =
        [
            ("Live since", $"{LiveNames.Day(plan.GoLiveDate)}, used by {plan.UsingTeam}"),
            ("Target", $"{plan.TargetShare}% of the eligible work, {plan.EligibleUsers:N0} eligible people"),
            ("Production owner", plan.OwnerName),
            ("Quality reviewer", plan.ReviewerName),
            ("Good output", $"{plan.GoodOutput} (at least {plan.AcceptableShare}% of sampled outputs)"),
        ];
        if (live.Ended)
        {
            return new ReportAfterLaunch("Monitoring ended",
                $"Recorded as {live.Outcome!.Value.ToLabel().ToLowerInvariant()} on {LiveNames.Day(live.OutcomeDate!.Value)}.", facts, [], result.ModelVersion);
        }

        facts.Add(("Next check-in", $"period {result.NextCheckIn.Number}, due {LiveNames.Day(result.NextCheckIn.Due)}"
            + (result.DaysOverdue > 0 ? $" ({result.DaysOverdue} days overdue)" : "")));
        return new ReportAfterLaunch("Live, " + result.Health.ToLabel().ToLowerInvariant(), result.Health.Meaning(), facts,
            [.. result.Alarms.Select(a => new ReportAlarm(a.Title, a.Severity.ToString(), a.Evidence, a.Action, LiveNames.Day(a.Since)))],
            result.ModelVersion);
    }

    /// <summary>A pilot's decisions (newest first) as the report prints them, each condition's state as of <paramref name="today"/>.</summary>
    public static IReadOnlyList<ReportDecision> Decisions(IEnumerable<Decision> decisions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return [.. decisions.Select(d => new ReportDecision(
            d.Outcome.ToLabel(), d.Rationale, d.KillCriteria, d.DecidedByName, d.DecidedAt, !d.IsCurrent,
            [.. d.Conditions.Select(c => new ReportCondition(c.Description, c.Owner, c.DueDate, c.State(today)))],
            [.. d.AcceptedGates.Select(g => $"{g.Label}: {g.Reason}")]))];
    }

    private static ReportAsk Ask(Questionnaire questionnaire, AnswerSet answers, ScoringModel model, Currency currency) => new(
        answers.Get<NumberAnswer>(QuestionKeys.ProductionBudget)?.Value,
        questionnaire.FindQuestion(BudgetStatusKey)?.Describe(answers.GetValueOrDefault(BudgetStatusKey)) ?? ReportText.NotGiven,
        answers.Get<NumberAnswer>(QuestionKeys.PrototypeCost)?.Value,
        model.ProductionMultiple,
        answers.Get<DateAnswer>(RolloutDateKey)?.Value,
        currency);

    private static List<ReportConfirmation> Confirmations(
        Assessment assessment, Questionnaire questionnaire, IReadOnlyDictionary<string, ClaimState> claims)
    {
        var list = new List<ReportConfirmation>();
        foreach (var key in QuestionKeys.Claimable)
        {
            var name = assessment.Answers.FirstOrDefault(a => a.QuestionKey == key)?.Value;
            if (name is null || !claims.TryGetValue(key, out var state) || questionnaire.FindQuestion(key) is not { } question)
            {
                continue;
            }

            // The request that counts is the one sent to the name the answer gives now (as in Assessment.ClaimStates).
            var request = assessment.Confirmations.FirstOrDefault(c => c.QuestionKey == key && c.PersonName == name);
            var role = ConfirmationRequests.RoleName(key);
            list.Add(new ReportConfirmation(
                char.ToUpperInvariant(role[0]) + role[1..],
                question.Text,
                name,
                state,
                request?.RespondedAt,
                request?.Comment));
        }

        return list;
    }
}
