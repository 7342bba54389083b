using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

/// <summary>"Not applicable": which questions take it, what it does to the score, and how an assessment keeps it.</summary>
public sealed class NotApplicableTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static PublishedVersion V2 => ShippedQuestionnaires.V2;

    private static IQuestionnaireCatalog Catalog => ShippedQuestionnaires.Catalog;

    private const string Review = "after-demo.review-cadence";

    public static TheoryData<string, string?> Questions() => new()
    {
        { Review, null },
        { "ownership.run-cost", null },
        { QuestionKeys.QualityReviewer, null },
        { QuestionKeys.Adoption, "required to proceed" },
        { QuestionKeys.ProductionOwner, "required to proceed" },
        { QuestionKeys.IntegrationBudgeted, "read by the gate \"Integration not budgeted\"" },
        { QuestionKeys.ProductionEffort, "read by the gate \"Production under-budgeted\"" },
        { QuestionKeys.PrototypeCost, "read by the gate \"Production under-budgeted\"" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void WhyNotApplicable_NonBlockingQuestionsOnly(string key, string? refusal)
    {
        var why = V2.Model.WhyNotApplicable(V2.Questionnaire.GetQuestion(key));

        if (refusal is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.Contains(refusal, why, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string?, bool> Reasons() => new()
    {
        { null, false },
        { "   ", false },
        { "Bad\0reason", false },
        { new string('x', NotApplicableAnswer.ReasonMaxLength + 1), false },
        { "No reviews: it is switched off after the season.", true },
        { new string('x', NotApplicableAnswer.ReasonMaxLength), true },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void CheckNotApplicable_NeedsAReason(string? reason, bool accepted)
    {
        var errors = V2.Model.CheckNotApplicable(V2.Questionnaire, new Dictionary<string, string>(StringComparer.Ordinal) { [Review] = reason! });

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal(Review, e.Field));
    }

    [Fact]
    public void CheckNotApplicable_EverySectionKeepsAQuestionThatEarnsPoints()
    {
        var section = V2.Questionnaire.FindSection(SectionKeys.Ownership)!;
        var all = section.Questions.Where(q => q.IsScored && V2.Model.WhyNotApplicable(q) is null)
            .ToDictionary(q => q.Key, _ => "Not run by us.", StringComparer.Ordinal);
        Assert.Equal(section.Questions.Count(q => q.IsScored), all.Count);

        var error = Assert.Single(V2.Model.CheckNotApplicable(V2.Questionnaire, all));
        Assert.Contains("answer at least one", error.Message, StringComparison.Ordinal);
        Assert.Empty(V2.Model.CheckNotApplicable(V2.Questionnaire, all.Skip(1).ToDictionary(StringComparer.Ordinal)));
    }

    [Fact]
    public void Score_NotApplicable_LeavesTheDenominator_WithItsReason_AndNoFinding()
    {
        var answers = AnswersBuilder.Weak(2).Without(Review).Build();
        var section = V2.Questionnaire.FindSection(SectionKeys.AfterDemo)!;
        var question = V2.Questionnaire.GetQuestion(Review);
        var marks = new Dictionary<string, string>(StringComparer.Ordinal) { [Review] = "Reviewed by the vendor's own board." };

        var unanswered = V2.Model.Score(V2.Questionnaire, answers);
        var result = V2.Model.Score(V2.Questionnaire, answers, notApplicable: marks);

        Assert.Equal(section.MaxPoints, unanswered.Section(SectionKeys.AfterDemo).MaxPoints);
        Assert.Equal(section.MaxPoints - question.MaxPoints, result.Section(SectionKeys.AfterDemo).MaxPoints);
        Assert.Equal(unanswered.Section(SectionKeys.AfterDemo).Earned, result.Section(SectionKeys.AfterDemo).Earned);
        Assert.True(result.Section(SectionKeys.AfterDemo).Score > unanswered.Section(SectionKeys.AfterDemo).Score);
        var reason = result.Section(SectionKeys.AfterDemo).Reasons.Single(r => r.QuestionKey == Review);
        Assert.Equal("Not applicable: Reviewed by the vendor's own board.", reason.Reason);
        Assert.Contains(unanswered.Findings, f => f.QuestionKey == Review);
        Assert.DoesNotContain(result.Findings, f => f.QuestionKey == Review);
    }

    private static Assessment Draft()
    {
        var assessment = new Assessment(new AssessmentDetails("Claims triage", "Claims", "Dana Whitfield", null), V2, "owner", Now);
        assessment.SetAnswers(Catalog, AnswersBuilder.Ready(2).Build().ToDictionary(a => a.Key, a => (Answer?)a.Value, StringComparer.Ordinal), Now);
        assessment.TakeChanges();
        return assessment;
    }

    [Fact]
    public void SetAnswers_NotApplicable_ReplacesTheAnswer_AndAnAnswerTakesItBack()
    {
        var assessment = Draft();
        var version = assessment.Version;

        Assert.Equal(2, assessment.SetAnswers(Catalog, new Dictionary<string, Answer?> { [Review] = new NotApplicableAnswer("  Reviewed by the vendor.\r\n") }, Now.AddHours(1)));

        Assert.Equal("Reviewed by the vendor.", assessment.NotApplicableReasons[Review]);
        Assert.False(assessment.ReadAnswers(Catalog).ContainsKey(Review));
        Assert.Equal(version + 1, assessment.Version);
        Assert.Equal([ChangeKind.AnswerCleared, ChangeKind.MarkedNotApplicable], assessment.TakeChanges().Select(c => c.Kind));
        Assert.Equal(0, assessment.SetAnswers(Catalog, new Dictionary<string, Answer?> { [Review] = new NotApplicableAnswer("Reviewed by the vendor.") }, Now.AddHours(2)));

        assessment.SetAnswers(Catalog, new Dictionary<string, Answer?> { [Review] = new ChoiceAnswer("monthly") }, Now.AddHours(3));

        Assert.Empty(assessment.NotApplicable);
        Assert.Equal([ChangeKind.AnswerSet, ChangeKind.NotApplicableCleared], assessment.TakeChanges().Select(c => c.Kind));
    }

    [Fact]
    public void SetAnswers_ARefusedMark_ChangesNothing()
    {
        var assessment = Draft();
        var version = assessment.Version;
        var changes = new Dictionary<string, Answer?>
        {
            [Review] = new ChoiceAnswer("weekly"),
            [QuestionKeys.IntegrationBudgeted] = new NotApplicableAnswer("We have no budget lines."),
        };

        var refused = Assert.Throws<FieldErrorsException>(() => assessment.SetAnswers(Catalog, changes, Now));

        Assert.Equal(QuestionKeys.IntegrationBudgeted, Assert.Single(refused.Errors).Field);
        Assert.Equal(refused.Errors, assessment.CheckNotApplicable(Catalog, changes));
        Assert.Equal(version, assessment.Version);
        Assert.Empty(assessment.NotApplicable);
        Assert.Empty(assessment.TakeChanges());
    }

    [Fact]
    public void Reassess_CarriesTheMarks_AndTheScoreKeepsThem()
    {
        var assessment = Draft();
        assessment.SetAnswers(Catalog, new Dictionary<string, Answer?> { [Review] = new NotApplicableAnswer("Reviewed by the vendor.") }, Now);
        assessment.Submit(Catalog, Now);

        var next = assessment.Reassess(Catalog, Now.AddDays(1));

        Assert.Equal(assessment.NotApplicableReasons, next.NotApplicableReasons);
        Assert.Equal(assessment.Score(Catalog, Now).Section(SectionKeys.AfterDemo).MaxPoints, next.Score(Catalog, Now).Section(SectionKeys.AfterDemo).MaxPoints);
        Assert.Equal(next.Readiness.AfterDemo, next.Score(Catalog, Now).Section(SectionKeys.AfterDemo).Score);
    }
}
