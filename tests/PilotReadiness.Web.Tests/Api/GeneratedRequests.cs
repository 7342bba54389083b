using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.OpenApi;
using PilotReadiness.Web.Tests.Infrastructure;

using PilotReadiness.Web.Api;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>Who sends a generated request.</summary>
public enum Caller
{
    /// <summary>The batch's signed-in user (bearer token).</summary>
    SignedIn,

    /// <summary>Another signed-in user, who may not see or change the batch user's assessments.</summary>
    Other,

    Anonymous,

    /// <summary>A bearer token that is not one.</summary>
    BadToken,
}

/// <summary>What a generated change to an assessment sends as If-Match.</summary>
/// <summary>The production system's key a request carries: the pilot's key as it is now, one it no longer has, a made-up one, or none.</summary>
public enum KeyChoice
{
    None,

    Current,

    First,

    Garbage,
}

public enum IfMatch
{
    None,

    /// <summary>The ETag the assessment has now (read just before sending).</summary>
    Current,

    Stale,
    Garbage,
}

/// <summary>A request body as bytes, with the Content-Type it is sent with and what kind of body it is.</summary>
public sealed record GeneratedBody(byte[] Bytes, string? ContentType, string Kind);

/// <summary>One generated request to one operation of the document.</summary>
public sealed record GeneratedRequest(ApiOperation Operation, string Url, Caller Caller, IfMatch IfMatch, GeneratedBody? Body, KeyChoice Key = KeyChoice.None)
{
    public override string ToString() =>
        $"{Operation.Method} {Url} as {Caller}{(IfMatch == IfMatch.None ? "" : $", If-Match {IfMatch}")}" +
        (Key == KeyChoice.None ? "" : $", ingestion key {Key}") +
        (Body is null ? "" : $", {Body.Kind} body ({Body.ContentType ?? "no Content-Type"}): {ApiContract.Printable(Body.Bytes, 200)}");
}

/// <summary>
/// The values a batch's requests draw on: the seeded assessments, decisions and users, the pilots (one live, with a
/// check-in and an ingestion key), and the API's words.
/// </summary>
public sealed record ApiWorld(
    IReadOnlyList<Guid> AssessmentIds, IReadOnlyList<Guid> DecisionIds, IReadOnlyList<Guid> ConditionIds,
    IReadOnlyList<string> UserIds, IReadOnlyList<string> Emails, IReadOnlyList<string> QuestionKeys, IReadOnlyList<string> OptionValues,
    IReadOnlyList<Guid> WaiverIds, IReadOnlyList<string> QuestionnaireVersions,
    IReadOnlyList<Guid> PilotIds, IReadOnlyList<Guid> CheckInIds, IReadOnlyList<Guid> KeyIds);

