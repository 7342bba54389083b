using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>
/// Every way a request can be wrong gets the right status and a problem+json body, never a 500, and a rejected
/// request saves nothing: the assessment keeps its answers and its ETag.
/// </summary>
public sealed class BadInputApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private const string KeptKey = "commitment.what-then";
    private const string KeptAnswer = "The payables team adopts it.";

    /// <summary>An assessment with one answer (ETag "2"), to check later that a rejected request left it alone.</summary>
    private async Task<ApiAssessment> AnsweredAssessmentAsync()
    {
        var created = await Client.CreateAssessmentAsync();
        return await Client.AnswerAsync(created.Id, new Dictionary<string, object?> { [KeptKey] = KeptAnswer });
    }

    private async Task AssertUnchangedAsync(ApiAssessment before)
    {
        var after = await Client.GetAssessmentAsync(before.Id);
        Assert.Equal(before.ETag, after.ETag);
        var answer = Assert.Single(after.Answers.EnumerateObject());
        Assert.Equal(KeptKey, answer.Name);
        Assert.Equal(KeptAnswer, answer.Value.GetString());
    }

    /// <summary>Invalid answers, each sent next to a valid one: (invalid key, its JSON value, the field the error names).</summary>
    public static TheoryData<string, string, string> InvalidAnswers => new()
    {
        { "no.such-question", "\"x\"", "answers.no.such-question" },
        { "integration.budgeted", "\"maybe\"", "answers.integration.budgeted" },
        { "integration.budgeted", "1", "answers.integration.budgeted" },
        { "commitment.what-then", "42", "answers.commitment.what-then" },
        { "commitment.what-then", "\"   \"", "answers.commitment.what-then" },
        { "commitment.what-then", "{\"text\":\"x\"}", "answers.commitment.what-then" },
        { "workflow.change-plan", "\"maybe\"", "answers.workflow.change-plan" },
        { "workflow.change-plan", "[\"agreed\"]", "answers.workflow.change-plan" },
        { "integration.systems", "[\"crm\",\"mainframe\"]", "answers.integration.systems" },
        { "integration.systems", "\"crm\"", "answers.integration.systems" },
        { "integration.systems", "[]", "answers.integration.systems" },
        { "integration.systems", "[\"crm\",\"crm\"]", "answers.integration.systems" },
        { "integration.systems", "[\"none\",\"crm\"]", "answers.integration.systems" },
        { "integration.systems", "[\"crm\",1]", "answers.integration.systems" },
        { "integration.prototype-cost", "-1", "answers.integration.prototype-cost" },
        { "integration.prototype-cost", "\"40000\"", "answers.integration.prototype-cost" },
        { "integration.prototype-cost", "2000000000000", "answers.integration.prototype-cost" },
        { "integration.prototype-cost", "1e40", "answers.integration.prototype-cost" },
        { "involvement.daily-users", "-3", "answers.involvement.daily-users" },
        { "commitment.rollout-date", "\"01/03/2027\"", "answers.commitment.rollout-date" },
        { "commitment.rollout-date", "\"2027-02-30\"", "answers.commitment.rollout-date" },
        { "commitment.rollout-date", "\"1999-12-31\"", "answers.commitment.rollout-date" },
        { "commitment.rollout-date", "20270301", "answers.commitment.rollout-date" },
        { "after-demo.production-owner", "true", "answers.after-demo.production-owner" },
        { "commitment.what-then", JsonSerializer.Serialize(new string('x', 4001)), "answers.commitment.what-then" },
        { "after-demo.production-owner", JsonSerializer.Serialize(new string('p', 201)), "answers.after-demo.production-owner" },
    };

    [Theory]
    [MemberData(nameof(InvalidAnswers))]
    public async Task PutAnswers_OneValidOneInvalid_Returns400NamingTheFieldAndSavesNeither(string key, string json, string field)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id,
            $"{{\"answers\": {{\"involvement.level\": \"involved\", \"{key}\": {json}}}}}");

        var errors = await response.ReadValidationErrorsAsync(field);
        Assert.NotEmpty(errors);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PutAnswers_ClearingPlusInvalid_ClearsNothing()
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id,
            $"{{\"answers\": {{\"{KeptKey}\": null, \"involvement.level\": \"very\"}}}}");

        await response.ReadValidationErrorsAsync("answers.involvement.level");
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PutAnswers_SeveralInvalid_NamesEveryField()
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id,
            "{\"answers\": {\"involvement.level\": \"very\", \"integration.budgeted\": \"nope\", \"unknown.key\": 1}}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["answers.integration.budgeted", "answers.involvement.level", "answers.unknown.key"], fields);
        await AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("{\"answers\": {")]
    [InlineData("{\"answers\": {\"involvement.level\": \"involved\",}}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task PutAnswers_MalformedJson_Returns400AndSavesNothing(string body)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        await AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("{\"answers\": \"involved\"}", "$.answers")]
    [InlineData("{\"answers\": [\"involved\"]}", "$.answers")]
    [InlineData("[1, 2]", "$")]
    [InlineData("null", "$")]
    public async Task PutAnswers_WrongJsonShape_Returns400NamingThePath(string body, string field)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id, body);

        await response.ReadValidationErrorsAsync(field);
        await AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"answers\": null}")]
    [InlineData("{\"involvement.level\": \"involved\"}")]
    public async Task PutAnswers_MissingAnswers_Returns400NamingAnswers(string body)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id, body);

        await response.ReadValidationErrorsAsync("answers");
        await AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task PutAnswers_NotJsonContentType_Returns415AndSavesNothing(string mediaType)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersContentAsync(before.Id,
            new StringContent("{\"answers\": {\"involvement.level\": \"involved\"}}", Encoding.UTF8, mediaType));

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PutAnswers_NoBodyAtAll_Returns415()
    {
        var before = await AnsweredAssessmentAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{before.Id}/answers");
        using var response = await Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PutAnswers_BodyOver256KB_Returns413AndSavesNothing()
    {
        var before = await AnsweredAssessmentAsync();
        var body = $"{{\"answers\": {{\"involvement.level\": \"involved\", \"ownership.failure-handling\": \"{new string('x', 300 * 1024)}\"}}}}";

        using var response = await Client.PutAnswersJsonAsync(before.Id, body);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PutAnswers_BodyOver256KBWithoutContentLength_Returns413AndSavesNothing()
    {
        var before = await AnsweredAssessmentAsync();
        var bytes = Encoding.UTF8.GetBytes($"{{\"answers\": {{\"involvement.level\": \"involved\", \"ownership.failure-handling\": \"{new string('x', 300 * 1024)}\"}}}}");
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await Client.PutAnswersContentAsync(before.Id, content);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Endpoints_UnknownId_Return404Problem()
    {
        var id = Guid.NewGuid();

        using var get = await Client.GetAsync($"/api/assessments/{id}");
        using var score = await Client.GetAsync($"/api/assessments/{id}/score");
        using var put = await Client.PutAnswersAsync(id, new Dictionary<string, object?> { ["involvement.level"] = "involved" });
        using var submit = await Client.PostActionAsync(id, "submit");
        using var reopen = await Client.PostActionAsync(id, "reopen");

        foreach (var response in new[] { get, score, put, submit, reopen })
        {
            await response.ReadProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("GET", "/api/assessments/not-a-guid")]
    [InlineData("GET", "/api/assessments/123/score")]
    [InlineData("PUT", "/api/assessments/abc/answers")]
    [InlineData("POST", "/api/assessments/abc/submit")]
    [InlineData("GET", "/api/no-such-endpoint")]
    public async Task Endpoints_NonGuidIdOrUnknownApiPath_Return404Problem(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { answers = new Dictionary<string, object> { ["involvement.level"] = "involved" } });
        }

        using var response = await Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/api/assessments/{0}")]
    [InlineData("PATCH", "/api/assessments/{0}/answers")]
    [InlineData("GET", "/api/assessments/{0}/submit")]
    public async Task Endpoints_UnsupportedMethod_Return405ProblemAndChangeNothing(string method, string template)
    {
        var before = await AnsweredAssessmentAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(CultureInfo.InvariantCulture, template, before.Id));
        using var response = await Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
        await AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("status=foo", "status")]
    [InlineData("status=Draft", "status")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=99999999999", "page")]
    [InlineData("q=%00", "q")]
    [InlineData("q=a%0Ab", "q")]
    public async Task ListAssessments_BadQuery_Returns400NamingTheField(string query, string field)
    {
        using var response = await Client.GetAsync($"/api/assessments?{query}");

        await response.ReadValidationErrorsAsync(field);
    }

    [Theory]
    [InlineData("/api/auth/confirmEmail?userId=%00&code=x", "userId")]
    [InlineData("/api/auth/confirmEmail?userId=a&code=%01", "code")]
    [InlineData("/api/questionnaire?x=%7F", "x")]
    [InlineData("/api/portfolio/summary?businessUnit=Fin%00ance", "businessUnit")]
    public async Task AnyQueryValue_WithAControlCharacter_Answers400NamingIt_SignedInOrNot(string url, string field)
    {
        using var anonymous = App.CreateClient();
        foreach (var client in new[] { Client, anonymous })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            await response.ReadValidationErrorsAsync(field);
        }
    }

    [Theory]
    [InlineData("page=2147483647&pageSize=20")]
    [InlineData("page=107374184")]
    public async Task ListAssessments_HugePage_ReturnsEmptyPageNot500(string query)
    {
        await Client.CreateAssessmentAsync();

        using var response = await Client.GetAsync($"/api/assessments?{query}");

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.Equal(1, body.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task PutAnswers_TextWithNulCharacter_Returns400AndSavesNothing()
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id,
            "{\"answers\": {\"involvement.level\": \"involved\", \"ownership.failure-handling\": \"Falls back\\u0000 to the queue.\"}}");

        await response.ReadValidationErrorsAsync("answers.ownership.failure-handling");
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task PostAssessment_TitleWithNulCharacter_Returns400NamingTitle()
    {
        using var response = await Client.PostAsync("/api/assessments",
            new StringContent("{\"title\": \"Invoice\\u0000 matching\", \"businessUnit\": \"Finance\", \"sponsor\": \"Amira\"}", Encoding.UTF8, "application/json"));

        await response.ReadValidationErrorsAsync("title");
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("commitment.what-then", "\"a\\ud800b\"")]
    [InlineData("involvement.level", "\"\\ud800\"")]
    [InlineData("commitment.rollout-date", "\"\\ud800\"")]
    [InlineData("integration.systems", "[\"\\ud800\"]")]
    public async Task PutAnswers_LoneSurrogateInString_Returns400AndSavesNothing(string key, string json)
    {
        var before = await AnsweredAssessmentAsync();

        using var response = await Client.PutAnswersJsonAsync(before.Id,
            $"{{\"answers\": {{\"involvement.level\": \"involved\", \"{key}\": {json}}}}}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        await AssertUnchangedAsync(before);
    }

    public static TheoryData<string, string> InvalidDetails => new()
    {
        { "{\"title\": \"\", \"businessUnit\": \"Finance\", \"sponsor\": \"Amira Haddad\"}", "title" },
        { "{\"title\": \"   \", \"businessUnit\": \"Finance\", \"sponsor\": \"Amira Haddad\"}", "title" },
        { "{\"businessUnit\": \"Finance\", \"sponsor\": \"Amira Haddad\"}", "title" },
        { $"{{\"title\": \"{new string('t', 201)}\", \"businessUnit\": \"Finance\", \"sponsor\": \"Amira Haddad\"}}", "title" },
        { "{\"title\": \"Pilot\", \"businessUnit\": \"\", \"sponsor\": \"Amira Haddad\"}", "businessUnit" },
        { $"{{\"title\": \"Pilot\", \"businessUnit\": \"{new string('b', 101)}\", \"sponsor\": \"Amira Haddad\"}}", "businessUnit" },
        { "{\"title\": \"Pilot\", \"businessUnit\": \"Finance\"}", "sponsor" },
        { $"{{\"title\": \"Pilot\", \"businessUnit\": \"Finance\", \"sponsor\": \"{new string('s', 201)}\"}}", "sponsor" },
        { $"{{\"title\": \"Pilot\", \"businessUnit\": \"Finance\", \"sponsor\": \"Amira\", \"description\": \"{new string('d', 4001)}\"}}", "description" },
        { "{\"title\": 42, \"businessUnit\": \"Finance\", \"sponsor\": \"Amira Haddad\"}", "$.title" },
        { "[]", "$" },
    };

    [Theory]
    [MemberData(nameof(InvalidDetails))]
    public async Task PostAssessment_InvalidDetails_Returns400NamingTheCamelCaseFieldAndCreatesNothing(string body, string field)
    {
        using var response = await Client.PostAsync("/api/assessments", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ReadValidationErrorsAsync(field);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task PostAssessment_EveryFieldWrong_NamesEachField()
    {
        using var response = await Client.PostAsJsonAsync("/api/assessments",
            new { title = "", businessUnit = new string('b', 101), sponsor = "", description = new string('d', 4001) });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["businessUnit", "description", "sponsor", "title"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PostAssessment_NotJson_Returns415AndCreatesNothing()
    {
        using var response = await Client.PostAsync("/api/assessments",
            new FormUrlEncodedContent([new("title", "Pilot"), new("businessUnit", "Finance"), new("sponsor", "Amira")]));

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task PostAssessment_MalformedJson_Returns400AndCreatesNothing()
    {
        using var response = await Client.PostAsync("/api/assessments",
            new StringContent("{\"title\": \"Pilot\"", Encoding.UTF8, "application/json"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task PostAssessment_BodyOver256KB_Returns413AndCreatesNothing()
    {
        using var response = await Client.PostAsJsonAsync("/api/assessments",
            new { title = "Pilot", businessUnit = "Finance", sponsor = "Amira", description = new string('d', 300 * 1024) });

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        using var response = await Client.GetAsync("/api/assessments");
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();
    }

    /// <summary>A stream that will not tell its length, so the body is sent without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
