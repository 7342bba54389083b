using PilotReadiness.Domain.Answers;

namespace PilotReadiness.Domain.Questionnaires;

/// <summary>
/// Answer sets that read like a real pilot's, one pair per questionnaire version, written as a form sends them (the
/// values <see cref="Question.Parse"/> reads). The demo portfolio, every test project and the benchmark start from
/// these, so the sample exists once. <see cref="Ready"/> answers every question at its best; <see cref="Weak"/> answers
/// every question too, many of them short of full points, with gates and about twenty findings, like a real report.
/// </summary>
public static class ExampleAnswers
{
    /// <summary>The production owner of <see cref="Weak"/>; the sponsor the report samples give it is "Zoë Łukasiewicz".</summary>
    public const string WeakOwner = "José Ñúñez";

    /// <summary>The production owner of <see cref="Ready"/>.</summary>
    public const string ReadyOwner = "Sofia Lindqvist";

    private static readonly Dictionary<string, string[]> ReadyV1 = new(StringComparer.Ordinal)
    {
        ["commitment.purpose"] = ["de-risk"],
        ["commitment.budget-status"] = ["approved"],
        ["commitment.rollout-date"] = ["2027-03-01"],
        ["commitment.executive-sponsor"] = ["Helena Marsh, COO"],
        [QuestionKeys.WhatThen] = ["The team adopts it for all cases from the spring release; the integration is built in Q1 and the operations lead owns it."],
        ["involvement.using-team"] = ["Accounts payable"],
        ["involvement.daily-users"] = ["24"],
        [QuestionKeys.InvolvementLevel] = ["involved"],
        [QuestionKeys.TeamSponsor] = ["Marek Nowak"],
        ["involvement.defined-good-output"] = ["yes"],
        ["involvement.real-inputs"] = ["yes"],
        [QuestionKeys.ProductionOwner] = [ReadyOwner],
        [QuestionKeys.QualityReviewer] = ["Daniel Abara"],
        ["after-demo.escalation-path"] = ["Users flag bad output in the tool; the owner triages within one working day and the platform team fixes."],
        ["after-demo.review-cadence"] = ["monthly"],
        [QuestionKeys.IntegrationSystems] = ["erp"],
        [QuestionKeys.SystemOwner] = ["Ingrid Olsen"],
        ["integration.state"] = ["built"],
        [QuestionKeys.IntegrationBudgeted] = ["yes"],
        [QuestionKeys.PrototypeCost] = ["40000"],
        [QuestionKeys.ProductionBudget] = ["160000"],
        ["integration.volume-tested"] = ["yes"],
        ["workflow.mapped-with-users"] = ["yes"],
        ["workflow.edge-cases"] = ["from-workers"],
        ["workflow.easier-than-workaround"] = ["easier"],
        ["workflow.change-plan"] = ["agreed"],
        ["ownership.quality-monitoring"] = ["automated"],
        ["ownership.failure-handling"] = ["Falls back to the manual queue; the owner is paged and fixes within a day."],
        ["ownership.improvement-budget"] = ["funded"],
        ["ownership.run-cost"] = ["30000"],
    };

    private static readonly Dictionary<string, string[]> ReadyV2 = new(ReadyV1, StringComparer.Ordinal)
    {
        [QuestionKeys.Adoption] = ["Accounts payable adopts it for all supplier invoices from March 2027."],
        [QuestionKeys.IntegrationBuilt] = ["The ERP connector for invoices and purchase orders, built by the finance systems team in Q1."],
        [QuestionKeys.WhatThenOwner] = [ReadyOwner],
        [QuestionKeys.SuccessCriteria] = ["At least 85% of invoices matched without a person, with under 2% wrong matches, over four weeks."],
        [QuestionKeys.WhatThen] = ["Training for the payables team in February; the old matching spreadsheet is retired in April."],
        [QuestionKeys.PilotUsers] = ["daily-users"],
        [QuestionKeys.TargetUsers] = ["20"],
        [QuestionKeys.TargetShare] = ["80"],
        [QuestionKeys.PrototypeEffort] = ["10"],
        [QuestionKeys.ProductionEffort] = ["40"],
        [QuestionKeys.PilotEdgeHandling] = ["users"],
        [QuestionKeys.ProductionEdgeHandling] = ["users"],
    };

