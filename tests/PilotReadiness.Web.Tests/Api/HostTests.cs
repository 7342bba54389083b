using System.Net;
using AngleSharp;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

public sealed class HostTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Healthz_Returns200()
    {
        using var response = await Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthzReady_DatabaseReachable_Returns200()
    {
        using var response = await Client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_IsJsonListingTheApiPaths()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");

        var document = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/questionnaire", paths);
        Assert.Contains("/api/assessments", paths);
        Assert.Contains("/api/assessments/{id}", paths);
        Assert.Contains("/api/assessments/{id}/answers", paths);
        Assert.Contains("/api/assessments/{id}/score", paths);
        Assert.Contains("/api/assessments/{id}/submit", paths);
        Assert.Contains("/api/assessments/{id}/reopen", paths);
        var assessments = document.GetProperty("paths").GetProperty("/api/assessments");
        Assert.True(assessments.TryGetProperty("get", out _));
        Assert.True(assessments.TryGetProperty("post", out _));
        Assert.Equal(JsonValueKind.Object, document.GetProperty("paths").GetProperty("/api/assessments/{id}/answers").GetProperty("put").ValueKind);
    }

    private static readonly string[] Refusals = ["403", "404", "409", "412"];

    [Theory]
    [InlineData("/api/assessments/{id}/answers", "put", false)]
    [InlineData("/api/assessments/{id}/submit", "post", false)]
    [InlineData("/api/assessments/{id}/decisions", "post", true)]
    public async Task OpenApiDocument_ChangesToAnAssessment_DeclareIfMatchAndTheirRefusals(string path, string method, bool required)
    {
        using var response = await Client.GetAsync("/openapi/v1.json");

        var operation = (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("paths").GetProperty(path).GetProperty(method);
        var ifMatch = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
        Assert.Equal("header", ifMatch.GetProperty("in").GetString());
        Assert.Equal(required, ifMatch.TryGetProperty("required", out var r) && r.GetBoolean());
        var statuses = operation.GetProperty("responses").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Subset(statuses.ToHashSet(), Refusals.Append(required ? "428" : "412").ToHashSet());
    }

    [Fact]
    public async Task UnknownPagePath_Returns404Html()
    {
        using var response = await Client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var context = BrowsingContext.New(Configuration.Default);
        using var page = await context.OpenAsync(request => request.Content(stream));;
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")?.TextContent), "The 404 page has no heading.");
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }
}
