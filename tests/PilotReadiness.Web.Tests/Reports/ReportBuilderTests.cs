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
        var score = assessment.Score(ReportSamples.Now);

        var model = ReportBuilder.Build(assessment, score, assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now);

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
    public void Build_Revision_IsWhatTheCallerSays()
    {
        var assessment = ReportSamples.Assessment();

        var model = ReportBuilder.Build(assessment, assessment.Score(ReportSamples.Now), assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now, revision: 3);

        Assert.Equal(3, model.Revision);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReportBuilder.Build(assessment, assessment.Score(ReportSamples.Now), assessment.ClaimStates(ReportSamples.Now), [], ReportSamples.Now, revision: 0));
    }

    [Fact]
    public void Build_Confirmations_ListEveryNamedPersonWithTheirState()
    {
        var model = ReportSamples.Model();

        Assert.Equal(
            [
                ("Owner of the system in production", ReportSamples.Owner, ReportConfirmationState.Confirmed, "19 November 2026", "Glad to, from April; Zoë Łukasiewicz keeps the budget."),
                ("Reviewer of output quality", "Daniel Abara", ReportConfirmationState.Pending, "", null),
                ("Sponsor of adoption in the using team", "Marek Nowak", ReportConfirmationState.Declined, "18 November 2026", "I am moving to another team in January."),
                ("Owner of a live system it connects to", "Ingrid Olsen", ReportConfirmationState.Expired, "", null),
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
        var questionnaire = QuestionnaireCatalog.Current;

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
}
