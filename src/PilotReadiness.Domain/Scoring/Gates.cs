using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Scoring;

/// <summary>A rule that caps the verdict, whatever the average. <see cref="Evaluate"/> returns null when it does not apply.</summary>
internal sealed record Gate(string Key, string? QuestionKey, Func<ScoringModel, Questionnaire, AnswerSet, IReadOnlyDictionary<string, ClaimState>, GateResult?> Evaluate);

internal static class Gates
{
    public const string PilotTheatre = "pilot-theatre";
    public const string NoProductionOwner = "no-production-owner";
    public const string IntegrationNotBudgeted = "integration-not-budgeted";
    public const string UsersNotInvolved = "users-not-involved";
    public const string ProductionUnderBudgeted = "production-under-budgeted";

    public static IReadOnlyList<Gate> V1 { get; } =
    [
        new(PilotTheatre, QuestionKeys.WhatThen, (_, q, a, _) => a.ContainsKey(QuestionKeys.WhatThen) ? null
            : new GateResult(PilotTheatre, SectionKeys.Commitment, Verdict.NoGo,
                "Pilot theatre: nobody has said what happens if the pilot works. It can succeed and still lead nowhere.",
                q.GetQuestion(QuestionKeys.WhatThen).Action)),

        new(NoProductionOwner, QuestionKeys.ProductionOwner, (_, q, a, claims) =>
            !a.ContainsKey(QuestionKeys.ProductionOwner)
                ? new GateResult(NoProductionOwner, SectionKeys.AfterDemo, Verdict.NotReady,
                    "No one is named to own the system in production, so it will drift once the pilot team moves on.",
                    q.GetQuestion(QuestionKeys.ProductionOwner).Action)
                : claims.GetValueOrDefault(QuestionKeys.ProductionOwner) == ClaimState.Declined
                    ? new GateResult(NoProductionOwner, SectionKeys.AfterDemo, Verdict.NotReady,
                        $"{q.GetQuestion(QuestionKeys.ProductionOwner).Describe(a[QuestionKeys.ProductionOwner])} declined to own the system in production, so it has no owner.",
                        "Agree production ownership with someone who accepts it, name them, and ask them to confirm.")
                    : null),

        new(IntegrationNotBudgeted, QuestionKeys.IntegrationBudgeted, (_, q, a, _) =>
        {
            var systems = a.Get<MultiSelectAnswer>(QuestionKeys.IntegrationSystems);
            if (systems is null || systems.Values.All(v => v == QuestionKeys.NoLiveSystem) ||
                a.Get<YesNoAnswer>(QuestionKeys.IntegrationBudgeted)?.Value == true)
            {
                return null;
            }

            var listed = q.GetQuestion(QuestionKeys.IntegrationSystems).Describe(systems);
            return new GateResult(IntegrationNotBudgeted, SectionKeys.Integration, Verdict.NotReady,
                $"Live systems are listed ({listed}) but the integration work is not in the budget.",
                q.GetQuestion(QuestionKeys.IntegrationBudgeted).Action);
        }),

        new(UsersNotInvolved, QuestionKeys.InvolvementLevel, (_, q, a, _) =>
        {
            var level = a.Get<ChoiceAnswer>(QuestionKeys.InvolvementLevel);
            if (level?.Value == QuestionKeys.InvolvedLevel)
            {
                return null;
            }

            var question = q.GetQuestion(QuestionKeys.InvolvementLevel);
            var now = level is null ? "The daily users' involvement is not stated" : $"Daily users are at \"{question.Describe(level)}\"";
            return new GateResult(UsersNotInvolved, SectionKeys.Involvement, Verdict.NotReady,
                $"{now}; they need to be involved in design, testing and acceptance, not only told or asked.",
                question.Action);
        }),

        new(ProductionUnderBudgeted, QuestionKeys.ProductionBudget, (model, q, a, _) =>
        {
            var prototype = a.Get<NumberAnswer>(QuestionKeys.PrototypeCost)?.Value;
            var production = a.Get<NumberAnswer>(QuestionKeys.ProductionBudget)?.Value;
            var action = q.GetQuestion(QuestionKeys.ProductionBudget).Action;
            var multiple = ScoringModel.FormatMultiple(model.ProductionMultiple);
            if (prototype is null || production is null)
            {
                return new GateResult(ProductionUnderBudgeted, SectionKeys.Integration, Verdict.GoWithConditions,
                    $"The prototype cost or the production budget is missing, so nobody can tell whether production work is funded (it usually takes {multiple}× the prototype or more).",
                    action);
            }

            if (production > 0 && production >= model.ProductionMultiple * prototype)
            {
                return null;
            }

            if (prototype == 0)
            {
                return new GateResult(ProductionUnderBudgeted, SectionKeys.Integration, Verdict.GoWithConditions,
                    "There is no production budget: production work is not funded.", action);
            }

            var ratio = ScoringModel.FormatMultiple(Math.Round(production.Value / prototype.Value, 1, MidpointRounding.ToZero));
            return new GateResult(ProductionUnderBudgeted, SectionKeys.Integration, Verdict.GoWithConditions,
                $"Production work is under-budgeted: the production budget is {ratio}× the prototype cost, below the {multiple}× that production usually needs.",
                action);
        }),
    ];
}