    private static readonly Dictionary<string, string[]> WeakV1 = new(StringComparer.Ordinal)
    {
        ["commitment.purpose"] = ["evaluate"],
        ["commitment.budget-status"] = ["requested"],
        ["commitment.rollout-date"] = ["2027-04-01"],
        ["commitment.executive-sponsor"] = ["Helena Marsh, COO"],
        [QuestionKeys.WhatThen] = ["The claims team adopts it for motor claims in the spring; the operations lead runs it."],
        ["involvement.using-team"] = ["Motor claims handlers"],
        ["involvement.daily-users"] = ["40"],
        [QuestionKeys.InvolvementLevel] = ["consulted"],
        [QuestionKeys.TeamSponsor] = ["Marek Nowak"],
        ["involvement.defined-good-output"] = ["no"],
        ["involvement.real-inputs"] = ["no"],
        [QuestionKeys.ProductionOwner] = [WeakOwner],
        [QuestionKeys.QualityReviewer] = ["Daniel Abara"],
        ["after-demo.escalation-path"] = ["Handlers flag bad output in the tool; the owner triages within a working day."],
        ["after-demo.review-cadence"] = ["quarterly"],
        [QuestionKeys.IntegrationSystems] = ["crm", "ticketing"],
        [QuestionKeys.SystemOwner] = ["Ingrid Olsen"],
        ["integration.state"] = ["extract-only"],
        [QuestionKeys.IntegrationBudgeted] = ["no"],
        [QuestionKeys.PrototypeCost] = ["40000"],
        [QuestionKeys.ProductionBudget] = ["60000"],
        ["integration.volume-tested"] = ["no"],
        ["workflow.mapped-with-users"] = ["no"],
        ["workflow.edge-cases"] = ["project-team"],
        ["workflow.easier-than-workaround"] = ["about-the-same"],
        ["workflow.change-plan"] = ["drafted"],
        ["ownership.quality-monitoring"] = ["spot-checks"],
        ["ownership.failure-handling"] = ["Handlers fall back to the manual queue; the owner fixes within two days."],
        ["ownership.improvement-budget"] = ["unfunded"],
        ["ownership.run-cost"] = ["30000"],
    };

    private static readonly Dictionary<string, string[]> WeakV2 = new(WeakV1, StringComparer.Ordinal)
    {
        [QuestionKeys.Adoption] = ["The motor claims handlers adopt it from April 2027."],
        [QuestionKeys.IntegrationBuilt] = ["A CRM connector for claim records, built by the vendor."],
        [QuestionKeys.WhatThenOwner] = [WeakOwner],
        [QuestionKeys.SuccessCriteria] = ["Nine in ten claims get the right category, checked on 200 claims a month."],
        [QuestionKeys.PilotUsers] = ["some-daily-users"],
        [QuestionKeys.TargetUsers] = ["30"],
        [QuestionKeys.TargetShare] = ["50"],
        [QuestionKeys.PrototypeEffort] = ["8"],
        [QuestionKeys.ProductionEffort] = ["12"],
        [QuestionKeys.PilotEdgeHandling] = ["vendor"],
        [QuestionKeys.ProductionEdgeHandling] = ["undecided"],
    };

    /// <summary>Every question answered at its best: with the named people confirmed, full points, no gate, go.</summary>
    public static IReadOnlyDictionary<string, string[]> Ready(int questionnaireVersion) => questionnaireVersion switch
    {
        1 => ReadyV1,
        2 => ReadyV2,
        _ => throw new ArgumentOutOfRangeException(nameof(questionnaireVersion), questionnaireVersion, "No such questionnaire version."),
    };

    /// <summary>Every question answered, many short of full points; the production owner is <see cref="WeakOwner"/>.</summary>
    public static IReadOnlyDictionary<string, string[]> Weak(int questionnaireVersion) => questionnaireVersion switch
    {
        1 => WeakV1,
        2 => WeakV2,
        _ => throw new ArgumentOutOfRangeException(nameof(questionnaireVersion), questionnaireVersion, "No such questionnaire version."),
    };

    /// <summary>Reads form values into answers to <paramref name="questionnaire"/>; throws when one is not valid for its question.</summary>
    public static AnswerSet Read(Questionnaire questionnaire, IReadOnlyDictionary<string, string[]> values)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(values);
        return new AnswerSet(values.Select(kv =>
        {
            var parse = questionnaire.GetQuestion(kv.Key).Parse(kv.Value);
            return parse.Answer is { } answer
                ? KeyValuePair.Create(kv.Key, answer)
                : throw new ArgumentException($"{kv.Key}: {parse.Error ?? "empty"}", nameof(values));
        }));
    }
}
