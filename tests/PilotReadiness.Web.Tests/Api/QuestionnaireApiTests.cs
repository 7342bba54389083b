using System.Net;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class QuestionnaireApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private async Task<JsonElement> GetQuestionnaireAsync()
    {
        using var response = await Client.GetAsync("/api/questionnaire");
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    private static JsonElement Question(JsonElement questionnaire, string key) =>
        questionnaire.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("questions").EnumerateArray())
            .Single(q => q.GetProperty("key").GetString() == key);

    [Fact]
    public async Task GetQuestionnaire_ListsTheSixFixedSectionsInOrder()
    {
        var questionnaire = await GetQuestionnaireAsync();

        Assert.Equal(2, questionnaire.GetProperty("version").GetInt32());
        Assert.Equal(
            ["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"],
            questionnaire.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.All(questionnaire.GetProperty("sections").EnumerateArray(), s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("title").GetString()));
            Assert.True(s.GetProperty("weight").GetInt32() > 0);
            Assert.NotEmpty(s.GetProperty("questions").EnumerateArray());
        });
    }

    [Theory]
    [InlineData("commitment.what-then", "text")]
    [InlineData("involvement.level", "choice")]
    [InlineData("after-demo.production-owner", "person")]
    [InlineData("integration.systems", "multi-select")]
    [InlineData("integration.budgeted", "yes-no")]
    [InlineData("integration.prototype-cost", "money")]
    [InlineData("integration.production-budget", "money")]
    [InlineData("commitment.rollout-date", "date")]
    [InlineData("involvement.daily-users", "number")]
    public async Task GetQuestionnaire_FixedQuestionKey_HasItsType(string key, string type)
    {
        var questionnaire = await GetQuestionnaireAsync();

        Assert.Equal(type, Question(questionnaire, key).GetProperty("type").GetString());
        var section = questionnaire.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key.Split('.')[0]);
        Assert.Contains(section.GetProperty("questions").EnumerateArray(), q => q.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task GetQuestionnaire_InvolvementLevel_OffersTheFourLevelsWithRisingPoints()
    {
        var question = Question(await GetQuestionnaireAsync(), "involvement.level");

        var options = question.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(["not-yet", "informed", "consulted", "involved"], options.Select(o => o.GetProperty("value").GetString()));
        var points = options.Select(o => o.GetProperty("points").GetInt32()).ToList();
        Assert.Equal(0, points[0]);
        Assert.Equal(points.Order(), points);
        Assert.Equal(points.Max(), question.GetProperty("maxPoints").GetInt32());
        Assert.True(question.GetProperty("blocker").GetBoolean());
        Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("label").GetString())));
    }

    [Fact]
    public async Task GetQuestionnaire_OptionQuestionsCarryPointsAndOthersCarryNoOptions()
    {
        var questions = (await GetQuestionnaireAsync()).GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("questions").EnumerateArray()).ToList();

        Assert.All(questions, q =>
        {
            var type = q.GetProperty("type").GetString();
            var options = q.GetProperty("options").EnumerateArray().ToList();
            if (type is "choice" or "yes-no" or "multi-select")
            {
                Assert.NotEmpty(options);
                Assert.All(options, o => Assert.True(o.GetProperty("points").GetInt32() >= 0));
            }
            else
            {
                Assert.Empty(options);
            }
        });
        Assert.Equal(["yes", "no"], Question(await GetQuestionnaireAsync(), "integration.budgeted")
            .GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
    }
}
