using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Api;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>An assessment as the API returned it, with the ETag header that came with it.</summary>
public sealed record ApiAssessment(Guid Id, string ETag, JsonElement Body)
{
    public JsonElement Answers => Body.GetProperty("answers");

    public string Status => Body.GetProperty("status").GetString()!;
}

/// <summary>Small helpers so API tests read as requests and expectations.</summary>
public static class ApiClientExtensions
{
    public const string ProblemJson = "application/problem+json";

    public static async Task<ApiAssessment> CreateAssessmentAsync(this HttpClient client, string title = "Invoice matching assistant")
    {
        using var response = await client.PostAsJsonAsync("/api/assessments",
            new { title, businessUnit = "Finance", sponsor = "Amira Haddad", description = "Matches invoices to purchase orders." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAssessmentAsync(response);
    }

    /// <summary>Starts an assessment and answers every question well (<see cref="SampleAnswers.Ready"/>), so it can be submitted.</summary>
    public static async Task<ApiAssessment> CreateReadyAssessmentAsync(this HttpClient client, string title = "Invoice matching assistant")
    {
        var created = await client.CreateAssessmentAsync(title);
        return await client.AnswerAsync(created.Id, SampleAnswers.Ready());
    }

    public static async Task<ApiAssessment> GetAssessmentAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/assessments/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAssessmentAsync(response);
    }

    /// <summary>PUTs <c>{"answers": answers}</c>, with If-Match when <paramref name="ifMatch"/> is given.</summary>
    public static Task<HttpResponseMessage> PutAnswersAsync(this HttpClient client, Guid id, object answers, string? ifMatch = null) =>
        client.PutAnswersJsonAsync(id, JsonSerializer.Serialize(new { answers }, JsonSerializerOptions.Web), ifMatch);

    /// <summary>PUTs a raw JSON body, for bodies a serializer would not write.</summary>
    public static Task<HttpResponseMessage> PutAnswersJsonAsync(this HttpClient client, Guid id, string json, string? ifMatch = null) =>
        client.PutAnswersContentAsync(id, new StringContent(json, Encoding.UTF8, "application/json"), ifMatch);

    public static async Task<HttpResponseMessage> PutAnswersContentAsync(this HttpClient client, Guid id, HttpContent content, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/answers") { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>PUTs answers that must be accepted and returns the saved assessment.</summary>
    public static async Task<ApiAssessment> AnswerAsync(this HttpClient client, Guid id, object answers)
    {
        using var response = await client.PutAnswersAsync(id, answers);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT answers gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ReadAssessmentAsync(response);
    }

    public static async Task<JsonElement> GetScoreAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/assessments/{id}/score");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>POSTs a sponsor's waiver request, with If-Match (the assessment's ETag as read now unless given).</summary>
    public static async Task<HttpResponseMessage> RequestWaiverAsync(this HttpClient client, Guid id, string? gate, string? reason, string? ifMatch = null) =>
        await client.PostWithIfMatchAsync($"/api/assessments/{id}/waivers", new { gate, reason }, ifMatch ?? (await client.GetAssessmentAsync(id)).ETag);

    /// <summary>POSTs a reviewer's answer to a waiver (<c>approve</c> or <c>refuse</c>), with If-Match as <see cref="RequestWaiverAsync"/>.</summary>
    public static async Task<HttpResponseMessage> AnswerWaiverAsync(this HttpClient client, Guid id, Guid waiverId, string answer, object body, string? ifMatch = null) =>
        await client.PostWithIfMatchAsync($"/api/assessments/{id}/waivers/{waiverId}/{answer}", body, ifMatch ?? (await client.GetAssessmentAsync(id)).ETag);

    private static async Task<HttpResponseMessage> PostWithIfMatchAsync(this HttpClient client, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostActionAsync(this HttpClient client, Guid id, string action) =>
        client.PostAsync($"/api/assessments/{id}/{action}", content: null);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and an <c>application/problem+json</c> body carrying that status; returns the body.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> ReadValidationErrorsAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No 'errors' in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"'errors' does not name '{field}': {errors}");
        var texts = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        return texts;
    }

    public static string ETagOf(HttpResponseMessage response)
    {
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        return etag.ToString();
    }

    private static async Task<ApiAssessment> ReadAssessmentAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ApiAssessment(body.GetProperty("id").GetGuid(), ETagOf(response), body);
    }
}

/// <summary>
/// The shared example answers (<see cref="ExampleAnswers"/>) in the shapes the API takes (and gives back): a string, a
/// boolean, a number or a list of strings per question key.
/// </summary>
public static class SampleAnswers
{
    /// <summary>
    /// Every question of the current questionnaire answered at its best: no gate, verdict "go" (under scoring model 2 the
    /// named people earn their full points once they confirm).
    /// </summary>
    public static Dictionary<string, object?> Ready(int? version = null) => ApiShapes(ExampleAnswers.Ready, version);

    /// <summary>Every question answered, many short of full points, with three gates.</summary>
    public static Dictionary<string, object?> Weak(int? version = null) => ApiShapes(ExampleAnswers.Weak, version);

    public static Dictionary<string, object?> ReadyWith(string key, object? value)
    {
        var answers = Ready();
        answers[key] = value;
        return answers;
    }

    private static Dictionary<string, object?> ApiShapes(Func<int, IReadOnlyDictionary<string, string[]>> sample, int? version)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Get(version ?? ShippedQuestionnaires.Catalog.Current.Questionnaire.Version).Questionnaire;
        return ExampleAnswers.Read(questionnaire, sample(questionnaire.Version))
            .ToDictionary(a => a.Key, a => (object?)ApiMapping.ToJsonValue(a.Value), StringComparer.Ordinal);
    }
}
