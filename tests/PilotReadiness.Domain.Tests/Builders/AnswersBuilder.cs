using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Builders;

/// <summary>
/// Builds answer sets for questionnaire v1. Immutable: every method returns a new builder, so a shared starting point
/// such as <see cref="Ready"/> can be varied freely.
/// </summary>
public sealed class AnswersBuilder
{
    private readonly AnswerSet _answers;

    private AnswersBuilder(AnswerSet answers) => _answers = answers;

    public static Questionnaire Questionnaire => QuestionnaireCatalog.Current;

    /// <summary>No question answered.</summary>
    public static AnswersBuilder Empty() => new(AnswerSet.Empty);

    /// <summary>Every question answered at its best: full points, no gate triggered, verdict go.</summary>
    public static AnswersBuilder Ready() => new(new AnswerSet(new Dictionary<string, Answer>
    {
        ["commitment.purpose"] = new ChoiceAnswer("de-risk"),
        ["commitment.budget-status"] = new ChoiceAnswer("approved"),
        ["commitment.rollout-date"] = new DateAnswer(new DateOnly(2026, 9, 1)),
        ["commitment.executive-sponsor"] = new TextAnswer("Dana Whitfield"),
        [QuestionKeys.WhatThen] = new TextAnswer("Claims team adopts it in Q3; the CRM integration gets built; Ops runs it."),
        ["involvement.using-team"] = new TextAnswer("Claims handling"),
        ["involvement.daily-users"] = new NumberAnswer(40),
        [QuestionKeys.InvolvementLevel] = new ChoiceAnswer(QuestionKeys.InvolvedLevel),
        ["involvement.team-sponsor"] = new TextAnswer("Sam Okafor"),
        ["involvement.defined-good-output"] = new YesNoAnswer(true),
        ["involvement.real-inputs"] = new YesNoAnswer(true),
        [QuestionKeys.ProductionOwner] = new TextAnswer("Priya Natarajan"),
        ["after-demo.quality-reviewer"] = new TextAnswer("Lee Chen"),
        ["after-demo.escalation-path"] = new TextAnswer("Users report in the claims channel; the owner fixes within two working days."),
        ["after-demo.review-cadence"] = new ChoiceAnswer("monthly"),
        [QuestionKeys.IntegrationSystems] = new MultiSelectAnswer(["crm", "ticketing"]),
        ["integration.state"] = new ChoiceAnswer("built"),
        [QuestionKeys.IntegrationBudgeted] = new YesNoAnswer(true),
        [QuestionKeys.PrototypeCost] = new NumberAnswer(50_000m),
        [QuestionKeys.ProductionBudget] = new NumberAnswer(200_000m),
        ["integration.volume-tested"] = new YesNoAnswer(true),
        ["integration.system-owner"] = new TextAnswer("Ingrid Olsen"),
        ["workflow.mapped-with-users"] = new YesNoAnswer(true),
        ["workflow.edge-cases"] = new ChoiceAnswer("from-workers"),
        ["workflow.easier-than-workaround"] = new ChoiceAnswer("easier"),
        ["workflow.change-plan"] = new ChoiceAnswer("agreed"),
        ["ownership.quality-monitoring"] = new ChoiceAnswer("automated"),
        ["ownership.failure-handling"] = new TextAnswer("Fall back to the manual queue; the owner's team fixes within a day."),
        ["ownership.improvement-budget"] = new ChoiceAnswer("funded"),
        ["ownership.run-cost"] = new NumberAnswer(30_000m),
    }));

    /// <summary>
    /// A middling answer set, the worked example of the scoring model document: section scores 55/70/43/55/63/70,
    /// overall 59, capped at not ready by the users-involved gate.
    /// </summary>
    public static AnswersBuilder Example() => Empty()
        .With("commitment.purpose", "evaluate").With("commitment.budget-status", "requested")
        .With("commitment.rollout-date", "2026-06-30").With(QuestionKeys.WhatThen, "The claims team adopts it and the CRM link is built.")
        .With("involvement.using-team", "Claims").With(QuestionKeys.InvolvementLevel, "consulted")
        .With("involvement.team-sponsor", "Sam Okafor").With("involvement.defined-good-output", true)
        .With(QuestionKeys.ProductionOwner, "Priya Natarajan").With("after-demo.review-cadence", "quarterly")
        .With(QuestionKeys.IntegrationSystems, "crm").With("integration.state", "designed")
        .With(QuestionKeys.IntegrationBudgeted, true).With(QuestionKeys.PrototypeCost, 100_000m).With(QuestionKeys.ProductionBudget, 100_000m)
        .With("workflow.mapped-with-users", true).With("workflow.edge-cases", "project-team")
        .With("workflow.easier-than-workaround", "about-the-same").With("workflow.change-plan", "drafted")
        .With("ownership.quality-monitoring", "spot-checks").With("ownership.failure-handling", "Fall back to the manual queue.")
        .With("ownership.improvement-budget", "unfunded").With("ownership.run-cost", 12_000m);

    /// <summary>Sets (or replaces) one answer.</summary>
    public AnswersBuilder With(string key, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _ = Questionnaire.GetQuestion(key);
        return new(_answers.With(key, answer));
    }

    /// <summary>
    /// Sets one answer from form input, read by the question itself (<see cref="Question.Parse"/>); a comma-separated
    /// input is split for multi-select questions. Empty input clears the answer; invalid input throws.
    /// </summary>
    public AnswersBuilder With(string key, string? input)
    {
        var question = Questionnaire.GetQuestion(key);
        string?[] values = question.Type == QuestionType.MultiSelect && input is not null ? [.. input.Split(',')] : [input];
        var parse = question.Parse(values);
        if (!parse.IsValid)
        {
            throw new ArgumentException($"Test input '{input}' for '{key}' is invalid: {parse.Error}", nameof(input));
        }

        return parse.Answer is null ? Without(key) : new(_answers.With(key, parse.Answer));
    }

    public AnswersBuilder With(string key, decimal amount) => With(key, new NumberAnswer(amount));

    public AnswersBuilder With(string key, bool yes) => With(key, new YesNoAnswer(yes));

    /// <summary>Sets a money or number answer, or clears it when <paramref name="amount"/> is null.</summary>
    public AnswersBuilder WithAmount(string key, decimal? amount) =>
        amount is null ? Without(key) : With(key, new NumberAnswer(amount.Value));

    /// <summary>Removes one answer, leaving the question unanswered.</summary>
    public AnswersBuilder Without(string key)
    {
        _ = Questionnaire.GetQuestion(key);
        return new(_answers.With(key, null));
    }

    /// <summary>Removes every answer of one section.</summary>
    public AnswersBuilder WithoutSection(string sectionKey) =>
        Questionnaire.FindSection(sectionKey)!.Questions.Aggregate(this, (builder, q) => builder.Without(q.Key));

    public AnswerSet Build() => _answers;

    /// <summary>Scores the answers with scoring model v1 against questionnaire v1.</summary>
    public ScoreResult Score() => ScoringModel.V1.Score(Questionnaire, _answers);
}
