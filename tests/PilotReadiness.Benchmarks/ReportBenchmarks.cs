using BenchmarkDotNet.Attributes;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Tests.Shared;
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
        var assessment = SampleAssessments.WithConfirmations(Now);
        _model = ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion), assessment.Score(ShippedQuestionnaires.Catalog, Now), assessment.ClaimStates(Now), [], Now);
        if (_model.Findings.Count < 18 || _model.Appendix.Any(a => !a.Answered))
        {
            throw new InvalidOperationException($"The sample should answer every question and have about 20 findings; it has {_model.Findings.Count}.");
        }
    }

    [Benchmark]
    public byte[] ReportPdf() => PdfReport.Render(_model);

    [Benchmark]
    public byte[] ReportDocx() => DocxReport.Render(_model);
}
