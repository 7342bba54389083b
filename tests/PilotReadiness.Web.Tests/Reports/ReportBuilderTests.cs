using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>What the report says, built from an assessment in memory: pure, no database.</summary>
public sealed class ReportBuilderTests
{
    [Fact]
    public void Build_CopiesTheAssessmentAndItsScore()
    {
        var assessment = ReportSamples.WithConfirmations();
        var score = assessment.Score(ShippedQuestionnaires.Catalog, ReportSamples.Now);

        var model = ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion), score, assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now);

        Assert.Equal(ReportSamples.Title, model.Title);
        Assert.Equal("Claims & Customer Care", model.BusinessUnit);
        Assert.Equal(ReportSamples.Sponsor, model.Sponsor);
        Assert.Equal("Draft", model.Status);
        Assert.Equal(1, model.Revision);
        Assert.Equal(ReportSamples.Now, model.GeneratedAt);
        Assert.Equal(score.Overall, model.Overall);
        Assert.Equal(score.Verdict, model.Verdict);
        Assert.Equal(score.ScoreVerdict, model.ScoreVerdict);
        Assert.Equal(score.Sections.Select(s => (s.Title, s.Score, s.Weight)), model.Sections.Select(s => (s.Title, s.Score, s.Weight)));
        Assert.Equal(score.Findings.Select(f => (f.Message, f.Action, f.Gain)), model.Findings.Select(f => (f.Message, f.Action, f.Gain)));
        Assert.Equal(["Integration not budgeted", "Daily users not involved", "Production under-budgeted"], model.Gates.Select(g => g.Name));
        Assert.Empty(model.Decisions);
    }

    [Fact]
    public void Build_Ask_ReadsTheBudgetTheDateAndTheModelsMultiple()
    {
        var model = ReportSamples.Model();

        Assert.Equal(new ReportAsk(60_000m, "Requested, not yet approved", 40_000m, 3m, new DateOnly(2027, 4, 1), Currency.Default), model.Ask);
        Assert.Equal(("EUR 60,000", "EUR 40,000", "1.5×", "1 April 2027"), (model.Ask.ProductionBudgetText, model.Ask.PrototypeCostText, model.Ask.RatioText, model.Ask.RolloutText));
        Assert.Equal("Production usually needs 3× the prototype or more.", model.Ask.RatioNote);
    }

    [Fact]
    public void Build_Ask_Unanswered_SaysWhatIsMissing()
    {
        var answers = ReportSamples.WeakAnswers();
        foreach (var key in new[] { "commitment.budget-status", "commitment.rollout-date", "integration.prototype-cost", "integration.production-budget" })
        {
            answers.Remove(key);
        }

        var ask = ReportSamples.Model(ReportSamples.Assessment(answers)).Ask;

        Assert.Equal(("Not given", "Not answered", "Not given", "Needs both amounts", "Not given"),
            (ask.ProductionBudgetText, ask.BudgetStatus, ask.PrototypeCostText, ask.RatioText, ask.RolloutText));
        Assert.Equal("No prototype cost to compare", (ask with { ProductionBudget = 5_000, PrototypeCost = 0 }).RatioText);
    }

    /// <summary>The ratio page 1 prints is the one the under-budget gate states, including where rounding could differ.</summary>
    [Theory]
    [InlineData("40000", "60000", "1.5")]
    [InlineData("10000", "29999", "2.9")]
    [InlineData("1000", "2950", "2.9")]
    [InlineData("7", "20", "2.8")]
    [InlineData("30000", "1000", "0")]
    public void Build_AskRatio_MatchesTheUnderBudgetGate(string prototype, string production, string expected)
    {
        var answers = ReportSamples.WeakAnswers();
        answers["integration.prototype-cost"] = [prototype];
        answers["integration.production-budget"] = [production];

        var model = ReportSamples.Model(ReportSamples.Assessment(answers));

        Assert.Equal(expected + "×", model.Ask.RatioText);
        var gate = model.Gates.Single(g => g.Name == "Production under-budgeted");
        Assert.Contains($"the production budget is {model.Ask.RatioText} the prototype cost", gate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MoneyAnswers_AreFormattedAsTheAskFormatsMoney()
    {
        var model = ReportSamples.Model();

        Assert.Equal("EUR 40,000", Answer(model, "integration.prototype-cost"));
        Assert.Equal("EUR 60,000", Answer(model, "integration.production-budget"));
        Assert.Equal("EUR 30,000", Answer(model, "ownership.run-cost"));
        Assert.Equal("EUR 1,250.5", Currency.Default.Format(1_250.50m));
    }

    [Fact]
    public void Build_InTheOrganisationsCurrency_ShowsItWithEveryAmount()
    {
        var assessment = ReportSamples.Assessment();

        var model = ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion),
            assessment.Score(ShippedQuestionnaires.Catalog, ReportSamples.Now), assessment.ClaimStates(ReportSamples.Now), [],
            ReportSamples.Now, currency: new Currency("USD"));

        Assert.Equal(("USD 60,000", "USD 40,000"), (model.Ask.ProductionBudgetText, model.Ask.PrototypeCostText));
        Assert.Equal("USD 30,000", Answer(model, "ownership.run-cost"));
    }

    [Theory]
    [InlineData(Verdict.Go)]
    [InlineData(Verdict.GoWithConditions)]
    [InlineData(Verdict.NotReady)]
    [InlineData(Verdict.NoGo)]
    public void Model_VerdictMeaning_IsOneSentencePerVerdict(Verdict verdict)
    {
        var meaning = (ReportSamples.Model() with { Verdict = verdict }).VerdictMeaning;

        Assert.Equal(ReportText.VerdictMeaning(verdict), meaning);
        Assert.EndsWith(".", meaning, StringComparison.Ordinal);
        Assert.Single(Enum.GetValues<Verdict>(), v => ReportText.VerdictMeaning(v) == meaning);
    }

    [Fact]
    public void Model_TopFindings_AreTheFirstThree_AndTheDecisionIsTheLatest()
    {
        var model = ReportSamples.Model(decisions: ReportSamples.Decisions());

        Assert.Equal(model.Findings.Take(3), model.TopFindings);
        Assert.Equal("The three fixes that raise readiness most", model.TopFindingsHeading);
        Assert.Equal($"All {model.Findings.Count} findings are listed under What to fix first.", model.TopFindingsNote);
        Assert.Same(model.Decisions[0], model.LatestDecision);
        Assert.Equal("3 conditions: 1 open, 1 met, 1 lapsed", model.LatestDecision!.ConditionsSummary);
        Assert.Equal("No conditions attached.", model.Decisions[1].ConditionsSummary);
        Assert.Equal("Questionnaire 2 · scoring model 2", model.VersionsText);

        var two = model with { Findings = [.. model.Findings.Take(2)] };
        Assert.Equal(("The two fixes that raise readiness most", ""), (two.TopFindingsHeading, two.TopFindingsNote));
        Assert.Null((model with { Decisions = [] }).LatestDecision);
    }

    [Fact]
    public void Build_Revision_IsWhatTheCallerSays()
    {
        var assessment = ReportSamples.Assessment();

        var model = ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion), assessment.Score(ShippedQuestionnaires.Catalog, ReportSamples.Now), assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now, revision: 3);

        Assert.Equal(3, model.Revision);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReportBuilder.Build(assessment, ShippedQuestionnaires.Catalog.Get(assessment.QuestionnaireVersion), assessment.Score(ShippedQuestionnaires.Catalog, ReportSamples.Now), assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now, revision: 0));
    }

    [Fact]
    public void Build_Confirmations_ListEveryNamedPersonWithTheirState()
    {
        var model = ReportSamples.Model();

        Assert.Equal(
            [
                ("Owner of the system in production", ReportSamples.Owner, ClaimState.Confirmed, "19 November 2026", "Glad to, from April; Zoë Łukasiewicz keeps the budget."),
                ("Reviewer of output quality", "Daniel Abara", ClaimState.Pending, "", null),
                ("Sponsor of adoption in the using team", "Marek Nowak", ClaimState.Declined, "18 November 2026", "I am moving to another team in January."),
                ("Owner of a live system it connects to", "Ingrid Olsen", ClaimState.Expired, "", null),
            ],
            model.Confirmations.Select(c => (c.Role, c.Person, c.State, c.RespondedText, c.Comment)));
        Assert.Equal("Who owns it in production?", model.Confirmations[0].Question);
        Assert.Equal(["Confirmed", "Pending", "Declined", "Expired"], model.Confirmations.Select(c => c.StateLabel));
    }

    [Fact]
    public void Build_NobodyAsked_ConfirmationsAreNotRequested()
    {
        var model = ReportSamples.Model(ReportSamples.Assessment());

        Assert.Equal(4, model.Confirmations.Count);
        Assert.All(model.Confirmations, c => Assert.Equal("Not requested", c.StateLabel));
    }

    [Fact]
    public void Build_Appendix_HasEveryQuestionInOrder_WithNotAnsweredForGaps()
    {
        var answers = ReportSamples.WeakAnswers();
        answers.Remove("integration.volume-tested");
        var model = ReportSamples.Model(ReportSamples.Assessment(answers));
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;

        Assert.Equal(questionnaire.Questions.Select(q => q.Text), model.Appendix.Select(a => a.Question));
        var gap = model.Appendix.Single(a => a.Question == questionnaire.GetQuestion("integration.volume-tested").Text);
        Assert.Equal(("Not answered", false), (gap.Answer, gap.Answered));
        Assert.Equal("CRM, Ticketing or service desk", model.Appendix.Single(a => a.Question.StartsWith("Which live systems", StringComparison.Ordinal)).Answer);
        Assert.Equal("1 April 2027", model.Appendix.Single(a => a.Question.StartsWith("By when", StringComparison.Ordinal)).Answer);
    }

    [Fact]
    public void Build_WhatThenUnanswered_FlagsPilotTheatre()
    {
        var answers = ReportSamples.WeakAnswers();
        answers.Remove(QuestionKeys.Adoption);

        var model = ReportSamples.Model(ReportSamples.Assessment(answers));

        Assert.True(model.PilotTheatre);
        Assert.Equal(Verdict.NoGo, model.Verdict);
        Assert.Equal("Pilot theatre", model.Gates[0].Name);
    }

    [Fact]
    public void Build_Decisions_ArePassedThrough()
    {
        var decisions = ReportSamples.Decisions();

        var model = ReportSamples.Model(decisions: decisions);

        Assert.Same(decisions, model.Decisions);
    }

    [Fact]
    public void Style_EachStateHasOneTone_AndEachToneAColourAndAWash()
    {
        Assert.Equal(
            [ReportTone.Quiet, ReportTone.Caution, ReportTone.Caution, ReportTone.Good, ReportTone.Bad],
            Enum.GetValues<ClaimState>().Select(ReportStyle.Tone));
        Assert.Equal([ReportTone.Caution, ReportTone.Good, ReportTone.Bad], Enum.GetValues<ConditionState>().Select(ReportStyle.Tone));
        Assert.Equal([ReportTone.Quiet, ReportTone.Caution, ReportTone.Bad], Enum.GetValues<Severity>().Select(ReportStyle.Tone));
        Assert.Equal(4, Enum.GetValues<ReportTone>().Select(ReportStyle.Color).Distinct().Count());
        Assert.Equal(
            "--report-good:#17623a;--report-good-wash:#e2f3e8;--report-caution:#8a5a00;--report-caution-wash:#fdf0d5;" +
            "--report-bad:#a11d2b;--report-bad-wash:#fbe3e6;--report-quiet:#4f5b6b;--report-quiet-wash:#f4f6f9;",
            ReportStyle.CssProperties);
        Assert.Equal(("A11D2B", "#a11d2b"), (ReportStyle.Color(ReportTone.Bad).Hex, ReportStyle.Color(ReportTone.Bad).Css));
    }

    [Theory]
    [InlineData("Zoë's invoice matcher", "pdf", "Zoes-invoice-matcher-go-no-go-report.pdf")]
    [InlineData("Łódź / Kraków: OCR ✓", "docx", "Lodz-Krakow-OCR-go-no-go-report.docx")]
    [InlineData("合同 审查", "pdf", "assessment-go-no-go-report.pdf")]
    [InlineData("\"quoted\"; rm -rf", "pdf", "quoted-rm-rf-go-no-go-report.pdf")]
    public void AsciiFileName_KeepsLettersDigitsAndDashes(string title, string extension, string expected) =>
        Assert.Equal(expected, ReportText.AsciiFileName(title, extension));

    [Fact]
    public void UnicodeFileName_KeepsTheTitleButNotPathCharacters() =>
        Assert.Equal("Łódź Kraków OCR ✓ - go-no-go report.pdf", ReportText.UnicodeFileName("Łódź / Kraków: OCR ✓", "pdf"));

    private static string Answer(ReportModel model, string key) =>
        model.Appendix.Single(a => a.Question == ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(key).Text).Answer;
}
