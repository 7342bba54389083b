using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Api;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace PilotReadiness.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: opens pages in fresh browser contexts (closed after the test) and talks to the API to
/// set data up and to check what the pages saved. Tests create their own assessments with unique titles, so the demo
/// portfolio and other tests' data never get in the way.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;

    protected HttpClient Api => Fixture.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                // A tab whose script is stuck can keep a close waiting; never let that hang the run.
                await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                Console.WriteLine("A browser context did not close within 15 s; leaving it to the browser's shutdown.");
            }
        }
    }

    /// <summary>Closes <paramref name="context"/> at the end of the test, like the contexts this class opens.</summary>
    protected void Track(IBrowserContext context) => _contexts.Add(context);

    /// <summary>A new page in a new browser context (a separate person, in effect), at a desktop viewport unless told.</summary>
    protected async Task<IPage> OpenPageAsync(ViewportSize? viewport = null)
    {
        var context = await Fixture.NewContextAsync(viewport);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A new page in a new browser context signed in as the demo reviewer.</summary>
    protected async Task<IPage> OpenReviewerPageAsync(ViewportSize? viewport = null)
    {
        var context = await Fixture.NewReviewerContextAsync(viewport);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Starts an assessment through the API and returns its id.</summary>
    protected async Task<Guid> CreateAssessmentAsync(string title, string businessUnit = "Operations", string sponsor = "Priya Raman")
    {
        using var response = await Api.PostAsJsonAsync("api/assessments",
            new { title, businessUnit, sponsor, description = "Drafts replies to routine supplier questions." });
        var body = await ReadJsonAsync(response, HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>The shared example answers with every question answered well, in the API's shapes.</summary>
    protected static Dictionary<string, object> ReadyAnswers()
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;
        return ExampleAnswers.Read(questionnaire, ExampleAnswers.Ready(questionnaire.Version))
            .ToDictionary(a => a.Key, a => ApiMapping.ToJsonValue(a.Value), StringComparer.Ordinal);
    }

    /// <summary>Saves answers through the API (keys are question keys, values in the API's shapes).</summary>
    protected async Task AnswerAsync(Guid id, IReadOnlyDictionary<string, object> answers)
    {
        using var response = await Api.PutAsJsonAsync($"api/assessments/{id}/answers", new { answers });
        await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The assessment as the API returns it (answers keyed by question key).</summary>
    protected async Task<JsonElement> GetAssessmentAsync(Guid id)
    {
        using var response = await Api.GetAsync($"api/assessments/{id}");
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    protected async Task<JsonElement> GetScoreAsync(Guid id)
    {
        using var response = await Api.GetAsync($"api/assessments/{id}/score");
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The saved answer to one question, or null when it is not answered.</summary>
    protected async Task<JsonElement?> SavedAnswerAsync(Guid id, string questionKey)
    {
        var assessment = await GetAssessmentAsync(id);
        return assessment.GetProperty("answers").TryGetProperty(questionKey, out var value) ? value : null;
    }

    /// <summary>The assessment id in a wizard, review or results URL.</summary>
    protected static Guid IdFromUrl(string url)
    {
        var segments = new Uri(url).Segments.Select(s => s.Trim('/')).ToList();
        var index = segments.IndexOf("assessments");
        Assert.True(index >= 0 && index + 1 < segments.Count, $"'{url}' is not an assessment URL.");
        return Guid.Parse(segments[index + 1]);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}, expected {(int)expected}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
