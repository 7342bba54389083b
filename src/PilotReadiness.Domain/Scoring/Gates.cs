using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Scoring;

/// <summary>
/// What a gate sees: the answers that count (<see cref="Answers"/>), the answers as given, why the others do not count,
/// and where the named people stand. Under scoring model 1 every given answer counts.
/// </summary>
internal sealed record GateContext(
    ScoringModel Model,
    Questionnaire Questionnaire,
    AnswerSet Answers,
    AnswerSet Given,
    IReadOnlyDictionary<string, string> NotCounted,
    IReadOnlyDictionary<string, ClaimState> Claims);

/// <summary>A question a gate reads: its key, the type it must have, and an option it must offer (if any).</summary>
public sealed record GateQuestion(string Key, QuestionType Type, string? Option = null);

/// <summary>
/// A rule that caps the verdict, whatever the average. <see cref="Evaluate"/> returns null when it does not apply.
/// <see cref="Covers"/> are the questions it speaks for: while it applies they get no finding of their own, and the
/// first of them without an answer that counts is the one its finding points to. <see cref="Reads"/> are every question
/// it needs in the questionnaire: a version whose questionnaire lacks one cannot use the gate.
/// </summary>
internal sealed record Gate(string Key, IReadOnlyList<string> Covers, IReadOnlyList<GateQuestion> Reads, Func<GateContext, GateResult?> Evaluate);

internal static class Gates
{
    public const string PilotTheatre = "pilot-theatre";
    public const string NoProductionOwner = "no-production-owner";
    public const string IntegrationNotBudgeted = "integration-not-budgeted";
    public const string UsersNotInvolved = "users-not-involved";
    public const string ProductionUnderBudgeted = "production-under-budgeted";
    public const string BlockerUnanswered = "blocker-unanswered";

    private static readonly GateQuestion[] OwnerReads = [new(QuestionKeys.ProductionOwner, QuestionType.Person)];

    private static readonly GateQuestion[] IntegrationReads =
        [new(QuestionKeys.IntegrationSystems, QuestionType.MultiSelect), new(QuestionKeys.IntegrationBudgeted, QuestionType.YesNo)];

    private static readonly GateQuestion[] UsersReads = [new(QuestionKeys.InvolvementLevel, QuestionType.Choice, QuestionKeys.InvolvedLevel)];

    private static readonly GateQuestion[] MoneyReads =
        [new(QuestionKeys.PrototypeCost, QuestionType.Money), new(QuestionKeys.ProductionBudget, QuestionType.Money)];

    /// <summary>The gates of the rules of scoring model 1 (<see cref="ScoringModel.Rules"/> 1), in the order they are checked.</summary>
    public static IReadOnlyList<Gate> V1 { get; } =
    [
        new(PilotTheatre, [QuestionKeys.WhatThen], [new(QuestionKeys.WhatThen, QuestionType.Text)], c => c.Answers.ContainsKey(QuestionKeys.WhatThen) ? null
            : new GateResult(PilotTheatre, SectionKeys.Commitment, Verdict.NoGo,
                "Pilot theatre: nobody has said what happens if the pilot works. It can succeed and still lead nowhere.",
                c.Questionnaire.GetQuestion(QuestionKeys.WhatThen).Action)),
        new(NoProductionOwner, [QuestionKeys.ProductionOwner], OwnerReads, NoOwner),
        new(IntegrationNotBudgeted, [QuestionKeys.IntegrationBudgeted], IntegrationReads, IntegrationBudget),
        new(UsersNotInvolved, [QuestionKeys.InvolvementLevel], UsersReads, UsersInvolved),
        new(ProductionUnderBudgeted, [QuestionKeys.ProductionBudget], MoneyReads, c => ProductionFunded(c, effort: false)),
    ];

    /// <summary>What then, asked in parts: each part needs a real answer.</summary>
    private static readonly (string Key, QuestionType Type, string Part)[] WhatThenParts =
    [
        (QuestionKeys.Adoption, QuestionType.Text, "which team adopts it and from when"),
        (QuestionKeys.IntegrationBuilt, QuestionType.Text, "which integration gets built"),
        (QuestionKeys.WhatThenOwner, QuestionType.Person, "who owns it in production"),
        (QuestionKeys.SuccessCriteria, QuestionType.Text, "what \"it works\" means, in numbers"),
    ];

