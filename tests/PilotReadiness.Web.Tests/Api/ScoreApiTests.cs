using System.Net;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class ScoreApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private async Task<JsonElement> ScoreOfAsync(Dictionary<string, object?> answers)
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, answers);
        return await Client.GetScoreAsync(created.Id);
    }

    private static List<string?> GateKeys(JsonElement score) =>
        [.. score.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("key").GetString())];

    [Fact]
    public async Task GetScore_NewAssessment_HasTheFullShapeAndIsPilotTheatre()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.GetAsync($"/api/assessments/{created.Id}/score");

        var score = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal(0, score.GetProperty("overall").GetInt32());
        Assert.Equal("no-go", score.GetProperty("verdict").GetString());
        Assert.True(score.GetProperty("pilotTheatre").GetBoolean());
        Assert.Equal(2, score.GetProperty("questionnaireVersion").GetInt32());
        Assert.Equal("2", score.GetProperty("modelVersion").GetString());
        Assert.Empty(score.GetProperty("notCounted").EnumerateObject());
        Assert.Equal(
            ["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"],
            score.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.All(score.GetProperty("sections").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("score").GetInt32()));
        Assert.Contains("pilot-theatre", GateKeys(score));
        Assert.All(score.GetProperty("gates").EnumerateArray(), g =>
        {
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("key").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("section").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("message").GetString()));
        });
        Assert.NotEmpty(score.GetProperty("findings").EnumerateArray());
        Assert.All(score.GetProperty("findings").EnumerateArray(), f =>
        {
            Assert.Contains(f.GetProperty("section").GetString(), (string[])["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"]);
            Assert.Contains(f.GetProperty("severity").GetString(), (string[])["critical", "major", "minor"]);
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("action").GetString()));
        });
    }

    [Fact]
    public async Task GetScore_ReadyAnswers_ScoresGoWithNoGates_TheNamedPeopleAtHalfUntilTheyConfirm()
    {
        var score = await ScoreOfAsync(SampleAnswers.Ready());

        Assert.Equal(92, score.GetProperty("overall").GetInt32());
        Assert.Equal("go", score.GetProperty("verdict").GetString());
        Assert.False(score.GetProperty("pilotTheatre").GetBoolean());
        Assert.Empty(score.GetProperty("gates").EnumerateArray());
        Assert.Equal(
            ["after-demo.production-owner", "after-demo.quality-reviewer", "integration.system-owner", "involvement.team-sponsor"],
            score.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("questionKey").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal([100, 90, 75, 95, 100, 100], score.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("score").GetInt32()));
        Assert.Contains(score.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "confirmation-points");
    }

    [Fact]
    public async Task GetScore_TbdForWhatThen_IsPilotTheatreAndNoGo_AndSaysWhyItDoesNotCount()
    {
        var score = await ScoreOfAsync(SampleAnswers.ReadyWith("commitment.adoption", "tbd"));

        Assert.Contains("placeholder", score.GetProperty("notCounted").GetProperty("commitment.adoption").GetString(), StringComparison.Ordinal);

        Assert.True(score.GetProperty("pilotTheatre").GetBoolean());
        Assert.Equal("no-go", score.GetProperty("verdict").GetString());
        var gate = Assert.Single(score.GetProperty("gates").EnumerateArray());
        Assert.Equal("pilot-theatre", gate.GetProperty("key").GetString());
        Assert.Equal("commitment", gate.GetProperty("section").GetString());
        var finding = score.GetProperty("findings").EnumerateArray().First();
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("commitment", finding.GetProperty("section").GetString());
    }

    [Fact]
    public async Task GetScore_ProductionBudgetTwicePrototype_GatesProductionUnderBudgetedWithConditions()
    {
        var answers = SampleAnswers.ReadyWith("integration.production-budget", 80000);

        var score = await ScoreOfAsync(answers);

        var gate = Assert.Single(score.GetProperty("gates").EnumerateArray());
        Assert.Equal("production-under-budgeted", gate.GetProperty("key").GetString());
        Assert.Equal("integration", gate.GetProperty("section").GetString());
        Assert.Contains("2×", gate.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("go-with-conditions", score.GetProperty("verdict").GetString());
        Assert.Equal(92, score.GetProperty("overall").GetInt32());
    }

    [Fact]
    public async Task GetScore_NoProductionOwner_CapsVerdictAtNotReady()
    {
        var score = await ScoreOfAsync(SampleAnswers.ReadyWith("after-demo.production-owner", null));

        Assert.Equal(["no-production-owner"], GateKeys(score));
        Assert.Equal("after-demo", score.GetProperty("gates")[0].GetProperty("section").GetString());
        Assert.Equal("not-ready", score.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("IT Service Desk (to be confirmed)")]
    [InlineData("TBD")]
    [InlineData("someone in ops")]
    public async Task GetScore_AProductionOwnerWhoIsNotAPerson_HoldsTheNoOwnerGate(string owner)
    {
        var score = await ScoreOfAsync(SampleAnswers.ReadyWith("after-demo.production-owner", owner));

        Assert.Contains("no-production-owner", GateKeys(score));
        Assert.Equal("not-ready", score.GetProperty("verdict").GetString());
        var finding = score.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "gate:no-production-owner");
        Assert.StartsWith("Name one person", finding.GetProperty("action").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetScore_UsersOnlyConsulted_CapsVerdictAtNotReady()
    {
        var score = await ScoreOfAsync(SampleAnswers.ReadyWith("involvement.level", "consulted"));

        Assert.Equal(["users-not-involved"], GateKeys(score));
        Assert.Equal("not-ready", score.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task GetScore_LiveSystemsWithoutIntegrationBudget_CapsVerdictAtNotReady()
    {
        var answers = SampleAnswers.ReadyWith("integration.budgeted", false);
        answers["integration.systems"] = (string[])["crm", "erp"];

        var score = await ScoreOfAsync(answers);

        Assert.Equal(["integration-not-budgeted"], GateKeys(score));
        Assert.Equal("not-ready", score.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task GetScore_NoLiveSystemAndNoIntegrationBudget_HasNoIntegrationGate()
    {
        var answers = SampleAnswers.ReadyWith("integration.budgeted", false);
        answers["integration.systems"] = (string[])["none"];

        var score = await ScoreOfAsync(answers);

        Assert.DoesNotContain("integration-not-budgeted", GateKeys(score));
    }

    [Fact]
    public async Task GetScore_ChangesWithTheAnswers()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, SampleAnswers.Ready());
        Assert.Equal("go", (await Client.GetScoreAsync(created.Id)).GetProperty("verdict").GetString());

        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["commitment.integration-built"] = "We'll see." });

        var score = await Client.GetScoreAsync(created.Id);
        Assert.Equal("no-go", score.GetProperty("verdict").GetString());
        Assert.True(score.GetProperty("pilotTheatre").GetBoolean());
    }
}
