using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Questionnaires;

public class QuestionParseTests
{
    private static Question Q(string key) => ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(key);

    public static TheoryData<string> AllQuestionKeys => [.. ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Select(q => q.Key)];

    [Theory]
    [MemberData(nameof(AllQuestionKeys))]
    public void Parse_EmptyInput_ClearsTheAnswer(string key)
    {
        var question = Q(key);

        Assert.Equal(AnswerParse.Cleared, question.Parse([]));
        Assert.Equal(AnswerParse.Cleared, question.Parse([""]));
        Assert.Equal(AnswerParse.Cleared, question.Parse(["   "]));
        Assert.Equal(AnswerParse.Cleared, question.Parse([null, " "]));
        var cleared = question.Parse([""]);
        Assert.True(cleared.IsValid);
        Assert.Null(cleared.Answer);
        Assert.Null(cleared.Error);
    }

    [Theory]
    [InlineData(QuestionKeys.InvolvementLevel, "maybe")]
    [InlineData(QuestionKeys.InvolvementLevel, "Involved")]
    [InlineData("commitment.purpose", "none")]
    [InlineData(QuestionKeys.IntegrationSystems, "sap")]
    public void Parse_UnknownOption_IsInvalidAndListsTheOptions(string key, string input)
    {
        var parse = Q(key).Parse([input]);

        Assert.False(parse.IsValid);
        Assert.Null(parse.Answer);
        Assert.Contains($"'{input}' is not one of the options (", parse.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QuestionKeys.InvolvementLevel, " consulted ", "consulted")]
    [InlineData("after-demo.review-cadence", "weekly", "weekly")]
    public void Parse_KnownOption_GivesChoiceAnswer(string key, string input, string expected)
    {
        Assert.Equal(AnswerParse.Valid(new ChoiceAnswer(expected)), Q(key).Parse([input]));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData(" no ", false)]
    [InlineData("false", false)]
    public void Parse_YesNo_AcceptsYesNoTrueFalse(string input, bool expected)
    {
        Assert.Equal(AnswerParse.Valid(new YesNoAnswer(expected)), Q(QuestionKeys.IntegrationBudgeted).Parse([input]));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("y")]
    public void Parse_YesNo_RejectsAnythingElse(string input)
    {
        var parse = Q(QuestionKeys.IntegrationBudgeted).Parse([input]);

        Assert.False(parse.IsValid);
        Assert.Equal("Choose yes or no.", parse.Error);
    }