    /// <summary>
    /// Version 2: the same gates, over the answers that count. Pilot theatre holds until every part of "what do we do
    /// then" has a real answer; the production-owner gate holds for a team, a role or a placeholder; the 3× rule applies
    /// to effort in person-weeks as well as to money.
    /// </summary>
    public static IReadOnlyList<Gate> V2 { get; } =
    [
        new(PilotTheatre, [.. WhatThenParts.Select(p => p.Key)], [.. WhatThenParts.Select(p => new GateQuestion(p.Key, p.Type))], c =>
        {
            var missing = WhatThenParts.Where(p => !c.Answers.ContainsKey(p.Key)).Select(p => p.Part).ToList();
            return missing.Count == 0 ? null
                : new GateResult(PilotTheatre, SectionKeys.Commitment, Verdict.NoGo,
                    $"Pilot theatre: nobody has said in full what happens if the pilot works (no real answer yet to: {string.Join("; ", missing)}). It can succeed and still lead nowhere.",
                    "Answer each part of \"If this works, what do we do then?\" concretely: who adopts it and when, what gets built, who owns it, and the number that means it works.");
        }),
        new(NoProductionOwner, [QuestionKeys.ProductionOwner], OwnerReads, NoOwner),
        new(IntegrationNotBudgeted, [QuestionKeys.IntegrationBudgeted], IntegrationReads, IntegrationBudget),
        new(UsersNotInvolved, [QuestionKeys.InvolvementLevel], UsersReads, UsersInvolved),
        new(ProductionUnderBudgeted, [QuestionKeys.ProductionBudget, QuestionKeys.ProductionEffort],
            [.. MoneyReads, new(QuestionKeys.PrototypeEffort, QuestionType.Number), new(QuestionKeys.ProductionEffort, QuestionType.Number)],
            c => ProductionFunded(c, effort: true)),
    ];

    /// <summary>The gates of a generation of the rules (1 or 2), every one a version of the rules may use.</summary>
    public static IReadOnlyList<Gate> Of(int rules) => rules switch
    {
        1 => V1,
        2 => V2,
        _ => throw new ArgumentOutOfRangeException(nameof(rules), rules, "The rules are generation 1 or 2."),
    };

    private static GateResult? NoOwner(GateContext c)
    {
        var question = c.Questionnaire.GetQuestion(QuestionKeys.ProductionOwner);
        if (c.Answers.ContainsKey(QuestionKeys.ProductionOwner))
        {
            return c.Claims.GetValueOrDefault(QuestionKeys.ProductionOwner) == ClaimState.Declined
                ? Declined(c, question)
                : null;
        }

        if (!c.Given.ContainsKey(QuestionKeys.ProductionOwner))
        {
            return new GateResult(NoProductionOwner, SectionKeys.AfterDemo, Verdict.NotReady,
                "No one is named to own the system in production, so it will drift once the pilot team moves on.",
                question.Action);
        }

        return c.Claims.GetValueOrDefault(QuestionKeys.ProductionOwner) == ClaimState.Declined
            ? Declined(c, question)
            : new GateResult(NoProductionOwner, SectionKeys.AfterDemo, Verdict.NotReady,
                $"No one person is named to own the system in production: {c.NotCounted[QuestionKeys.ProductionOwner]}",
                "Name one person who will own the system in production, and ask them to confirm.");
    }

    private static GateResult Declined(GateContext c, Question question) =>
        new(NoProductionOwner, SectionKeys.AfterDemo, Verdict.NotReady,
            $"{question.Describe(c.Given[QuestionKeys.ProductionOwner])} declined to own the system in production, so it has no owner.",
            "Agree production ownership with someone who accepts it, name them, and ask them to confirm.");

    private static GateResult? IntegrationBudget(GateContext c)
    {
        var systems = c.Answers.Get<MultiSelectAnswer>(QuestionKeys.IntegrationSystems);
        if (systems is null || systems.Values.All(v => v == QuestionKeys.NoLiveSystem) ||
            c.Answers.Get<YesNoAnswer>(QuestionKeys.IntegrationBudgeted)?.Value == true)
        {
            return null;
        }

        var listed = c.Questionnaire.GetQuestion(QuestionKeys.IntegrationSystems).Describe(systems);
        return new GateResult(IntegrationNotBudgeted, SectionKeys.Integration, Verdict.NotReady,
            $"Live systems are listed ({listed}) but the integration work is not in the budget.",
            c.Questionnaire.GetQuestion(QuestionKeys.IntegrationBudgeted).Action);
    }

