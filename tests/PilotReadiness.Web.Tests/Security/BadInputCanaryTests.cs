using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Every kind of malformed request to every write endpoint of the API and every page handler that changes an
/// assessment: wrong types, unknown keys, huge and deeply nested JSON, invalid UTF-8, wrong or no content type, a bad or
/// missing If-Match, a stale form version, a missing or forged antiforgery token. After each, the canary (two seeded
/// assessments, their answers, decisions, ETags and audit trails, and how many assessments there are) is read back: a
/// refusal never changes anything, and nothing answers with a server error.
/// </summary>
public sealed class BadInputCanaryTests(PostgresAppFactory app, ITestOutputHelper output) : PageTest(app)
{
    private const string FormType = "application/x-www-form-urlencoded";

    private static readonly string Huge = new('x', 300 * 1024);

    /// <summary>JSON bodies that are wrong whatever the endpoint: (kind, bytes).</summary>
    private static IEnumerable<(string Kind, byte[] Body)> BadJson(string valid)
    {
        foreach (var root in new[] { "[]", "\"text\"", "42", "null", "true" })
        {
            yield return ($"wrong root {root}", Encoding.UTF8.GetBytes(root));
        }

        yield return ("every field of the wrong type", Encoding.UTF8.GetBytes(
            "{\"title\":1,\"businessUnit\":[],\"sponsor\":{},\"description\":false,\"answers\":\"x\",\"email\":7,\"questionKey\":[]," +
            "\"outcome\":1,\"rationale\":{},\"killCriteria\":2,\"conditions\":\"x\"}"));
        yield return ("answers of the wrong types", Encoding.UTF8.GetBytes(
            "{\"answers\":{\"involvement.level\":7,\"integration.budgeted\":\"maybe\",\"integration.systems\":\"crm\",\"commitment.rollout-date\":20270301}," +
            "\"title\":\"\",\"email\":\"not-an-email\",\"outcome\":\"perhaps\"}"));
        yield return ("unknown keys only", Encoding.UTF8.GetBytes("{\"unknown\":1,\"__proto__\":{\"admin\":true},\"status\":\"submitted\",\"version\":99}"));
        yield return ("malformed JSON", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]));
        yield return ("trailing comma", Encoding.UTF8.GetBytes(valid[..^1] + ",}"));
        yield return ("single quotes", Encoding.UTF8.GetBytes(valid.Replace('"', '\'')));
        yield return ("empty body", []);
        yield return ("300 KB", Encoding.UTF8.GetBytes(valid[..^1] + $",\"padding\":\"{Huge}\"}}"));
        yield return ("nested 10,000 deep", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("NUL and a lone surrogate in every string", Encoding.UTF8.GetBytes(
            "{\"title\":\"a\\u0000b\",\"businessUnit\":\"\\ud800\",\"sponsor\":\"\\u0000\",\"answers\":{\"commitment.what-then\":\"\\ud800\"}," +
            "\"email\":\"a\\u0000@example.com\",\"questionKey\":\"\\ud800\",\"outcome\":\"go\\u0000\",\"rationale\":\"\\u0000\"}"));
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'"', bytes.IndexOf((byte)':')) + 1, [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]);
        yield return ("invalid UTF-8", [.. bytes]);
    }

    private static readonly string[] WrongContentTypes = ["text/plain", FormType, "application/xml", "multipart/form-data; boundary=x", ""];

    private static readonly string[] BadIfMatch = ["\"0\"", "\"abc\"", "abc", "\"\"", "\"2147483648\"", "\"-1\""];

    [Fact]
    public async Task MalformedRequests_ToEveryWriteEndpointAndPageHandler_AreRefusedAndChangeNothing()
    {
        var canary = await SeedAsync();
        var before = await SnapshotAsync(canary);
        var changed = new List<string>();
        var tried = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The API refuses with a 4xx; a page may also answer with itself and its messages (200) or a redirect that says why.
        async Task Check(string what, Func<Task<HttpStatusCode>> send, bool api = false)
        {
            var status = (int)await send();
            tried++;
            var after = await SnapshotAsync(canary);
            if (status >= 500 || (api && status is < 400 or >= 500) || after != before)
            {
                changed.Add($"{what} → {status}{(after == before ? "" : ", and the canary changed")}");
                before = after;
            }
        }

        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        foreach (var write in ApiWrites(canary))
        {
            var client = write.Reviewer ? reviewer : Client;
            var etag = (await client.GetAssessmentAsync(write.AssessmentId)).ETag;
            if (write.ValidBody is { } valid)
            {
                foreach (var (kind, body) in BadJson(valid))
                {
                    await Check($"{write.Method} {write.Url}: {kind}", () => SendAsync(client, write.Method, write.Url, body, "application/json", etag), api: true);
                }

                foreach (var type in WrongContentTypes)
                {
                    await Check($"{write.Method} {write.Url}: Content-Type '{type}'",
                        () => SendAsync(client, write.Method, write.Url, Encoding.UTF8.GetBytes(valid), type, etag), api: true);
                }
            }

            if (!write.Conditional)
            {
                continue;
            }

            var validBytes = write.ValidBody is null ? null : Encoding.UTF8.GetBytes(write.ValidBody);
            foreach (var ifMatch in write.IfMatchRequired ? BadIfMatch.Append(null) : BadIfMatch)
            {
                await Check($"{write.Method} {write.Url}: If-Match {ifMatch ?? "missing"} with a valid body",
                    () => SendAsync(client, write.Method, write.Url, validBytes, validBytes is null ? null : "application/json", ifMatch), api: true);
            }
        }

        var reviewerPages = NewSession(TestUsers.Reviewer);
        var sponsorToken = (await Browser.GetAsync("/assessments/new")).Expect(HttpStatusCode.OK).Form().Value(PageSession.TokenField);
        var reviewerToken = (await reviewerPages.GetAsync($"/assessments/{canary.Submitted}/decide")).Expect(HttpStatusCode.OK)
            .Form("form.card").Value(PageSession.TokenField);
        foreach (var post in PagePosts(canary))
        {
            var (session, token) = post.Reviewer ? (reviewerPages, reviewerToken) : (Browser, sponsorToken);
            var version = post.AssessmentId is { } id ? (await Client.GetAssessmentAsync(id)).ETag.Trim('"', 'W', '/') : "0";
            List<KeyValuePair<string, string>> Fields(IEnumerable<(string Name, string Value)> fields, string? withToken = "valid", string? withVersion = null)
            {
                var list = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();
                if (withToken is not null)
                {
                    list.Add(KeyValuePair.Create(PageSession.TokenField, withToken == "valid" ? token : withToken));
                }

                if (post.AssessmentId is not null)
                {
                    list.Add(KeyValuePair.Create("Version", withVersion ?? version));
                }

                return list;
            }

            await Check($"POST {post.Url}: no antiforgery token", () => PostFormAsync(session, post.Url, Fields(post.Valid, withToken: null)));
            await Check($"POST {post.Url}: forged antiforgery token", () => PostFormAsync(session, post.Url, Fields(post.Valid, withToken: "CfDJ8forged")));
            await Check($"POST {post.Url}: wrong types and values", () => PostFormAsync(session, post.Url, Fields(post.Wrong.Append(("unknown.key", "1")))));
            if (post.Valid.Length > 0)
            {
                // Every field the handler reads is spoilt; the token and the version stay good so that the spoilt fields are what is refused.
                await Check($"POST {post.Url}: 300 KB values", () => PostFormAsync(session, post.Url, Fields(post.Valid.Select(f => (f.Item1, f.Item2 + Huge)))));
                await Check($"POST {post.Url}: invalid UTF-8", () => PostRawAsync(session, post.Url, InvalidUtf8Form(Fields(post.Valid)), FormType, null));
            }

            await Check($"POST {post.Url}: JSON instead of a form", () => PostRawAsync(session, post.Url,
                JsonSerializer.SerializeToUtf8Bytes(post.Valid.ToDictionary(f => f.Item1, f => f.Item2)), "application/json", token));
            await Check($"POST {post.Url}: no body", () => PostRawAsync(session, post.Url, [], null, token));
            if (post.AssessmentId is not null)
            {
                foreach (var stale in new[] { "0", "abc", "-1", "99999999999" })
                {
                    await Check($"POST {post.Url}: form version {stale}", () => PostFormAsync(session, post.Url, Fields(post.Valid, withVersion: stale)));
                }
            }
        }

        output.WriteLine($"{tried} malformed requests in {clock.Elapsed.TotalSeconds:F1} s, the canary read back after each");
        Assert.True(changed.Count == 0, $"{changed.Count} of {tried} malformed requests changed the canary or failed:\n  " + string.Join("\n  ", changed));
        Assert.True(tried > 300, $"Only {tried} malformed requests were tried.");
    }

    /// <summary>A write of the API; <paramref name="Conditional"/> when it changes an existing assessment and so takes If-Match.</summary>
    private sealed record ApiWrite(string Method, string Url, Guid AssessmentId, string? ValidBody, bool Reviewer = false, bool IfMatchRequired = false,
        bool Conditional = true);

    private sealed record PagePost(string Url, Guid? AssessmentId, (string, string)[] Valid, (string, string)[] Wrong, bool Reviewer = false);

    private sealed record Canary(Guid Draft, Guid Submitted, Guid DecisionId, Guid ConditionId, string CollaboratorId, string ConfirmToken);

    private static IEnumerable<ApiWrite> ApiWrites(Canary c)
    {
        var details = "{\"title\":\"Renamed\",\"businessUnit\":\"Operations\",\"sponsor\":\"Dana Okafor\",\"description\":\"Changed.\"}";
        yield return new("POST", "/api/assessments", c.Draft, details, Conditional: false);
        yield return new("PUT", $"/api/assessments/{c.Draft}/details", c.Draft, details);
        yield return new("PUT", $"/api/assessments/{c.Draft}/answers", c.Draft, "{\"answers\":{\"involvement.level\":\"consulted\",\"commitment.purpose\":null}}");
        yield return new("POST", $"/api/assessments/{c.Draft}/confirmations", c.Draft,
            "{\"questionKey\":\"after-demo.production-owner\",\"email\":\"owner@example.com\"}");
        yield return new("POST", $"/api/assessments/{c.Draft}/collaborators", c.Draft, $"{{\"email\":\"{TestUsers.Reviewer.Email}\"}}");
        yield return new("DELETE", $"/api/assessments/{c.Draft}/collaborators/{c.CollaboratorId}", c.Draft, null);
        yield return new("POST", $"/api/assessments/{c.Draft}/submit", c.Draft, null);
        yield return new("POST", $"/api/assessments/{c.Submitted}/reopen", c.Submitted, null);
        yield return new("POST", $"/api/assessments/{c.Submitted}/reassess", c.Submitted, null);
        yield return new("POST", $"/api/assessments/{c.Submitted}/decisions", c.Submitted,
            JsonSerializer.Serialize(DecisionSupport.Plain("no-go"), JsonSerializerOptions.Web), Reviewer: true, IfMatchRequired: true);
        yield return new("POST", $"/api/assessments/{c.Submitted}/decisions/{c.DecisionId}/conditions/{c.ConditionId}/met", c.Submitted, null,
            Reviewer: true, IfMatchRequired: true);
    }

    private static IEnumerable<PagePost> PagePosts(Canary c)
    {
        (string, string)[] details = [("Input.Title", "Renamed"), ("Input.BusinessUnit", "Operations"), ("Input.Sponsor", "Dana Okafor"), ("Input.Description", "Changed.")];
        (string, string)[] wrongDetails = [("Input.Title", ""), ("Input.BusinessUnit", new string('b', 101)), ("Input.Sponsor", "\0"), ("Input.Description", new string('d', 4001))];
        (string, string)[] commitment =
        [
            ("commitment.purpose", "learn"), ("commitment.budget-status", "approved"), ("commitment.rollout-date", "2027-03-01"),
            ("commitment.executive-sponsor", "Helena Marsh"), ("commitment.what-then", "Accounts payable adopts it."),
        ];
        (string, string)[] wrongCommitment =
        [
            ("commitment.purpose", "nope"), ("commitment.budget-status", "7"), ("commitment.rollout-date", "31/02/2027"),
            ("commitment.executive-sponsor", new string('p', 201)), ("commitment.what-then", "a\0b"),
        ];
        yield return new("/assessments/new", null, details, wrongDetails);
        yield return new($"/assessments/{c.Draft}/details", c.Draft, details, wrongDetails);
        yield return new($"/assessments/{c.Draft}/steps/commitment", c.Draft, [.. commitment, ("nav", "next")], [.. wrongCommitment, ("nav", "next")]);
        yield return new($"/assessments/{c.Draft}/steps/commitment?handler=Autosave", c.Draft, commitment, wrongCommitment);
        yield return new($"/assessments/{c.Draft}/review?handler=Submit", c.Draft, [], [("Version", "x")]);
        yield return new($"/assessments/{c.Draft}/review?handler=AddCollaborator", c.Draft,
            [("CollaboratorEmail", TestUsers.Reviewer.Email)], [("CollaboratorEmail", "not an email")]);
        yield return new($"/assessments/{c.Draft}/review?handler=RemoveCollaborator", c.Draft, [("userId", c.CollaboratorId)], [("userId", "")]);
        yield return new($"/assessments/{c.Draft}/review?handler=RequestConfirmation", c.Draft,
            [("questionKey", "after-demo.production-owner"), ("ConfirmationEmail", "owner@example.com")],
            [("questionKey", "no.such-question"), ("ConfirmationEmail", "owner")]);
        yield return new($"/assessments/{c.Submitted}/review?handler=Reopen", c.Submitted, [], [("Version", "x")]);
        yield return new($"/assessments/{c.Submitted}/results?handler=Reassess", c.Submitted, [], [("Version", "x")]);
        yield return new($"/assessments/{c.Submitted}/decide", c.Submitted,
            [("Input.Outcome", "no-go"), ("Input.Rationale", "The case is clear.")],
            [("Input.Outcome", "maybe"), ("Input.Rationale", ""), ("Input.Conditions[0].DueDate", "31/02/2027"), ("Input.Conditions[0].Description", "x")],
            Reviewer: true);
        yield return new($"/assessments/{c.Submitted}/decide?handler=MarkMet", c.Submitted,
            [("decisionId", c.DecisionId.ToString()), ("conditionId", c.ConditionId.ToString())],
            [("decisionId", "not-a-guid"), ("conditionId", Guid.NewGuid().ToString())], Reviewer: true);
        yield return new($"/confirm?token={Uri.EscapeDataString(c.ConfirmToken)}", null, [("Input.Answer", "confirm")], [("Input.Answer", "perhaps")]);
    }

    /// <summary>
    /// The sponsor's draft (answered in part, with a collaborator and a confirmation request waiting) and the sponsor's
    /// submitted assessment with a conditional go.
    /// </summary>
    private async Task<Canary> SeedAsync()
    {
        var draft = await Client.CreateAssessmentAsync("Claims triage assistant");
        await Client.AnswerAsync(draft.Id, new Dictionary<string, object?>
        {
            ["commitment.purpose"] = "de-risk",
            ["involvement.level"] = "involved",
            ["after-demo.production-owner"] = "Sofia Lindqvist",
        });
        using (var shared = await Client.PostAsJsonAsync($"/api/assessments/{draft.Id}/collaborators", new { email = TestUsers.OtherSponsor.Email }))
        {
            await shared.ReadJsonAsync(HttpStatusCode.OK);
        }

        var etag = (await Client.GetAssessmentAsync(draft.Id)).ETag;
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{draft.Id}/confirmations")
               {
                   Content = JsonContent.Create(new { questionKey = "after-demo.production-owner", email = "sofia@example.com" }),
               })
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var asked = await Client.SendAsync(request);
            await asked.ReadJsonAsync(HttpStatusCode.OK);
        }

        var submitted = await DecisionSupport.SubmittedAsync(Client);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var decision = await reviewer.DecideAsync(submitted, DecisionSupport.ConditionalGo());
        var collaborator = (await Client.GetAssessmentAsync(draft.Id)).Body.GetProperty("collaborators")[0].GetString()!;
        return new Canary(draft.Id, submitted, decision.GetProperty("id").GetGuid(),
            decision.GetProperty("conditions")[0].GetProperty("id").GetGuid(), collaborator, "not-a-real-token");
    }

    /// <summary>Everything a change could touch, as the reviewer reads it: both assessments, their ETags, decisions and audit trails, and the count.</summary>
    private async Task<string> SnapshotAsync(Canary canary)
    {
        using var reader = App.ClientFor(TestUsers.Reviewer);
        var parts = new List<string>();
        foreach (var id in new[] { canary.Draft, canary.Submitted })
        {
            foreach (var url in new[] { $"/api/assessments/{id}", $"/api/assessments/{id}/history", $"/api/assessments/{id}/decisions" })
            {
                using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
                parts.Add($"{url} {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}");
            }
        }

        using var list = await reader.GetAsync(new Uri("/api/assessments?pageSize=100", UriKind.Relative));
        parts.Add((await list.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('\n', parts);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url, byte[]? body, string? contentType, string? ifMatch)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (!string.IsNullOrEmpty(contentType))
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// The form encoded as a browser would, with bytes that are not UTF-8 (raw, not percent-escaped) after every value but
    /// the antiforgery token's and the version's: the form reader decodes them to U+FFFD.
    /// </summary>
    private static byte[] InvalidUtf8Form(List<KeyValuePair<string, string>> fields)
    {
        var body = new List<byte>();
        foreach (var (name, value) in fields)
        {
            body.AddRange(Encoding.ASCII.GetBytes($"{(body.Count == 0 ? "" : "&")}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));
            if (name is not (PageSession.TokenField or "Version"))
            {
                body.AddRange([0xFF, 0xC3, 0x28]);
            }
        }

        return [.. body];
    }

    private static async Task<HttpStatusCode> PostFormAsync(PageSession session, string url, List<KeyValuePair<string, string>> fields) =>
        (await session.PostAsync(url, fields)).Status;

    private static async Task<HttpStatusCode> PostRawAsync(PageSession session, string url, byte[] body, string? contentType, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("RequestVerificationToken", token);
        }

        using var response = await session.Client.SendAsync(request);
        return response.StatusCode;
    }
}