    [Theory]
    [InlineData("integration.state", "built", "designed")]
    [InlineData(QuestionKeys.IntegrationBudgeted, "yes", "no")]
    [InlineData(QuestionKeys.WhatThen, "one", "two")]
    [InlineData(QuestionKeys.PrototypeCost, "1", "2")]
    public void Parse_TwoValuesForSingleAnswerQuestion_IsInvalid(string key, string first, string second)
    {
        Assert.Equal(AnswerParse.Invalid("Give one answer."), Q(key).Parse([first, second]));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1000", 1000)]
    [InlineData("1,000", 1000)]
    [InlineData(" 12,500.50 ", 12500.50)]
    [InlineData("0.01", 0.01)]
    [InlineData("1000000000000", 1000000000000)]
    // Pasted the way people write amounts: a symbol or code, thousands separators of any kind.
    [InlineData("€60,000", 60000)]
    [InlineData("€ 60,000", 60000)]
    [InlineData("60,000 €", 60000)]
    [InlineData("EUR 60000", 60000)]
    [InlineData("60 000", 60000)]
    [InlineData("60\u00A0000", 60000)]
    [InlineData("60\u202F000,50", 60000.50)]
    [InlineData("60.000,50", 60000.50)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1'234'567", 1234567)]
    [InlineData("12,50", 12.50)]
    [InlineData("0.500", 0.5)]
    [InlineData("1234.567", 1234.567)]
    public void Parse_Money_AcceptsAmountsOfZeroOrMore(string input, double expected)
    {
        Assert.Equal(AnswerParse.Valid(new NumberAnswer((decimal)expected)), Q(QuestionKeys.PrototypeCost).Parse([System.Text.RegularExpressions.Regex.Unescape(input)]));
    }

    private const string NotAnAmount = "Enter an amount (a number of zero or more, like 125000, 125,000.50 or €125 000).";

    [Theory]
    [InlineData("-1", "Enter an amount of zero or more.")]
    [InlineData("-0.01", "Enter an amount of zero or more.")]
    [InlineData("1000000000000.01", "Enter an amount no larger than 1,000,000,000,000.")]
    [InlineData("abc", NotAnAmount)]
    [InlineData("1e6", NotAnAmount)]
    [InlineData("1,2,3", NotAnAmount)]
    [InlineData("1,23,456", NotAnAmount)]
    [InlineData("60,000.000,5", NotAnAmount)]
    [InlineData("€60,000 EUR", NotAnAmount)]
    [InlineData("6 0000", NotAnAmount)]
    // One point and three digits: sixty thousand in much of Europe, sixty in English. Both readings are named.
    [InlineData("60.000", "\"60.000\" could mean 60,000 or 60: write 60000 for the first, 60 for the second.")]
    [InlineData("€1.500", "\"€1.500\" could mean 1,500 or 1.5: write 1500 for the first, 1.5 for the second.")]
    public void Parse_Money_RejectsNegativeTooLargeMalformedOrAmbiguous(string input, string error)
    {
        Assert.Equal(AnswerParse.Invalid(error), Q(QuestionKeys.ProductionBudget).Parse([input]));
    }

    [Theory]
    [InlineData("€60,000", "EUR", null)]
    [InlineData("$60,000", "EUR", null)]
    [InlineData("60000 usd", "USD", null)]
    [InlineData("£60,000", "EUR", "Amounts here are in EUR; \"£\" is another currency. Enter the amount in EUR.")]
    [InlineData("USD 60,000", "EUR", "Amounts here are in EUR; \"USD\" is another currency. Enter the amount in EUR.")]
    public void Parse_Money_InTheOrganisationsCurrency_RefusesAnotherCurrencysMark(string input, string code, string? error)
    {
        var parse = Q(QuestionKeys.ProductionBudget).Parse([input], new Currency(code));

        Assert.Equal(error, parse.Error);
        if (error is null)
        {
            Assert.Equal(new NumberAnswer(60000m), parse.Answer);
        }
    }

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("USD", true)]
    [InlineData("eur", false)]
    [InlineData("EU", false)]
    [InlineData("XYZ", false)]
    [InlineData("", false)]
    public void Currency_IsCode_TakesActiveIsoCodesInCapitals(string code, bool expected)
    {
        Assert.Equal(expected, Currency.IsCode(code));
        if (!expected)
        {
            Assert.Equal(Currency.CodeMessage, Assert.Throws<ArgumentException>(() => new Currency(code)).Message.Split(" (Parameter")[0]);
        }
    }

    [Fact]
    public void Parse_Number_TakesNoCurrencyMark()
    {
        var question = Q("involvement.daily-users");

        Assert.Equal(QuestionType.Number, question.Type);
        Assert.False(question.Parse(["€12"]).IsValid);
        Assert.Equal(AnswerParse.Valid(new NumberAnswer(1200m)), question.Parse(["1 200"]));
    }

    [Fact]
    public void Check_NegativeMoney_IsRejected()
    {
        Assert.Equal("Enter an amount of zero or more.", Q(QuestionKeys.PrototypeCost).Check(new NumberAnswer(-5m)));
        Assert.Null(Q(QuestionKeys.PrototypeCost).Check(new NumberAnswer(0m)));
        Assert.Null(Q(QuestionKeys.PrototypeCost).Check(new NumberAnswer(Limits.MoneyMax)));
    }

    [Theory]
    [InlineData("12", null)]
    [InlineData("12.5", null)]
    [InlineData("1000000000", null)]
    [InlineData("1000000001", "Enter a number no larger than 1,000,000,000.")]
    [InlineData("-3", "Enter a number of zero or more.")]
    [InlineData("twelve", "Enter a number of zero or more.")]
    public void Parse_Number_AcceptsZeroOrMoreWithinTheLimit(string input, string? error)
    {
        var parse = Q("involvement.daily-users").Parse([input]);

        Assert.Equal(error, parse.Error);
        Assert.Equal(error is null, parse.Answer is NumberAnswer);
    }

    [Theory]
    [InlineData("2026-06-30", 2026, 6, 30)]
    [InlineData("2000-01-01", 2000, 1, 1)]
    [InlineData("2100-12-31", 2100, 12, 31)]
    [InlineData(" 2024-02-29 ", 2024, 2, 29)]
    public void Parse_Date_AcceptsIsoDatesInRange(string input, int year, int month, int day)
    {
        Assert.Equal(AnswerParse.Valid(new DateAnswer(new DateOnly(year, month, day))), Q("commitment.rollout-date").Parse([input]));
    }

    [Theory]
    [InlineData("2025-02-30", "Enter a date as YYYY-MM-DD.")]
    [InlineData("2025-13-01", "Enter a date as YYYY-MM-DD.")]
    [InlineData("30/06/2026", "Enter a date as YYYY-MM-DD.")]
    [InlineData("2026-6-30", "Enter a date as YYYY-MM-DD.")]
    [InlineData("next spring", "Enter a date as YYYY-MM-DD.")]
    [InlineData("1999-12-31", "Enter a date between 2000 and 2100.")]
    [InlineData("2101-01-01", "Enter a date between 2000 and 2100.")]
    public void Parse_Date_RejectsMalformedOrOutOfRangeDates(string input, string error)
    {
        Assert.Equal(AnswerParse.Invalid(error), Q("commitment.rollout-date").Parse([input]));
    }

    [Theory]
    [InlineData(QuestionKeys.WhatThen, Limits.TextMaxLength)]
    [InlineData("ownership.failure-handling", Limits.TextMaxLength)]
    [InlineData(QuestionKeys.ProductionOwner, Limits.PersonMaxLength)]
    [InlineData("involvement.team-sponsor", Limits.PersonMaxLength)]
    public void Parse_TextAtItsLimit_IsValidAndOneMoreIsNot(string key, int limit)
    {
        var question = Q(key);

        Assert.Equal(limit, question.MaxLength);
        Assert.True(question.Parse([new string('a', limit)]).IsValid);
        Assert.True(question.Parse(["  " + new string('a', limit) + "  "]).IsValid);
        Assert.Equal(
            AnswerParse.Invalid($"Keep this to {limit} characters or fewer."),
            question.Parse([new string('a', limit + 1)]));
    }

    [Fact]
    public void Parse_Text_IsTrimmed()
    {
        Assert.Equal(AnswerParse.Valid(new TextAnswer("Priya Natarajan")), Q(QuestionKeys.ProductionOwner).Parse(["  Priya Natarajan \n"]));
    }

    [Theory]
    [InlineData(QuestionKeys.WhatThen)]
    [InlineData(QuestionKeys.ProductionOwner)]
    public void Check_BlankText_IsRejected(string key)
    {
        Assert.Equal("Enter some text, or clear the answer.", Q(key).Check(new TextAnswer("  ")));
    }

    [Theory]
    [InlineData(new[] { "crm" }, new[] { "crm" })]
    [InlineData(new[] { "none" }, new[] { "none" })]
    [InlineData(new[] { "erp", "crm", "other" }, new[] { "crm", "erp", "other" })]
    [InlineData(new[] { " identity ", "", "ticketing" }, new[] { "ticketing", "identity" })]
    public void Parse_MultiSelect_GivesOptionsInQuestionnaireOrder(string[] input, string[] expected)
    {
        var parse = Q(QuestionKeys.IntegrationSystems).Parse(input);

        Assert.True(parse.IsValid, parse.Error);
        Assert.Equal(new MultiSelectAnswer(expected), parse.Answer);
    }

    [Theory]
    [InlineData(new[] { "none", "crm" }, "'None: it stands alone' cannot be combined with other options.")]
    [InlineData(new[] { "crm", "none" }, "'None: it stands alone' cannot be combined with other options.")]
    [InlineData(new[] { "crm", "crm" }, "Choose each option at most once.")]
    [InlineData(new[] { "none", "none" }, "Choose each option at most once.")]
    [InlineData(new[] { "crm", "sap" }, "'sap' is not one of the options (none, crm, ticketing, erp, data-platform, identity, other).")]
    public void Parse_MultiSelect_RejectsExclusiveCombinedDuplicatesAndUnknown(string[] input, string error)
    {
        Assert.Equal(AnswerParse.Invalid(error), Q(QuestionKeys.IntegrationSystems).Parse(input));
    }

    [Fact]
    public void Check_EmptyMultiSelect_IsRejected()
    {
        Assert.Equal(
            "Choose at least one option, or clear the answer.",
            Q(QuestionKeys.IntegrationSystems).Check(new MultiSelectAnswer([])));
    }

    [Theory]
    [InlineData(QuestionKeys.InvolvementLevel, "Expected one of: not-yet, informed, consulted, involved.")]
    [InlineData(QuestionKeys.IntegrationBudgeted, "Expected true or false (or the option values \"yes\" and \"no\").")]
    [InlineData(QuestionKeys.PrototypeCost, "Expected an amount (a number of zero or more, like 125000, 125,000.50 or €125 000).")]
    [InlineData("commitment.rollout-date", "Expected a date as YYYY-MM-DD.")]
    [InlineData(QuestionKeys.IntegrationSystems, "Expected a list of: none, crm, ticketing, erp, data-platform, identity, other.")]
    public void Check_AnswerOfTheWrongType_IsRejected(string key, string error)
    {
        Assert.Equal(error, Q(key).Check(new TextAnswer("something")));
    }

    [Fact]
    public void Check_WrongAnswerTypeForTextQuestions_IsRejected()
    {
        Assert.Equal("Expected text.", Q(QuestionKeys.WhatThen).Check(new NumberAnswer(1)));
        Assert.Equal("Expected a person's name.", Q(QuestionKeys.ProductionOwner).Check(new ChoiceAnswer("x")));
        Assert.Equal("Expected a number of zero or more.", Q("involvement.daily-users").Check(new DateAnswer(new DateOnly(2026, 1, 1))));
    }
}