    private static GateResult? UsersInvolved(GateContext c)
    {
        var level = c.Answers.Get<ChoiceAnswer>(QuestionKeys.InvolvementLevel);
        if (level?.Value == QuestionKeys.InvolvedLevel)
        {
            return null;
        }

        var question = c.Questionnaire.GetQuestion(QuestionKeys.InvolvementLevel);
        var now = level is null ? "The daily users' involvement is not stated" : $"Daily users are at \"{question.Describe(level)}\"";
        return new GateResult(UsersNotInvolved, SectionKeys.Involvement, Verdict.NotReady,
            $"{now}; they need to be involved in design, testing and acceptance, not only told or asked.",
            question.Action);
    }

    /// <summary>The production budget is at least the model's multiple of the prototype cost; with <paramref name="effort"/>, the effort too.</summary>
    private static GateResult? ProductionFunded(GateContext c, bool effort)
    {
        var multiple = ScoringModel.FormatMultiple(c.Model.ProductionMultiple);
        var problems = new List<(string Message, string Action)>();
        var money = Shortfall(c, QuestionKeys.PrototypeCost, QuestionKeys.ProductionBudget);
        if (money is not null)
        {
            var action = c.Questionnaire.GetQuestion(QuestionKeys.ProductionBudget).Action;
            problems.Add((money.Value.Kind switch
            {
                Shortage.Missing => $"The prototype cost or the production budget is missing, so nobody can tell whether production work is funded (it usually takes {multiple}× the prototype or more).",
                Shortage.Nothing => "There is no production budget: production work is not funded.",
                _ => $"Production work is under-budgeted: the production budget is {money.Value.Ratio}× the prototype cost, below the {multiple}× that production usually needs.",
            }, action));
        }

        var work = effort ? Shortfall(c, QuestionKeys.PrototypeEffort, QuestionKeys.ProductionEffort) : null;
        if (work is not null)
        {
            var action = c.Questionnaire.GetQuestion(QuestionKeys.ProductionEffort).Action;
            problems.Add((work.Value.Kind switch
            {
                Shortage.Missing => $"The prototype's or production's effort in person-weeks is missing, so nobody can tell whether the production work is staffed (it usually takes {multiple}× the prototype's work or more).",
                Shortage.Nothing => "No production effort is planned: nobody is set to do the production work.",
                _ => $"Production work is under-staffed: the planned effort is {work.Value.Ratio}× the prototype's person-weeks, below the {multiple}× that production usually needs.",
            }, action));
        }

        return problems.Count == 0 ? null
            : new GateResult(ProductionUnderBudgeted, SectionKeys.Integration, Verdict.GoWithConditions,
                string.Join(" ", problems.Select(p => p.Message)), string.Join(" ", problems.Select(p => p.Action).Distinct()));
    }

    /// <summary>Null when the production amount is positive and at least the multiple of the prototype's; otherwise how it falls short.</summary>
    private static (Shortage Kind, string Ratio)? Shortfall(GateContext c, string prototypeKey, string productionKey)
    {
        var prototype = c.Answers.Get<NumberAnswer>(prototypeKey)?.Value;
        var production = c.Answers.Get<NumberAnswer>(productionKey)?.Value;
        if (prototype is null || production is null)
        {
            return (Shortage.Missing, "");
        }

        if (production > 0 && production >= c.Model.ProductionMultiple * prototype)
        {
            return null;
        }

        return prototype == 0 ? (Shortage.Nothing, "")
            : (Shortage.Under, ScoringModel.FormatMultiple(Math.Round(production.Value / prototype.Value, 1, MidpointRounding.ToZero)));
    }

    /// <summary>How a production amount falls short of the multiple: an amount missing, nothing planned, or too little.</summary>
    private enum Shortage
    {
        Missing,
        Nothing,
        Under,
    }
}
