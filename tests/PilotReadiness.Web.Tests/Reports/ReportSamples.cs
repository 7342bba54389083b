using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Tests.Shared;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>Assessments built in memory (no database) for the report tests: every question answered, some answers weak.</summary>
internal static class ReportSamples
{
    public const string Sponsor = SampleAssessments.Sponsor;
    public const string Owner = ExampleAnswers.WeakOwner;
    public const string Title = SampleAssessments.Title;

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 25, 0, TimeSpan.Zero);

    /// <summary>
    /// Every question answered, many of them short of full points: three gates and about twenty findings, the shape of
    /// a real report (the shared <see cref="ExampleAnswers.Weak"/>). The production owner is <see cref="Owner"/>.
    /// </summary>
    public static Dictionary<string, string[]> WeakAnswers() => new(ExampleAnswers.Weak(ShippedQuestionnaires.Catalog.Current.Questionnaire.Version), StringComparer.Ordinal);

    /// <summary>An assessment with these answers (the weak set unless told), owned by "owner-1".</summary>
    public static Assessment Assessment(
        IReadOnlyDictionary<string, string[]>? answers = null, string title = Title, string sponsor = Sponsor, string? description = null) =>
        SampleAssessments.Weak(Now, answers, title, sponsor, description);

    /// <summary>The weak assessment with the named people at every stage of confirming (<see cref="SampleAssessments.WithConfirmations"/>).</summary>
    public static Assessment WithConfirmations() => SampleAssessments.WithConfirmations(Now);

    public static ReportModel Model(Assessment? assessment = null, IReadOnlyList<ReportDecision>? decisions = null)
    {
        assessment ??= WithConfirmations();
        return ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion), assessment.Score(ShippedQuestionnaires.Catalog, Now), assessment.ClaimStates(Now), decisions ?? [], Now);
    }

    /// <summary>Two decisions, newest first: a current go-with-conditions with three conditions, and the no-go it replaced.</summary>
    public static IReadOnlyList<ReportDecision> Decisions() =>
    [
        new("Go with conditions",
            "The claims team is committed and the owner has confirmed; the integration budget is the open risk.",
            "Stop if fewer than half the handlers use it weekly three months after rollout.",
            "Amara Okafor (Chief Operating Officer)", Now.AddDays(-1), Superseded: false,
            [
                new("Budget the CRM and ticketing integration in the production plan", "Ingrid Olsen", new DateOnly(2027, 1, 15), ConditionState.Open),
                new("Run the pilot on a month of real, unfiltered claims", "José Ñúñez", new DateOnly(2026, 12, 20), ConditionState.Met),
                new("Agree the training plan with the handlers' team leads", "Marek Nowak", new DateOnly(2026, 11, 1), ConditionState.Lapsed),
            ]),
        new("No-go", "Nobody owned the system after launch.", null, "Amara Okafor (Chief Operating Officer)", Now.AddDays(-40),
            Superseded: true, []),
    ];
}
