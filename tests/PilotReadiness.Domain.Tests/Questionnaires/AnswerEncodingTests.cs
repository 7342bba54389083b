using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Questionnaires;

public class AnswerEncodingTests
{
    private static Question Q(string key) => ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(key);

    public static TheoryData<string, Answer, string> Cases => new()
    {
        { "commitment.purpose", new ChoiceAnswer("de-risk"), "de-risk" },
        { QuestionKeys.IntegrationBudgeted, new YesNoAnswer(true), "true" },
        { QuestionKeys.IntegrationBudgeted, new YesNoAnswer(false), "false" },
        { "involvement.daily-users", new NumberAnswer(40), "40" },
        { "involvement.daily-users", new NumberAnswer(12.5m), "12.5" },
        { QuestionKeys.PrototypeCost, new NumberAnswer(12_500.50m), "12500.5" },
        { QuestionKeys.ProductionBudget, new NumberAnswer(Limits.MoneyMax), "1000000000000" },
        { "commitment.rollout-date", new DateAnswer(new DateOnly(2026, 6, 30)), "2026-06-30" },
        { QuestionKeys.ProductionOwner, new TextAnswer("Priya Natarajan"), "Priya Natarajan" },
        { QuestionKeys.WhatThen, new TextAnswer("Line one,\n\"quoted\" — ünïcode"), "Line one,\n\"quoted\" — ünïcode" },
        { QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["crm", "erp"]), "[\"crm\",\"erp\"]" },
        { QuestionKeys.IntegrationSystems, new MultiSelectAnswer(["none"]), "[\"none\"]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeDecode_RoundTripsEveryQuestionType(string key, Answer answer, string encoded)
    {
        var question = Q(key);

        Assert.Null(question.Check(answer));
        Assert.Equal(encoded, answer.Encode());
        Assert.Equal(answer, question.Decode(encoded));
    }

    [Fact]
    public void EncodeDecode_Cases_CoverEveryQuestionTypeOfV1()
    {
        var covered = Cases.Select(row => Q((string)row[0]).Type).ToHashSet();

        Assert.Equal(ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Select(q => q.Type).ToHashSet(), covered);
        Assert.Equal(Enum.GetValues<QuestionType>().Length, covered.Count);
    }

    [Theory]
    [InlineData("commitment.purpose", "evaluate")]
    [InlineData(QuestionKeys.IntegrationBudgeted, "no")]
    [InlineData("involvement.daily-users", "1,250")]
    [InlineData(QuestionKeys.ProductionBudget, "300000.00")]
    [InlineData("commitment.rollout-date", "2030-01-15")]
    [InlineData("involvement.team-sponsor", "  Sam Okafor ")]
    [InlineData("after-demo.escalation-path", "Tell the owner.")]
    public void ParseEncodeDecode_GivesBackTheParsedAnswer(string key, string input)
    {
        var question = Q(key);
        var parsed = question.Parse([input]).Answer!;

        Assert.Equal(parsed, question.Decode(parsed.Encode()));
    }

    [Fact]
    public void ParseEncodeDecode_MultiSelect_GivesBackTheParsedAnswer()
    {
        var question = Q(QuestionKeys.IntegrationSystems);
        var parsed = question.Parse(["other", "crm", "identity"]).Answer!;

        Assert.Equal(new MultiSelectAnswer(["crm", "identity", "other"]), question.Decode(parsed.Encode()));
    }

    [Fact]
    public void MultiSelectAnswer_EqualityIsByValuesInOrder()
    {
        Assert.Equal(new MultiSelectAnswer(["crm", "erp"]), new MultiSelectAnswer(["crm", "erp"]));
        Assert.Equal(new MultiSelectAnswer(["crm", "erp"]).GetHashCode(), new MultiSelectAnswer(["crm", "erp"]).GetHashCode());
        Assert.NotEqual(new MultiSelectAnswer(["erp", "crm"]), new MultiSelectAnswer(["crm", "erp"]));
    }

    [Theory]
    [InlineData(QuestionKeys.ProductionBudget, "1234567.891", "1,234,567.89")]
    [InlineData("commitment.rollout-date", "2026-06-30", "30 June 2026")]
    [InlineData(QuestionKeys.IntegrationBudgeted, "yes", "Yes")]
    [InlineData(QuestionKeys.InvolvementLevel, "involved", "Involved in design, testing and acceptance")]
    public void Describe_ShowsTheAnswerAsAPersonReadsIt(string key, string input, string expected)
    {
        var question = Q(key);

        Assert.Equal(expected, question.Describe(question.Parse([input]).Answer));
        Assert.Equal("Not answered", question.Describe(null));
    }
}