/// <summary>
/// FsCheck generators of requests from the OpenAPI document: for each operation, its path, query, If-Match and body
/// drawn from the declared schemas, mostly valid and often not (wrong types, unknown keys, malformed or invalid UTF-8
/// JSON, deep nesting, too large, wrong or no Content-Type, values out of range, ids that do not exist or are not
/// ids), sent by the signed-in user, another user, nobody or a bad token.
/// </summary>
public static class GeneratedRequests
{
    /// <summary>
    /// Values a parameter or field of this name takes in this API (so that generated requests get past the first
    /// check), and near misses it must refuse.
    /// </summary>
    private static readonly Dictionary<string, (string[] Valid, string[] Wrong)> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = (["draft", "submitted"], ["Draft", "open"]),
        ["verdict"] = (["go", "go-with-conditions", "not-ready", "no-go"], ["maybe"]),
        ["gate"] = (["pilot-theatre", "no-production-owner", "integration-not-budgeted", "users-not-involved", "production-under-budgeted", "blocker-unanswered"], ["none"]),
        ["sort"] = (["title", "business-unit", "sponsor", "status", "verdict", "overall", "commitment", "decision", "updated", "submitted"], ["size"]),
        ["dir"] = (["asc", "desc"], ["up"]),
        ["drafts"] = (["in", "out"], ["all"]),
        ["format"] = (["csv", "xlsx", "json"], ["pdf", "CSV"]),
        ["paper"] = (["a4", "letter"], ["A4", "legal"]),
        ["outcome"] = (["go", "go-with-conditions", "no-go", "not-ready"], ["stalled"]),
        ["bu"] = (["Finance", "Operations"], ["finance"]),
        ["businessUnit"] = (["Finance", "Operations"], [""]),
        ["sponsor"] = (["Amira Haddad", "Dana Okafor"], [""]),
        ["title"] = (["Invoice matching assistant", "Claims triage"], [""]),
        ["q"] = (["invoice", "Finance"], ["%", "_", "\\", "'"]),
        ["from"] = (["2026-01-01", "2026-06-30"], ["2026-02-30", "yesterday"]),
        ["to"] = (["2026-12-31", "2027-12-31"], ["01/02/2026"]),
        ["dueDate"] = (["2027-06-30"], ["2020-01-01", "2027-02-30", "soon"]),
        ["until"] = (["2099-06-30", "2099-12-31"], ["2020-01-01", "2027-02-30", "soon"]),
        ["reason"] = (["Paid from the platform budget this year.", "The owner starts next month."], [""]),
        ["note"] = (["Until the budget round.", "Budget it first."], [""]),
        ["page"] = (["1", "2"], ["0", "-1", "abc", "2147483647", "99999999999"]),
        ["pageSize"] = (["1", "20", "100"], ["101", "0", "ten"]),
        ["with"] = (["1", "2"], ["0", "latest"]),
        ["useCookies"] = (["true", "false"], ["yes"]),
        ["useSessionCookies"] = (["true", "false"], ["1"]),
        ["kind"] = (["in-daily-use", "stalled", "rolled-back", "stopped-before-launch", "retired"], ["abandoned"]),
        ["workarounds"] = (["none", "some", "widespread"], ["lots"]),
        ["ownership"] = (["still-owner", "handing-over", "left"], ["unsure"]),
        ["health"] = (["healthy", "watch", "decaying", "orphaned"], ["fine"]),
        ["goLiveDate"] = (Dates(-28, -60, 0), [Date(400), "2027-02-30", "soon"]),
        ["date"] = (Dates(-1, -2, -3, -10, 0), [Date(5), "2027-02-30", "soon"]),
    };

    /// <summary>Whole numbers a field of this name takes, drawn more often than any number.</summary>
    private static readonly Dictionary<string, int[]> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cadenceWeeks"] = [2, 4, 8, 3],
        ["eligibleUsers"] = [40, 12],
        ["targetShare"] = [80, 50],
        ["acceptableShare"] = [80, 90],
        ["activeUsers"] = [30, 8, 0],
        ["casesHandled"] = [400, 120],
        ["casesEscalated"] = [10, 3, 0],
        ["casesOverridden"] = [5, 0],
        ["incidents"] = [0, 1],
        ["qualityReviewed"] = [20, 10, 0],
        ["qualityMet"] = [18, 5, 0, 30],
    };

    /// <summary>Days around today: the live pilots' plans and check-ins move with the clock.</summary>
    private static string[] Dates(params int[] fromToday) => [.. fromToday.Select(Date)];

    private static string Date(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly string[] NastyStrings =
    [
        "", " ", "a", "0", "-1", "null", "true", "é", "😀", "\u0000", "\u202e", "'; DROP TABLE \"Assessments\"; --", "<script>alert(1)</script>",
        "=HYPERLINK(\"x\")", "%", "%00", "../../etc/passwd", "\\", "\"", "{}", "[]", "\ud800", "2026-13-45", "1e400",
    ];

    /// <summary>A generator of requests to any operation of <paramref name="contract"/>, over the values of <paramref name="world"/>.</summary>
    public static Gen<GeneratedRequest> For(ApiContract contract, ApiWorld world)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Gen.OneOf(contract.Operations.Select(operation => ForOperation(operation, world)));
    }

    private static Gen<GeneratedRequest> ForOperation(ApiOperation operation, ApiWorld world)
    {
        // Never a seeded account's email on the sign-in endpoints: wrong passwords would lock it.
        if (operation.PathTemplate.StartsWith("/api/auth/", StringComparison.Ordinal))
        {
            world = world with { Emails = ["nobody@example.com", "someone@example.org"] };
        }

        return
        from path in PathGen(operation, world)
        from query in QueryGen(operation, world)
        from caller in Gen.Frequency((16, Gen.Constant(Caller.SignedIn)), (2, Gen.Constant(Caller.Other)),
            (1, Gen.Constant(Caller.Anonymous)), (1, Gen.Constant(Caller.BadToken)))
        from ifMatch in operation.Parameters.Any(p => p.In == ParameterLocation.Header && p.Name == "If-Match")
            ? Gen.Frequency((6, Gen.Constant(IfMatch.Current)), (2, Gen.Constant(IfMatch.None)), (1, Gen.Constant(IfMatch.Stale)), (1, Gen.Constant(IfMatch.Garbage)))
            : Gen.Constant(IfMatch.None)
        from body in BodyGen(operation, world)
        from key in TakesIngestionKey(operation)
            ? Gen.Frequency((12, Gen.Constant(KeyChoice.Current)), (1, Gen.Constant(KeyChoice.None)),
                (1, Gen.Constant(KeyChoice.First)), (1, Gen.Constant(KeyChoice.Garbage)))
            : Gen.Constant(KeyChoice.None)
        select new GeneratedRequest(operation, path + query, caller, ifMatch, body, key);
    }

    /// <summary>Whether the document says the operation takes the production system's key instead of a user.</summary>
    public static bool TakesIngestionKey(ApiOperation operation) =>
        operation.Operation.Security?.Any(requirement => requirement.Keys.Any(scheme => scheme.Reference.Id == OpenApiSetup.IngestionKeyScheme)) == true;

    private static Gen<string> PathGen(ApiOperation operation, ApiWorld world)
    {
        var parameters = operation.Parameters.Where(p => p.In == ParameterLocation.Path && p.Name is not null).ToList();
        return Gen.CollectToList(parameters, p => PathValueGen(p, world).Select(v => (p.Name!, v)))
            .Select(values => values.Aggregate(operation.PathTemplate,
                (path, v) => path.Replace("{" + v.Item1 + "}", Uri.EscapeDataString(v.v), StringComparison.Ordinal)));
    }

    private static Gen<string> PathValueGen(IOpenApiParameter parameter, ApiWorld world)
    {
        var known = parameter.Name switch
        {
            "id" => world.AssessmentIds.Select(Text),
            "decisionId" => world.DecisionIds.Select(Text),
            "conditionId" => world.ConditionIds.Select(Text),
            "userId" => world.UserIds,
            "waiverId" => world.WaiverIds.Select(Text),
            "version" => world.QuestionnaireVersions,
            "pilotId" => world.PilotIds.Select(Text),
            "checkInId" => world.CheckInIds.Select(Text),
            "keyId" => world.KeyIds.Select(Text),
            _ => [],
        };
        var wrong = Gen.Elements("abc", "123", "00000000-0000-0000-0000-00000000000g", " ", new string('9', 300), "%2e%2e");
        return known.Any()
            ? Gen.Frequency((12, Gen.Elements(known.ToArray())), (2, GuidGen.Select(Text)), (1, wrong))
            : Gen.Frequency((3, GuidGen.Select(Text)), (1, wrong));
    }

    /// <summary>
    /// The query: half the time a plausible one (a few of the parameters, with values the API takes), otherwise any of
    /// them with any value.
    /// </summary>
    private static Gen<string> QueryGen(ApiOperation operation, ApiWorld world)
    {
        var parameters = operation.Parameters.Where(p => p.In == ParameterLocation.Query && p.Name is not null).ToList();
        return Gen.Elements(true, false).SelectMany(plausible => Gen.CollectToList(parameters, p =>
                from present in p.Required ? Gen.Frequency((plausible ? 1 : 9, Gen.Constant(true)), (plausible ? 0 : 1, Gen.Constant(false)))
                    : plausible ? Gen.Elements(true, false, false) : Gen.Elements(true, false)
                from value in ScalarTextGen(p.Name!, p.Schema, world, plausible)
                select present ? $"{Uri.EscapeDataString(p.Name!)}={Uri.EscapeDataString(value)}" : null))
            .Select(pairs => pairs.Where(p => p is not null).ToList() is { Count: > 0 } present ? "?" + string.Join('&', present) : "");
    }

    /// <summary>A value for a parameter or field, as text: its words, a value of its type, or (unless plausible) anything.</summary>
    private static Gen<string> ScalarTextGen(string name, IOpenApiSchema? schema, ApiWorld world, bool plausible)
    {
        var type = schema?.Type ?? JsonSchemaType.String;
        var typed = type.HasFlag(JsonSchemaType.Boolean) ? Gen.Elements("true", "false")
            : Words.ContainsKey(name) ? StringGen(name, world, plausible)
            : type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number) ? NumberGen(name, plausible).Select(n => n?.ToJsonString() ?? "null")
            : schema?.Format == "uuid" ? Gen.Elements(world.AssessmentIds.Select(Text).Append(Text(Guid.Empty)).ToArray())
            : StringGen(name, world, plausible);
        return plausible ? typed : Gen.Frequency((8, typed), (1, Gen.Elements(NastyStrings)), (1, LongStringGen));
    }

    private static Gen<string> StringGen(string name, ApiWorld world, bool plausible = false)
    {
        var nasty = plausible ? 0 : 1;
        if (Words.TryGetValue(name, out var words))
        {
            return Gen.Frequency((6, Gen.Elements(words.Valid)), (plausible ? 0 : 2, Gen.Elements(words.Wrong)), (nasty, Gen.Elements(NastyStrings)));
        }

        var lower = name.ToLowerInvariant();
        if (lower.Contains("email", StringComparison.Ordinal))
        {
            return Gen.Frequency((4, Gen.Elements(world.Emails.ToArray())), (nasty, Gen.Elements("not-an-email", "nobody@example.com", "")));
        }

        if (lower.Contains("questionkey", StringComparison.Ordinal))
        {
            return Gen.Frequency((6, Gen.Elements(world.QuestionKeys.ToArray())), (nasty, Gen.Elements("no.such-question", "")));
        }

        if (lower.EndsWith("id", StringComparison.Ordinal))
        {
            return Gen.Elements(world.UserIds.Concat(world.AssessmentIds.Select(Text)).Append("x").ToArray());
        }

        return Gen.Frequency((4, Gen.Elements("Amira Haddad", "Falls back to the manual queue.", "Finance", "x", "The team adopts it in March.")),
            (2, WordGen), (nasty, Gen.Elements(NastyStrings)));
    }

    private static Gen<string> WordGen =>
        Gen.ListOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-_.,'éß".ToCharArray()), 12).Select(chars => new string([.. chars]));

    private static Gen<string> LongStringGen => Gen.Elements(201, 4001, 70_000).Select(n => new string('x', n));

    private static Gen<Guid> GuidGen =>
        Gen.ArrayOf(Gen.Choose(0, 255), 16).Select(bytes => new Guid(bytes.Select(b => (byte)b).ToArray()));

    private static Gen<JsonNode?> NumberGen(string name, bool plausible = false)
    {
        if (plausible)
        {
            return Numbers.TryGetValue(name, out var usual)
                ? Gen.Elements(usual).Select(n => (JsonNode?)JsonValue.Create(n))
                : Gen.Choose(0, 60).Select(n => (JsonNode?)JsonValue.Create(n));
        }

        var any = Gen.Frequency(
            (6, Gen.Choose(-3, 120).Select(n => (JsonNode?)JsonValue.Create(n))),
            (2, Gen.Elements<JsonNode?>(JsonValue.Create(0), JsonValue.Create(40000), JsonValue.Create(160000), JsonValue.Create(int.MaxValue))),
            (1, Gen.Elements<JsonNode?>(JsonValue.Create(2_000_000_000_000L), JsonValue.Create(1.5m), JsonValue.Create(-0.01m), JsonNode.Parse("1e40"))));
        return Numbers.TryGetValue(name, out var numbers)
            ? Gen.Frequency((3, Gen.Elements(numbers).Select(n => (JsonNode?)JsonValue.Create(n))), (1, any))
            : any;
    }

    private static Gen<GeneratedBody?> BodyGen(ApiOperation operation, ApiWorld world)
    {
        var content = operation.Operation.RequestBody?.Content;
        if (content is null || !content.TryGetValue("application/json", out var json) || json.Schema is null)
        {
            // An operation without a body now and then gets one anyway: it must not matter.
            return Gen.Frequency((19, Gen.Constant<GeneratedBody?>(null)),
                (1, Gen.Constant<GeneratedBody?>(new GeneratedBody("{\"unexpected\": true}"u8.ToArray(), "application/json", "unexpected"))));
        }

        // Half the bodies are plausible: every field the schema lists, of its type and in the range a person would
        // type (forms the API reads whole, where an optional field in the schema is one its rules ask for); the other
        // half leave fields out and draw from any value of the type.
        var valid = Gen.Elements(true, false).SelectMany(plausible => ValueGen(json.Schema, world, depth: 0, plausible: plausible));
        return Gen.Frequency<GeneratedBody?>(
            (14, valid.Select(v => Json(v, "schema"))),
            (2, valid.Select(v => Json(WithUnknownKeys(v), "unknown keys"))),
            (2, valid.SelectMany(v => WrongTypeGen(v)).Select(v => Json(v, "wrong type"))),
            (1, Gen.Elements<JsonNode?>(new JsonArray(), JsonValue.Create("x"), JsonValue.Create(1), null, JsonValue.Create(true)).Select(v => Json(v, "wrong root"))),
            (1, valid.SelectMany(v => MalformedGen(v))),
            (1, valid.Select(v => (GeneratedBody?)InvalidUtf8(v))),
            (1, Gen.Elements(70, 1_000, 100_000).Select(Nested)),
            (1, valid.SelectMany(v => Gen.Elements("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", null)
                .Select(type => (GeneratedBody?)new GeneratedBody(Utf8(v), type, "wrong content type")))),
            (1, Gen.Elements<GeneratedBody?>(new GeneratedBody([], "application/json", "empty"), null)),
            (1, Gen.Constant<GeneratedBody?>(Huge())));
    }

    /// <summary>A value of <paramref name="schema"/>: mostly what it declares, with the API's words for strings.</summary>
    private static Gen<JsonNode?> ValueGen(IOpenApiSchema schema, ApiWorld world, int depth, string name = "", bool plausible = false)
    {
        var type = schema.Type ?? 0;
        var nullable = type.HasFlag(JsonSchemaType.Null);
        Gen<JsonNode?> value;
        if (type.HasFlag(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            value = ObjectGen(schema, world, depth, name, plausible);
        }
        else if (type.HasFlag(JsonSchemaType.Array))
        {
            value = depth > 4 || schema.Items is null
                ? Gen.Constant<JsonNode?>(new JsonArray())
                : Gen.Choose(plausible ? 1 : 0, 3).SelectMany(n => Gen.ListOf(ValueGen(schema.Items, world, depth + 1, plausible: plausible), n))
                    .Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        }
        else if (type.HasFlag(JsonSchemaType.Boolean))
        {
            value = Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b));
        }
        else if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            value = NumberGen(name, plausible);
        }
        else if (type.HasFlag(JsonSchemaType.String))
        {
            value = StringGen(name, world, plausible).Select(s => (JsonNode?)JsonValue.Create(s));
        }
        else
        {
            value = AnyAnswerGen(world);
        }

        return nullable && !plausible ? Gen.Frequency((9, value), (1, Gen.Constant<JsonNode?>(null))) : value;
    }

    private static Gen<JsonNode?> ObjectGen(IOpenApiSchema schema, ApiWorld world, int depth, string name, bool plausible)
    {
        var required = schema.Required ?? new HashSet<string>();
        var properties = (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).ToList();
        if (properties.Count == 0)
        {
            // A map (the answers): keys the API knows, values of any answer's shape.
            return name == "answers" || schema.AdditionalProperties is not null || depth > 0
                ? Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.Zip(Gen.Elements(world.QuestionKeys.Append("no.such-question").ToArray()), AnyAnswerGen(world)), n))
                    .Select(pairs =>
                    {
                        var map = new JsonObject();
                        foreach (var (key, answer) in pairs)
                        {
                            map[key] = answer?.DeepClone();
                        }

                        return (JsonNode?)map;
                    })
                : Gen.Constant<JsonNode?>(new JsonObject());
        }

        return Gen.CollectToList(properties, p =>
                from present in plausible ? Gen.Constant(true)
                    : required.Contains(p.Key) ? Gen.Frequency((19, Gen.Constant(true)), (1, Gen.Constant(false))) : Gen.Elements(true, true, false)
                from value in ValueGen(p.Value, world, depth + 1, p.Key, plausible)
                select (p.Key, present, value))
            .Select(fields =>
            {
                var obj = new JsonObject();
                foreach (var (key, present, value) in fields.Where(f => f.present))
                {
                    obj[key] = value?.DeepClone();
                }

                return (JsonNode?)obj;
            });
    }

    /// <summary>An answer of any question type, right for some questions and wrong for others.</summary>
    private static Gen<JsonNode?> AnyAnswerGen(ApiWorld world) => Gen.Frequency(
        (4, Gen.Elements(world.OptionValues.ToArray()).Select(v => (JsonNode?)JsonValue.Create(v))),
        (2, NumberGen("")),
        (2, Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, StringGen("", world).Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Elements("2027-03-01", "2027-02-30", "1999-12-31").Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.SubListOf(world.OptionValues.Take(6).ToArray()).Select(l => (JsonNode?)new JsonArray([.. l.Select(v => (JsonNode?)JsonValue.Create(v))]))),
        (1, Gen.Constant<JsonNode?>(null)),
        (1, Gen.Constant<JsonNode?>(new JsonObject { ["text"] = "x" })));

    /// <summary>The value with one of its fields (or itself) replaced by a value of another type.</summary>
    private static Gen<JsonNode?> WrongTypeGen(JsonNode? value)
    {
        var replacement = Gen.Elements<Func<JsonNode?>>(
            () => JsonValue.Create(42), () => JsonValue.Create("text"), () => JsonValue.Create(false), () => new JsonArray(JsonValue.Create(1)),
            () => new JsonObject { ["nested"] = 1 }, () => null);
        if (value is not JsonObject obj || obj.Count == 0)
        {
            return replacement.Select(make => make());
        }

        var keys = obj.Select(p => p.Key).ToArray();
        return Gen.Zip(Gen.Elements(keys), replacement).Select(pick =>
        {
            var copy = (JsonObject)obj.DeepClone();
            copy[pick.Item1] = pick.Item2();
            return (JsonNode?)copy;
        });
    }

    private static JsonNode? WithUnknownKeys(JsonNode? value)
    {
        if (value is not JsonObject obj)
        {
            return value;
        }

        var copy = (JsonObject)obj.DeepClone();
        copy["unknownKey"] = "x";
        copy["__proto__"] = new JsonObject { ["admin"] = true };
        copy["id"] = Text(Guid.NewGuid());
        return copy;
    }

    private static Gen<GeneratedBody?> MalformedGen(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return Gen.Elements(
                text[..Math.Max(1, text.Length / 2)],
                text.Length > 1 && text.EndsWith('}') ? text[..^1] + ",}" : text + ",",
                text.Replace('"', '\''),
                "{\"a\": 1, \"a\": 2}",
                "not json at all",
                text + text)
            .Select(t => (GeneratedBody?)new GeneratedBody(Encoding.UTF8.GetBytes(t), "application/json", "malformed JSON"));
    }

    /// <summary>The body with bytes that are not UTF-8 inside its first string (or at its start).</summary>
    private static GeneratedBody InvalidUtf8(JsonNode? value)
    {
        var bytes = Utf8(value).ToList();
        var quote = bytes.IndexOf((byte)'"', bytes.IndexOf((byte)':') + 1);
        bytes.InsertRange(quote >= 0 ? quote + 1 : 0, [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]);
        return new GeneratedBody([.. bytes], "application/json", "invalid UTF-8");
    }

    private static GeneratedBody? Nested(int depth) =>
        new(Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), "application/json", $"nested {depth} deep");

    private static GeneratedBody Huge() =>
        new(Encoding.UTF8.GetBytes($"{{\"title\": \"{new string('x', 300 * 1024)}\", \"answers\": {{}}}}"), "application/json", "300 KB");

    private static GeneratedBody? Json(JsonNode? value, string kind) => new(Utf8(value), "application/json", kind);

    private static byte[] Utf8(JsonNode? value) =>
        Encoding.UTF8.GetBytes(value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null");

    private static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);
}
