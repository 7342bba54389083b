using BenchmarkDotNet.Attributes;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Benchmarks;

/// <summary>
/// The go/no-go report of an assessment with every question answered and about twenty findings, as PDF and as Word.
/// Target: a median of 50 ms or less for each (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 25, 0, TimeSpan.Zero);

    private ReportModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var assessment = SampleAssessment();
        _model = ReportBuilder.Build(assessment, assessment.Score(Now), assessment.ClaimStates(Now), [], Now);
        if (_model.Findings.Count < 18 || _model.Appendix.Any(a => !a.Answered))
        {
            throw new InvalidOperationException($"The sample should answer every question and have about 20 findings; it has {_model.Findings.Count}.");
        }
    }

    [Benchmark]
    public byte[] ReportPdf() => PdfReport.Render(_model);

    [Benchmark]
    public byte[] ReportDocx() => DocxReport.Render(_model);

    /// <summary>Every question answered, many short of full points; the named people at every stage of confirming.</summary>
    private static Assessment SampleAssessment()
    {
        var answers = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["commitment.purpose"] = ["evaluate"],
            ["commitment.budget-status"] = ["requested"],
            ["commitment.rollout-date"] = ["2027-04-01"],
            ["commitment.executive-sponsor"] = ["Helena Marsh, COO"],
            ["commitment.what-then"] = ["The claims team adopts it for motor claims in the spring; the operations lead runs it, and the CRM connector is built in the first quarter."],
            ["involvement.using-team"] = ["Motor claims handlers"],
            ["involvement.daily-users"] = ["40"],
            ["involvement.level"] = ["consulted"],
            ["involvement.team-sponsor"] = ["Marek Nowak"],
            ["involvement.defined-good-output"] = ["no"],
            ["involvement.real-inputs"] = ["no"],
            ["after-demo.production-owner"] = ["José Ñúñez"],
            ["after-demo.quality-reviewer"] = ["Daniel Abara"],
            ["after-demo.escalation-path"] = ["Handlers flag bad output in the tool; the owner triages within a working day and fixes within a week."],
            ["after-demo.review-cadence"] = ["quarterly"],
            ["integration.systems"] = ["crm", "ticketing"],
            ["integration.system-owner"] = ["Ingrid Olsen"],
            ["integration.state"] = ["extract-only"],
            ["integration.budgeted"] = ["no"],
            ["integration.prototype-cost"] = ["40000"],
            ["integration.production-budget"] = ["60000"],
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
        var questionnaire = QuestionnaireCatalog.Current;
        var assessment = new Assessment(
            new AssessmentDetails("Claims triage assistant for José Ñúñez's team", "Claims & Customer Care", "Zoë Łukasiewicz",
                "Suggests a category and a priority for each incoming motor claim, so that handlers start with the urgent ones."),
            questionnaire, "owner-1", Now.AddDays(-30));
        assessment.SetAnswers(questionnaire,
            answers.ToDictionary(a => a.Key, a => questionnaire.GetQuestion(a.Key).Parse(a.Value).Answer, StringComparer.Ordinal), Now.AddDays(-20));

        var owner = assessment.RequestConfirmation(QuestionKeys.ProductionOwner, "jose@example.com", "hash-1", Now.AddDays(-10), TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(owner.Id, confirmed: true, "Glad to, from April.", Now.AddDays(-8));
        var sponsor = assessment.RequestConfirmation(QuestionKeys.TeamSponsor, "marek@example.com", "hash-2", Now.AddDays(-10), TimeSpan.FromDays(14));
        assessment.RespondToConfirmation(sponsor.Id, confirmed: false, "I am moving to another team in January.", Now.AddDays(-9));
        assessment.RequestConfirmation(QuestionKeys.QualityReviewer, "daniel@example.com", "hash-3", Now.AddDays(-2), TimeSpan.FromDays(14));
        assessment.RequestConfirmation(QuestionKeys.SystemOwner, "ingrid@example.com", "hash-4", Now.AddDays(-20), TimeSpan.FromDays(14));
        return assessment;
    }
}
