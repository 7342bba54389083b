using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>Importing a questionnaire version's file: checked against the published schema and by the domain; a bad file stores nothing.</summary>
public sealed class QuestionnaireAdminApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private HttpClient? _admin;

    private HttpClient Admin => _admin ??= App.ClientFor(TestUsers.Admin);

    private static string V2Json => QuestionnaireDefinition.Of(ShippedQuestionnaires.V2).ToJson();

    private async Task<HttpResponseMessage> ImportAsync(string body, HttpClient? client = null) =>
        await (client ?? Admin).PostAsync("/api/questionnaires/draft", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<int> StoredVersionsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuestionnaireVersions.CountAsync();
    }

    public static TheoryData<string, string> BrokenFiles() => new()
    {
        { "{ not json", "" },
        { V2Json.Replace("\"weight\": 20", "\"weight\": \"heavy\"", StringComparison.Ordinal), "sections[0].weight" },
        { V2Json.Replace("\"rules\": 2", "\"rules\": 2, \"extra\": true", StringComparison.Ordinal), "scoring.extra" },
        { V2Json.Replace("\"goAt\": 75", "\"goAt\": 30", StringComparison.Ordinal), "scoring.goAt" },
        { V2Json.Replace("\"key\": \"integration.budgeted\"", "\"key\": \"integration.budget-ok\"", StringComparison.Ordinal), "scoring.gates" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Import_ABrokenFile_Is400NamingTheProblem_AndStoresNothing(string file, string field)
    {
        using var response = await ImportAsync(file);

        var problem = await response.ReadJsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"{field} not in {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.DoesNotContain("false schema", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await StoredVersionsAsync());
    }

    [Fact]
    public async Task Import_AGoodFile_MakesTheNextVersionTheDraft_AndASecondImportIs409()
    {
        using var created = await ImportAsync(V2Json.Replace("\"goAt\": 75", "\"goAt\": 80", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/questionnaires/3", created.Headers.Location?.ToString());

        using var exported = await Admin.GetAsync("/api/questionnaires/3");
        var draft = QuestionnaireDefinition.FromJson(await exported.Content.ReadAsStringAsync());
        Assert.Equal((3, 80), (draft.Version, draft.Scoring.GoAt));

        using var again = await ImportAsync(V2Json);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(3, await StoredVersionsAsync());

        // A draft is not published: new assessments still start on version 2.
        using var current = await Client.GetAsync("/api/questionnaire");
        Assert.Equal(2, (await current.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Schema_IsPublished_AndASponsorCannotImport()
    {
        using var anonymous = App.CreateClient();
        using var schema = await anonymous.GetAsync("/api/questionnaires/schema");
        Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        using var document = JsonDocument.Parse(await schema.Content.ReadAsStringAsync());
        Assert.Equal("object", document.RootElement.GetProperty("type").GetString());

        using var refused = await ImportAsync(V2Json, Client);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, await StoredVersionsAsync());
    }
}
