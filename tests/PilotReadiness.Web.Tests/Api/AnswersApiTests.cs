using System.Net;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class AnswersApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task PutAnswers_TwoPuts_MergesAnswersFromBoth()
    {
        var created = await Client.CreateAssessmentAsync();

        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "consulted" });
        var second = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["after-demo.production-owner"] = "Sofia Lindqvist" });

        Assert.Equal("consulted", second.Answers.GetProperty("involvement.level").GetString());
        Assert.Equal("Sofia Lindqvist", second.Answers.GetProperty("after-demo.production-owner").GetString());
        var fetched = await Client.GetAssessmentAsync(created.Id);
        Assert.Equal(2, fetched.Answers.EnumerateObject().Count());
        Assert.Equal("\"3\"", fetched.ETag);
    }

    [Fact]
    public async Task PutAnswers_Valid_Returns200WithNewETag()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PutAnswersAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });

        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", ApiClientExtensions.ETagOf(response));
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", (await Client.GetAssessmentAsync(created.Id)).ETag);
    }

    [Fact]
    public async Task PutAnswers_Null_ClearsTheAnswerAndKeepsOthers()
    {
        var created = await Client.CreateAssessmentAsync();
        await Client.AnswerAsync(created.Id, new Dictionary<string, object?>
        {
            ["involvement.level"] = "involved",
            ["integration.systems"] = (string[])["crm"],
        });

        var cleared = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = null });

        Assert.False(cleared.Answers.TryGetProperty("involvement.level", out _));
        Assert.True(cleared.Answers.TryGetProperty("integration.systems", out _));
        Assert.Equal("\"3\"", cleared.ETag);
        Assert.False((await Client.GetAssessmentAsync(created.Id)).Answers.TryGetProperty("involvement.level", out _));
    }

    [Fact]
    public async Task PutAnswers_NullForUnansweredQuestion_ChangesNothingAndKeepsETag()
    {
        var created = await Client.CreateAssessmentAsync();

        var same = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.level"] = null });

        Assert.Equal("\"1\"", same.ETag);
        Assert.Empty(same.Answers.EnumerateObject());
    }

    [Fact]
    public async Task PutAnswers_SameValueAgain_KeepsETag()
    {
        var created = await Client.CreateAssessmentAsync();
        var first = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["integration.prototype-cost"] = 40000 });

        var again = await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["integration.prototype-cost"] = 40000.00m });

        Assert.Equal("\"2\"", first.ETag);
        Assert.Equal(first.ETag, again.ETag);
    }

    [Fact]
    public async Task PutAnswers_EveryValueShape_IsStoredAndReturnedInTheSameShape()
    {
        var created = await Client.CreateAssessmentAsync();
        var answers = new Dictionary<string, object?>
        {
            ["involvement.level"] = "involved",                      // choice: string
            ["integration.budgeted"] = false,                        // yes-no: bool
            ["involvement.daily-users"] = 24,                        // number
            ["integration.prototype-cost"] = 40000.5m,               // money
            ["commitment.rollout-date"] = "2027-03-01",              // date
            ["after-demo.production-owner"] = "Sofia Lindqvist",     // person
            ["commitment.what-then"] = "The payables team adopts it.", // text
            ["integration.systems"] = (string[])["crm", "erp"],        // multi-select
        };

        await Client.AnswerAsync(created.Id, answers);
        var stored = (await Client.GetAssessmentAsync(created.Id)).Answers;

        Assert.Equal("involved", stored.GetProperty("involvement.level").GetString());
        Assert.Equal(JsonValueKind.False, stored.GetProperty("integration.budgeted").ValueKind);
        Assert.Equal(24m, stored.GetProperty("involvement.daily-users").GetDecimal());
        Assert.Equal(40000.5m, stored.GetProperty("integration.prototype-cost").GetDecimal());
        Assert.Equal("2027-03-01", stored.GetProperty("commitment.rollout-date").GetString());
        Assert.Equal("Sofia Lindqvist", stored.GetProperty("after-demo.production-owner").GetString());
        Assert.Equal("The payables team adopts it.", stored.GetProperty("commitment.what-then").GetString());
        Assert.Equal(["crm", "erp"], stored.GetProperty("integration.systems").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(answers.Count, stored.EnumerateObject().Count());
    }

    [Fact]
    public async Task PutAnswers_TextAndMultiSelect_AreNormalised()
    {
        var created = await Client.CreateAssessmentAsync();

        var saved = await Client.AnswerAsync(created.Id, new Dictionary<string, object?>
        {
            ["after-demo.production-owner"] = "  Sofia Lindqvist  ",
            ["integration.systems"] = (string[])["identity", "crm"],
        });

        Assert.Equal("Sofia Lindqvist", saved.Answers.GetProperty("after-demo.production-owner").GetString());
        Assert.Equal(["crm", "identity"], saved.Answers.GetProperty("integration.systems").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task PutAnswers_LongestAllowedText_IsAccepted()
    {
        var created = await Client.CreateAssessmentAsync();
        var text = new string('a', 4000);
        var person = new string('p', 200);

        var saved = await Client.AnswerAsync(created.Id, new Dictionary<string, object?>
        {
            ["commitment.what-then"] = text,
            ["after-demo.production-owner"] = person,
        });

        Assert.Equal(text, saved.Answers.GetProperty("commitment.what-then").GetString());
        Assert.Equal(person, (await Client.GetAssessmentAsync(created.Id)).Answers.GetProperty("after-demo.production-owner").GetString());
    }

    [Fact]
    public async Task PutAnswers_NonAsciiText_RoundTrips()
    {
        var created = await Client.CreateAssessmentAsync();
        const string Text = "Équipe « comptabilité » adopts it — 会计 team, 🚀 in Q1.";

        await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["commitment.what-then"] = Text });

        Assert.Equal(Text, (await Client.GetAssessmentAsync(created.Id)).Answers.GetProperty("commitment.what-then").GetString());
    }
}
