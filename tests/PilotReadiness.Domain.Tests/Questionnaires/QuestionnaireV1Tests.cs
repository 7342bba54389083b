using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Questionnaires;

public class QuestionnaireV1Tests
{
    private static Questionnaire V1 => ShippedQuestionnaires.Catalog.Get(1).Questionnaire;

    [Fact]
    public void Catalog_Version1StaysFindableAfterVersion2()
    {
        Assert.Equal(1, ShippedQuestionnaires.Catalog.Get(1).Questionnaire.Version);
        Assert.Same(ShippedQuestionnaires.Catalog.Get(1).Questionnaire, ShippedQuestionnaires.Catalog.Find(1)?.Questionnaire);
        Assert.Equal(2, ShippedQuestionnaires.Catalog.Current.Questionnaire.Version);
        Assert.Equal([1, 2], ShippedQuestionnaires.Catalog.All.Select(v => v.Questionnaire).Select(q => q.Version));
        Assert.Null(ShippedQuestionnaires.Catalog.Find(0)?.Questionnaire);
        Assert.Throws<ArgumentException>(() => ShippedQuestionnaires.Catalog.Get(3).Questionnaire);
    }

    [Fact]
    public void V1_HasTheSixSectionsInTheFixedKeyOrder()
    {
        Assert.Equal(
            ["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"],
            V1.Sections.Select(s => s.Key));
    }

    [Fact]
    public void V1_WeightsAre20_20_20_15_10_15AndSumTo100()
    {
        Assert.Equal([20, 20, 20, 15, 10, 15], V1.Sections.Select(s => s.Weight));
        Assert.Equal(100, V1.TotalWeight);
    }

    [Fact]
    public void V1_EverySectionHasAtLeastFourQuestionsAndIsWorth100Points()
    {
        Assert.All(V1.Sections, s =>
        {
            Assert.True(s.Questions.Count >= 4, $"Section '{s.Key}' has {s.Questions.Count} questions.");
            Assert.Equal(100, s.MaxPoints);
            Assert.All(s.Questions, q => Assert.Equal(s.Key, q.SectionKey));
        });
    }

    [Theory]
    [InlineData(QuestionKeys.WhatThen, QuestionType.Text, true)]
    [InlineData(QuestionKeys.InvolvementLevel, QuestionType.Choice, true)]
    [InlineData(QuestionKeys.ProductionOwner, QuestionType.Person, true)]
    [InlineData(QuestionKeys.IntegrationSystems, QuestionType.MultiSelect, true)]
    [InlineData(QuestionKeys.IntegrationBudgeted, QuestionType.YesNo, false)]
    [InlineData(QuestionKeys.PrototypeCost, QuestionType.Money, false)]
    [InlineData(QuestionKeys.ProductionBudget, QuestionType.Money, false)]
    public void V1_FixedKeysExistWithTheRightType(string key, QuestionType type, bool blocker)
    {
        var question = V1.FindQuestion(key);

        Assert.NotNull(question);
        Assert.Equal(type, question.Type);
        Assert.Equal(blocker, question.Blocker);
    }

    [Fact]
    public void V1_FixedKeysHaveTheirContractSpelling()
    {
        Assert.Equal("commitment.what-then", QuestionKeys.WhatThen);
        Assert.Equal("involvement.level", QuestionKeys.InvolvementLevel);
        Assert.Equal("after-demo.production-owner", QuestionKeys.ProductionOwner);
        Assert.Equal("integration.systems", QuestionKeys.IntegrationSystems);
        Assert.Equal("integration.budgeted", QuestionKeys.IntegrationBudgeted);
        Assert.Equal("integration.prototype-cost", QuestionKeys.PrototypeCost);
        Assert.Equal("integration.production-budget", QuestionKeys.ProductionBudget);
    }

    [Fact]
    public void V1_InvolvementLevelOffersNotYetInformedConsultedInvolvedInRisingPoints()
    {
        var options = V1.GetQuestion(QuestionKeys.InvolvementLevel).Options;

        Assert.Equal(["not-yet", "informed", "consulted", "involved"], options.Select(o => o.Value));
        Assert.Equal([0, 5, 15, 30], options.Select(o => o.Points));
    }

    [Fact]
    public void V1_IntegrationSystemsOffersNoneAsTheOnlyExclusiveOption()
    {
        var options = V1.GetQuestion(QuestionKeys.IntegrationSystems).Options;

        Assert.Equal(["none", "crm", "ticketing", "erp", "data-platform", "identity", "other"], options.Select(o => o.Value));
        Assert.Equal(["none"], options.Where(o => o.Exclusive).Select(o => o.Value));
        Assert.All(options, o => Assert.Equal(0, o.Points));
    }

    [Fact]
    public void V1_YesNoQuestionsOfferExactlyYesAndNo()
    {
        Assert.All(V1.Questions.Where(q => q.Type == QuestionType.YesNo), q =>
        {
            Assert.Equal(["yes", "no"], q.Options.Select(o => o.Value));
            Assert.Equal(0, q.FindOption("no")!.Points);
            Assert.Equal(q.MaxPoints, q.FindOption("yes")!.Points);
        });
    }

    [Fact]
    public void V1_EveryQuestionHasTextHelpAndAction()
    {
        Assert.All(V1.Questions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Text));
            Assert.False(string.IsNullOrWhiteSpace(q.Help));
            Assert.False(string.IsNullOrWhiteSpace(q.Action));
        });
    }

    [Fact]
    public void V1_QuestionKeysAreUniqueAndShaped()
    {
        var keys = V1.Questions.Select(q => q.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.Matches("^[a-z-]+\\.[a-z-]+$", k));
        Assert.All(keys, k => Assert.InRange(k.Length, 3, Limits.QuestionKeyMaxLength));
    }

    [Fact]
    public void V1_OptionQuestionsHaveOptionsAndOthersEarnByBeingAnswered()
    {
        Assert.All(V1.Questions, q =>
        {
            if (q.Type.HasOptions())
            {
                Assert.NotEmpty(q.Options);
                Assert.Equal(0, q.AnsweredPoints);
            }
            else
            {
                Assert.Empty(q.Options);
                Assert.Equal(q.AnsweredPoints, q.MaxPoints);
            }
        });
    }

    [Fact]
    public void V1_UnscoredQuestionsAreDailyUsersLiveSystemsAndTheirOwner()
    {
        Assert.Equal(
            ["involvement.daily-users", QuestionKeys.IntegrationSystems, QuestionKeys.SystemOwner],
            V1.Questions.Where(q => !q.IsScored).Select(q => q.Key));
    }

    [Fact]
    public void GetQuestion_UnknownKey_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => V1.GetQuestion("commitment.nope"));

        Assert.Contains("commitment.nope", error.Message, StringComparison.Ordinal);
        Assert.Null(V1.FindQuestion("commitment.nope"));
    }
}
