using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Tests.Scoring;

/// <summary>
/// Version 1 results never change. <c>Golden/v1-results.json</c> holds the answers and named people's claims of every
/// demo assessment and of the first 160 pilots the seed command makes (seed 42), as they were before questionnaire 2
/// existed, with the result scoring model 1 gave them then: the headline and a fingerprint of the whole result (every
/// score, gate, finding, action, reason and their order). Each is scored again here, with version 1 as the app holds it
/// (its definition written as JSON, read back and built), and must come out the same.
/// </summary>
public sealed class V1ReproductionTests
{
    private static readonly JsonSerializerOptions Canonical = new() { Converters = { new JsonStringEnumConverter() } };

    public static TheoryData<string> Names() => [.. Golden.Value.Select(g => g.Name)];

    private static readonly Lazy<IReadOnlyList<GoldenResult>> Golden = new(() =>
        JsonSerializer.Deserialize<List<GoldenResult>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scoring", "Golden", "v1-results.json")))!);

    [Theory]
    [MemberData(nameof(Names))]
    public void ScoreV1_StoredAnswersOfBefore_GiveTheSameResultAsBefore(string name)
    {
        var golden = Golden.Value.Single(g => g.Name == name);
        Assert.Equal(1, golden.Questionnaire);
        Assert.Equal("1", golden.Model);

        var result = Score(golden);

        Assert.Equal(golden.Headline, Headline(result));
        Assert.Equal(golden.Fingerprint, Fingerprint(result));
    }

    [Fact]
    public void Golden_CoversEveryVerdictDemoAndSeed()
    {
        Assert.Contains(Golden.Value, g => g.Name.StartsWith("demo:", StringComparison.Ordinal));
        Assert.True(Golden.Value.Count(g => g.Name.StartsWith("seed", StringComparison.Ordinal)) > 150);
        Assert.Equal(4, Golden.Value.Select(g => g.Headline.Split(' ')[1]).Distinct().Count());
        Assert.Contains(Golden.Value, g => g.Claims.ContainsValue("declined") || g.Claims.ContainsValue("confirmed"));
    }

    /// <summary>The shipped versions as the app holds them: written as data (JSON), read back and built.</summary>
    internal static QuestionnaireCatalog FromStoredDefinitions { get; } = new(ShippedQuestionnaires.Catalog.All
        .Select(v => QuestionnaireDefinition.FromJson(QuestionnaireDefinition.Of(v).ToJson()).Build()));

    internal static ScoreResult Score(GoldenResult golden)
    {
        var questionnaire = FromStoredDefinitions.Get(golden.Questionnaire).Questionnaire;
        var answers = new AnswerSet(golden.Answers.Select(a => KeyValuePair.Create(a.Key, questionnaire.GetQuestion(a.Key).Decode(a.Value))));
        var claims = golden.Claims.ToDictionary(c => c.Key, c => Enum.GetValues<ClaimState>().Single(s => s.ToKey() == c.Value));
        var model = FromStoredDefinitions.Get(golden.Questionnaire).Model;
        Assert.Equal(golden.Model, model.Version);
        return model.Score(questionnaire, answers, claims);
    }

    internal static string Headline(ScoreResult r) =>
        $"{r.Overall} {r.Verdict.ToKey()} ({r.ScoreVerdict.ToKey()}) sections {string.Join("/", r.Sections.Select(s => s.Score))} " +
        $"gates {string.Join(",", r.Gates.Select(g => g.Key))} findings {r.Findings.Count}";

    /// <summary>SHA-256 of the whole result written as JSON, first 16 hex digits.</summary>
    internal static string Fingerprint(ScoreResult r) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(r, Canonical))))[..16];

    internal sealed record GoldenResult(
        string Name, int Questionnaire, string Model, Dictionary<string, string> Answers, Dictionary<string, string> Claims,
        string Headline, string Fingerprint);
}
