using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Builders;

/// <summary>
/// Builds answer sets for one questionnaire version (1 unless told). Immutable: every method returns a new builder, so a
/// shared starting point such as <see cref="Ready"/> can be varied freely.
/// </summary>
public sealed class AnswersBuilder
{
    private readonly AnswerSet _answers;

    private AnswersBuilder(Questionnaire questionnaire, AnswerSet answers)
    {
        Questionnaire = questionnaire;
        _answers = answers;
    }

    public static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    public static Questionnaire V2 => ShippedQuestionnaires.Catalog.Get(2).Questionnaire;

    public Questionnaire Questionnaire { get; }

    /// <summary>No question answered.</summary>
    public static AnswersBuilder Empty(int version = 1) => new(ShippedQuestionnaires.Catalog.Get(version).Questionnaire, AnswerSet.Empty);

    /// <summary>
    /// Every question answered at its best (the shared <see cref="ExampleAnswers.Ready"/>): under model 1 full points, no
    /// gate, go; under model 2 the same once the named people confirm.
    /// </summary>
    public static AnswersBuilder Ready(int version = 1) =>
        new(ShippedQuestionnaires.Catalog.Get(version).Questionnaire, ExampleAnswers.Read(ShippedQuestionnaires.Catalog.Get(version).Questionnaire, ExampleAnswers.Ready(version)));

    /// <summary>Every question answered, many short of full points (the shared <see cref="ExampleAnswers.Weak"/>).</summary>
    public static AnswersBuilder Weak(int version = 1) =>
        new(ShippedQuestionnaires.Catalog.Get(version).Questionnaire, ExampleAnswers.Read(ShippedQuestionnaires.Catalog.Get(version).Questionnaire, ExampleAnswers.Weak(version)));

    /// <summary>
    /// A middling answer set, the worked example of the scoring model document: section scores 55/70/43/55/63/70,
    /// overall 59, capped at not ready by the users-involved gate.
    /// </summary>
    public static AnswersBuilder Example() => Empty(1)
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
        return new(Questionnaire, _answers.With(key, answer));
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

        return parse.Answer is null ? Without(key) : new(Questionnaire, _answers.With(key, parse.Answer));
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
        return new(Questionnaire, _answers.With(key, null));
    }

    /// <summary>Removes every answer of one section.</summary>
    public AnswersBuilder WithoutSection(string sectionKey) =>
        Questionnaire.FindSection(sectionKey)!.Questions.Aggregate(this, (builder, q) => builder.Without(q.Key));

    public AnswerSet Build() => _answers;

    /// <summary>Scores the answers with the scoring model of their questionnaire version.</summary>
    public ScoreResult Score(IReadOnlyDictionary<string, ClaimState>? claims = null) =>
        ShippedQuestionnaires.Catalog.Get(Questionnaire.Version).Model.Score(Questionnaire, _answers, claims);

    /// <summary>Under model 2: every named person (a role that can be confirmed) has confirmed.</summary>
    public IReadOnlyDictionary<string, ClaimState> AllConfirmed() =>
        QuestionKeys.Claimable.Where(_answers.ContainsKey).ToDictionary(k => k, _ => ClaimState.Confirmed);
}
