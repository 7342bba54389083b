using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Api;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Live;
using Xunit.Abstractions;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>
/// Requests generated from the app's own OpenAPI document (<see cref="GeneratedRequests"/>), valid and invalid, sent
/// as seeded users to a few seeded assessments, batch after batch over a fresh database. Two hard gates: no answer is a
/// server error, and every answer is one the document declares for that operation (the status, the content type and,
/// for JSON, the schema's shape). A failure lists each kind of departure once, with a request that shows it, and the
/// seed that repeats the run (<see cref="SeedVariable"/>).
/// </summary>
public sealed class GeneratedRequestTests(PostgresAppFactory app, ITestOutputHelper output) : PostgresTest(app)
{
    public const string SeedVariable = "PILOTREADINESS_API_SEED";

    private const int RequestsPerBatch = 525;

    /// <summary>Who is signed in for each batch: mostly the sponsor who owns the assessments, then the other roles.</summary>
    private static readonly TestUser[] Batches =
    [
        TestUsers.Sponsor, TestUsers.Reviewer, TestUsers.Sponsor, TestUsers.Admin, TestUsers.Sponsor,
        TestUsers.Reviewer, TestUsers.OtherSponsor, TestUsers.Sponsor, TestUsers.Reviewer, TestUsers.Sponsor,
    ];

