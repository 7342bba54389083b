using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Questionnaires;

public class TextRulesTests
{
    [Theory]
    [InlineData("Plain text", false, true)]
    [InlineData("Zoë — naïve café 🚀", false, true)]
    [InlineData("Line one\nline two\r\n\ttabbed", true, true)]
    [InlineData("Line one\nline two", false, false)]
    [InlineData("NUL\0inside", true, false)]
    [InlineData("bell\u0007", true, false)]
    public void IsClean_AcceptsPrintableTextAndLineBreaksOnlyWhereMultiline(string value, bool multiline, bool expected)
    {
        Assert.Equal(expected, TextRules.IsClean(value, multiline));
    }

    [Fact]
    public void IsClean_BrokenUnicode_IsRejected()
    {
        // Built in code: test-case data with lone surrogates does not survive the test runner's serialization.
        Assert.False(TextRules.IsClean("lone " + '\ud800' + " surrogate", multiline: true));
        Assert.False(TextRules.IsClean("bytes that were not UTF-8 \uFFFD(", multiline: true));
        Assert.False(TextRules.IsClean("reversed " + '\udc00' + '\ud800' + " pair", multiline: true));
        Assert.True(TextRules.IsClean("paired " + '\ud83d' + '\ude80', multiline: false));
    }

    [Fact]
    public void Check_TextWithNul_IsRejected()
    {
        var question = ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(QuestionKeys.WhatThen);

        Assert.Equal(TextRules.InvalidCharactersMessage, question.Check(new TextAnswer("Roll\0 out")));
        Assert.Null(question.Check(new TextAnswer("Roll out\nin March")));
    }

    [Fact]
    public void Check_PersonWithLineBreak_IsRejected()
    {
        var question = ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(QuestionKeys.ProductionOwner);

        Assert.Equal(TextRules.InvalidCharactersMessage, question.Check(new TextAnswer("Sofia\nLindqvist")));
    }

    [Fact]
    public void AssessmentDetails_TitleWithControlCharacter_Throws()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new AssessmentDetails("Invoice\0 matching", "Finance", "Amira", null));

        Assert.StartsWith(TextRules.InvalidCharactersMessage, error.Message, StringComparison.Ordinal);
    }
}

public class LineEndingTests
{
    [Fact]
    public void Parse_TextWithCrLf_StoresLfAndCountsEachBreakOnce()
    {
        var question = ShippedQuestionnaires.Catalog.Current.Questionnaire.GetQuestion(QuestionKeys.WhatThen);
        var lines = string.Join("\r\n", Enumerable.Repeat(new string('x', 99), 40)); // 3,960 characters + 39 CRLF

        var parse = question.Parse([lines]);

        Assert.True(parse.IsValid, parse.Error);
        var text = Assert.IsType<TextAnswer>(parse.Answer).Value;
        Assert.DoesNotContain('\r', text);
        Assert.Equal(3999, text.Length);
    }
}