    [Fact]
    public async Task GeneratedRequests_AnswerAsTheDocumentDeclares_AndNeverWithAServerError()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var s)
            ? s
            : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        using var reader = App.CreateClient();
        var contract = await ApiContract.ReadAsync(reader);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var elapsed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var sent = 0;

        for (var batch = 0; batch < Batches.Length; batch++)
        {
            await App.ResetAsync();
            var user = Batches[batch];
            var (world, keys) = await SeedAsync();
            var requests = GeneratedRequests.For(contract, world).Sample(RequestsPerBatch, new Rnd(seed + (ulong)batch), 30);
            using var signedIn = NewClient(App.TokenFor(user));
            using var other = NewClient(App.TokenFor(user == TestUsers.OtherSponsor ? TestUsers.Sponsor : TestUsers.OtherSponsor));
            using var anonymous = NewClient(null);
            using var badToken = NewClient("not-a-token");
            foreach (var request in requests)
            {
                var client = request.Caller switch
                {
                    Caller.SignedIn => signedIn,
                    Caller.Other => other,
                    Caller.Anonymous => anonymous,
                    _ => badToken,
                };
                var started = clock.Elapsed;
                var (status, contentType, body) = await SendAsync(client, signedIn, request, keys);
                if (status == 201 && request.Operation.Name == "IssueIngestionKey")
                {
                    keys.Issued(request.Url, body);
                }

                elapsed[request.Operation.Name] = elapsed.GetValueOrDefault(request.Operation.Name) + (clock.Elapsed - started);
                sent++;
                var counts = statuses.TryGetValue(request.Operation.Name, out var c) ? c : statuses[request.Operation.Name] = [];
                counts[status] = counts.GetValueOrDefault(status) + 1;
                foreach (var violation in ApiContract.Violations(request.Operation, status, contentType, body))
                {
                    failures.TryAdd($"{request.Operation.Name}: {violation}",
                        $"{request} as {user.Email} → {status} {contentType}: {ApiContract.Printable(body)}");
                }
            }
        }

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}");
        foreach (var (operation, counts) in statuses)
        {
            output.WriteLine($"{operation} ({elapsed[operation].TotalSeconds:F1} s): {string.Join(", ", counts.Select(c => $"{c.Key}×{c.Value}"))}");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} kinds of answer depart from the OpenAPI document (seed {seed}; set {SeedVariable} to repeat):\n" +
            string.Join("\n", failures.Take(40).Select(f => $"- {f.Key}\n    {f.Value}")));
        Assert.True(sent >= 5000, $"Only {sent} requests were sent.");
        Assert.Equal(contract.Operations.Select(o => o.Name).Order(StringComparer.Ordinal), statuses.Keys);

        // The generator reaches past the first refusal: most operations answered with success at least once. A run
        // typically sees 25 or 26 of 34; the seed changes every run, so the bar (two thirds) leaves room for chance.
        var succeeded = statuses.Count(s => s.Value.Keys.Any(k => k is >= 200 and < 300));
        Assert.True(succeeded * 3 >= statuses.Count * 2,
            $"Only {succeeded} of {statuses.Count} operations ever succeeded: {string.Join("; ", statuses.Select(s => $"{s.Key} {string.Join(",", s.Value.Keys)}"))}");
    }

    private HttpClient NewClient(string? token)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task<(int Status, MediaTypeHeaderValue? ContentType, byte[] Body)> SendAsync(
        HttpClient client, HttpClient reader, GeneratedRequest request, IngestionKeys keys)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Operation.Method), new Uri(request.Url, UriKind.Relative));
        if (keys.For(request) is { } key)
        {
            message.Headers.TryAddWithoutValidation(LiveEndpoints.KeyHeader, key);
        }

        if (request.IfMatch != IfMatch.None)
        {
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch switch
            {
                IfMatch.Current => await CurrentETagAsync(reader, request.Url),
                IfMatch.Stale => "\"1\"",
                _ => "W/\"not a version\"",
            });
        }

        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body.Bytes);
            if (body.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            }
        }

        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, response.Content.Headers.ContentType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The id an API URL names after its area (<c>/api/assessments/{id}/…</c>, <c>/api/live/{pilotId}/…</c>), if any.</summary>
    private static Guid? IdIn(string url) =>
        url.Split('/', '?') is { Length: > 3 } parts && Guid.TryParse(parts[3], out var id) ? id : null;

    /// <summary>The ETag the resource of the URL has now (the assessment, the live pilot's plan or its outcome), as a client that has just read it would send.</summary>
    private static async Task<string> CurrentETagAsync(HttpClient reader, string url)
    {
        var parts = url.Split('/', '?');
        var read = IdIn(url) is { } id
            ? parts[2] switch
            {
                "live" when parts.Length > 4 && parts[4] == "outcome" => $"/api/live/{id}/outcome",
                "live" => $"/api/live/{id}",
                _ => $"/api/assessments/{id}",
            }
            : null;
        using var response = read is null ? null : await reader.GetAsync(new Uri(read, UriKind.Relative));
        return response?.Headers.ETag?.ToString() ?? "\"1\"";
    }

    /// <summary>
    /// The batch's assessments: the sponsor's draft (answered in part, with the other sponsor as collaborator), the
    /// sponsor's submitted one with a conditional go, and the other sponsor's draft, which the sponsor may not see.
    /// </summary>
    private async Task<(ApiWorld World, IngestionKeys Keys)> SeedAsync()
    {
        using var sponsor = App.ClientFor(TestUsers.Sponsor);
        using var otherSponsor = App.ClientFor(TestUsers.OtherSponsor);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var draft = await sponsor.CreateAssessmentAsync("Claims triage assistant");
        await sponsor.AnswerAsync(draft.Id, new Dictionary<string, object?> { ["involvement.level"] = "involved", ["commitment.purpose"] = "de-risk" });
        using (var shared = await sponsor.PostAsJsonAsync($"/api/assessments/{draft.Id}/collaborators", new { email = TestUsers.OtherSponsor.Email }))
        {
            await shared.ReadJsonAsync(HttpStatusCode.OK);
        }

        var submitted = await DecisionSupport.SubmittedAsync(sponsor);
        var decision = await reviewer.DecideAsync(submitted, DecisionSupport.ConditionalGo());
        var theirs = await otherSponsor.CreateAssessmentAsync("Someone else's pilot");
        // Two gates: one with a waiver waiting for a reviewer, one a sponsor may still ask to waive.
        var gatedAnswers = SampleAnswers.ReadyWith("integration.budgeted", false);
        gatedAnswers["involvement.level"] = "informed";
        var gated = await DecisionSupport.SubmittedAsync(sponsor, "Forecasting assistant", gatedAnswers);
        var waiver = await (await sponsor.RequestWaiverAsync(gated, "integration-not-budgeted", "Paid from the platform budget.")).ReadJsonAsync(HttpStatusCode.Created);

        // A pilot that went live four weeks ago, with its first check-in filed and an ingestion key; the conditional
        // go above may still go live.
        // Two pilots that went live four weeks ago, one with its first check-in filed (to correct), the other with its
        // check-in open; each with an ingestion key. The conditional go above may still go live.
        var (live, livePilot) = await LiveSupport.LiveAsync(App, sponsor, "Supplier invoice matching");
        var (open, openPilot) = await LiveSupport.LiveAsync(App, sponsor, "Contract clause finder");
        using (var filed = await sponsor.PostAsJsonAsync($"/api/live/{livePilot}/check-ins", LiveSupport.CheckIn()))
        {
            await filed.ReadJsonAsync(HttpStatusCode.Created);
        }

        var checkIns = (await sponsor.GetLiveAsync(livePilot)).GetProperty("checkIns").EnumerateArray().Select(c => c.GetProperty("id").GetGuid());
        var keys = new IngestionKeys();
        var keyIds = new List<Guid>();
        foreach (var pilot in new[] { livePilot, openPilot })
        {
            var (keyId, key) = await sponsor.IssueKeyAsync(pilot);
            keys.Add(pilot, key);
            keyIds.Add(keyId);
        }

        using var admin = App.ClientFor(TestUsers.Admin);
        var pilots = new List<Guid>();
        foreach (var id in new[] { submitted, theirs.Id })
        {
            pilots.Add((await admin.GetAssessmentAsync(id)).Body.GetProperty("pilotId").GetGuid());
        }

        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userIds = new List<string>();
        foreach (var user in TestUsers.All)
        {
            userIds.Add((await users.FindByEmailAsync(user.Email))!.Id);
        }

        var questionnaire = await (await sponsor.GetAsync(new Uri("/api/questionnaire", UriKind.Relative))).ReadJsonAsync(HttpStatusCode.OK);
        var questions = questionnaire.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()).ToList();
        var world = new ApiWorld(
            [draft.Id, submitted, theirs.Id, gated, live, open],
            [decision.GetProperty("id").GetGuid()],
            [.. decision.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())],
            userIds,
            [TestUsers.OtherSponsor.Email, TestUsers.Reviewer.Email, "nobody@example.com"],
            [.. questions.Select(q => q.GetProperty("key").GetString()!)],
            [.. questions.SelectMany(q => q.GetProperty("options").EnumerateArray()).Select(o => o.GetProperty("value").GetString()!).Distinct()],
            [waiver.GetProperty("id").GetGuid()],
            ["1", "2"],
            [livePilot, openPilot, .. pilots],
            [.. checkIns],
            keyIds);
        return (world, keys);
    }

    /// <summary>
    /// The live pilots' ingestion keys as the batch goes: the first one issued and the one in force now (a generated
    /// request may rotate it), so that a request can carry the key a production system would have.
    /// </summary>
    private sealed class IngestionKeys
    {
        private readonly Dictionary<Guid, (string First, string Current)> _keys = [];

        public void Add(Guid pilotId, string key) => _keys[pilotId] = (key, key);

        /// <summary>Keeps the key a 201 from <c>POST /api/live/{pilotId}/keys</c> showed.</summary>
        public void Issued(string url, byte[] body)
        {
            if (IdIn(url) is { } pilot && _keys.TryGetValue(pilot, out var known))
            {
                using var json = JsonDocument.Parse(body);
                _keys[pilot] = (known.First, json.RootElement.GetProperty("key").GetString()!);
            }
        }

        public string? For(GeneratedRequest request)
        {
            var known = IdIn(request.Url) is { } pilot && _keys.TryGetValue(pilot, out var k) ? k : _keys.Values.First();
            return request.Key switch
            {
                KeyChoice.Current => known.Current,
                KeyChoice.First => known.First,
                KeyChoice.Garbage => "not-a-key",
                _ => null,
            };
        }
    }
}
