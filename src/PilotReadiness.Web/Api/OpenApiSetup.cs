using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using PilotReadiness.Web.Auth;

namespace PilotReadiness.Web.Api;

/// <summary>The operationId of an endpoint whose endpoint name is not ours to choose (Identity's).</summary>
public sealed record OperationIdMetadata(string OperationId);

/// <summary>
/// The OpenAPI document: its description, and every answer an endpoint can give, read from the endpoint's metadata
/// rather than written by hand on each endpoint: sign-in (401, 403 and the security schemes), rate limits (429),
/// JSON bodies (400, 413, 415), route values that do not match (404), changes to an assessment (If-Match), and the
/// daily figures' ingestion key.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";
    public const string IngestionKeyScheme = "ingestionKey";
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Sign in for a bearer token (or the sign-in cookie), refresh it, reset a password, read and change the account.",
        ["Questionnaire"] = "The questions an assessment answers, with their options and points.",
        ["Assessments"] = "Start an assessment, answer it, submit or re-open it, share it, and read its score and history.",
        ["Versions"] = "Re-assess a pilot, list its versions and compare two of them.",
        ["Decisions"] = "Leadership's decisions about a pilot, recorded by reviewers beside the recommendation.",
        ["Reports"] = "The go/no-go report of one assessment as a PDF or a Word document.",
        ["Portfolio"] = "Every pilot as the dashboard shows it, its figures and its exports: for reviewers and admins.",
        ["After launch"] = "A pilot after go-live: its monitoring plan, the owner's check-ins, the production system's daily figures, alarms, health and outcome.",
        ["Calibration"] = "Whether the warnings before the pilots came true, over the organisation's own outcomes: for reviewers and admins.",
    };

    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(Describe);
            options.AddOperationTransformer(DeclareFromMetadata);
            options.AddOperationTransformer(AddIfMatch);
            options.AddDocumentTransformer(ProblemBodies);
        });

    /// <summary>The document's description, servers, tags and the two ways to sign in.</summary>
    private static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "PilotReadiness API";
        document.Info.Description =
            "Assess whether a proposed AI pilot is ready: the questionnaire, assessments, answers and the readiness score, " +
            "leadership's decisions and the portfolio. Sign in with POST /api/auth/login and send the bearer token it " +
            "returns; a browser signed in on the pages sends the sign-in cookie instead. Errors are ProblemDetails.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };

        // Paths are relative to where the document is served (the app's path base, or "/"): a client uses the address it
        // read the document from, behind a proxy too, rather than a host name the app can only guess.
        var pathBase = document.Servers?.Select(s => Uri.TryCreate(s.Url, UriKind.Absolute, out var url) ? url.AbsolutePath.TrimEnd('/') : null)
            .FirstOrDefault(p => p is not null);
        document.Servers = [new OpenApiServer { Url = string.IsNullOrEmpty(pathBase) ? "/" : pathBase, Description = "This server." }];

        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken from POST /api/auth/login (valid for an hour; POST /api/auth/refresh renews it).",
        });
        document.AddComponent<IOpenApiSecurityScheme>(CookieScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = CurrentSessions.CookieName,
            Description = "The sign-in cookie of the pages, or of POST /api/auth/login?useCookies=true.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(IngestionKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = LiveEndpoints.KeyHeader,
            Description = "A live pilot's ingestion key (prk_...), issued on its keys page or by POST /api/live/{pilotId}/keys. It posts that pilot's daily figures and nothing else.",
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// What the endpoint's metadata says it can answer besides its own results: 401 and the security schemes unless it
    /// is open to everyone, 403 (a role, or the two-step verification an organisation may require), 429 under a rate limit, 400/413/415 for a JSON body, and
    /// 404 when a route value does not match its constraint. Query parameters are named as clients send them.
    /// </summary>
    private static Task DeclareFromMetadata(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<OperationIdMetadata>().LastOrDefault() is { } id)
        {
            operation.OperationId = id.OperationId;
        }

        if (metadata.OfType<IngestionKeyMetadata>().Any())
        {
            // No person signs in: the production system sends the pilot's ingestion key.
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(IngestionKeyScheme, context.Document)] = [] }];
            Declare(operation, StatusCodes.Status401Unauthorized, "No ingestion key, or one that is unknown, revoked or replaced.");
            Declare(operation, StatusCodes.Status403Forbidden, "The ingestion key of another pilot.");
        }
        else if (metadata.OfType<IAllowAnonymous>().Any())
        {
            // Open to everyone: an empty requirement says so (the document's default is to sign in).
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
            ];
            Declare(operation, StatusCodes.Status401Unauthorized, "Not signed in, or the session has ended.");
            Declare(operation, StatusCodes.Status403Forbidden, metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null)
                ? "Signed in without the role this needs, or without the two-step verification the organisation requires."
                : "Signed in without the two-step verification the organisation requires of reviewers and admins.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            var tooMany = Declare(operation, StatusCodes.Status429TooManyRequests, "Too many requests: wait the seconds Retry-After says.");
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }

        if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
        {
            Declare(operation, StatusCodes.Status400BadRequest, "The body could not be read or a field is not valid: errors names each.");
            Declare(operation, StatusCodes.Status413PayloadTooLarge, "The body is too large.");
            Declare(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json.");
        }

        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query && (p.Required || !IsText(p.Schema))) == true)
        {
            Declare(operation, StatusCodes.Status400BadRequest, "A query value is missing or is not of its type.");
        }

        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true || metadata.OfType<ChangesAssessmentMetadata>().Any())
        {
            Declare(operation, StatusCodes.Status404NotFound, "Not found, or not visible to you.");
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name is not null))
        {
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Changes to an assessment (<see cref="AssessmentChanges.ChangesAssessment"/>) read the route's <c>{id}</c> in their
    /// filter, not as a handler parameter, and take If-Match with the ETag read.
    /// </summary>
    private static Task AddIfMatch(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ChangesAssessmentMetadata>().FirstOrDefault() is { } change)
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == "id"))
            {
                operation.Parameters.Insert(0, new OpenApiParameter
                {
                    Name = "id",
                    In = ParameterLocation.Path,
                    Required = true,
                    Description = "The assessment's id.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                });
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = change.IfMatchRequired,
                Description = change.IfMatchRequired
                    ? "The assessment's ETag as last read. Required: without it the change is refused (428); a stale one gets 412."
                    : "The assessment's ETag as last read; a stale one gets 412 and nothing changes.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Every error the API answers carries a ProblemDetails body (the status-code pages write one when the endpoint
    /// wrote none), so an error declared without a body gets that one.
    /// </summary>
    private static async Task ProblemBodies(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        IOpenApiSchema? problem = null;
        foreach (var operation in (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value))
        {
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is OpenApiResponse declared && status.StartsWith('4') && declared.Content is not { Count: > 0 })
                {
                    problem ??= await ProblemSchemaAsync(document, context, ct);
                    declared.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        [ProblemJson] = new OpenApiMediaType { Schema = problem },
                    };
                }
            }
        }
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        const string name = nameof(ProblemDetails);
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        }

        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>
    /// A schema made inline with <c>GetOrCreateSchemaAsync</c> loses the nullability of its object-typed properties
    /// (a referenced schema would carry it as <c>oneOf</c> with null): puts it back from <paramref name="type"/>'s
    /// nullable annotations, through lists and nested objects.
    /// </summary>
    public static IOpenApiSchema WithNullableObjects(this IOpenApiSchema schema, Type type)
    {
        var nullability = new System.Reflection.NullabilityInfoContext();
        Mark(schema, type);
        return schema;

        void Mark(IOpenApiSchema node, Type of)
        {
            if (node is not OpenApiSchema { Properties: { } properties })
            {
                return;
            }

            foreach (var property in of.GetProperties())
            {
                if (!properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var child) || child is not OpenApiSchema inline)
                {
                    continue;
                }

                var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var item]
                    && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType) ? item : null;
                if (element is not null && inline.Items is { } items)
                {
                    Mark(items, element);
                }
                else if (inline.Properties is { Count: > 0 })
                {
                    Mark(inline, property.PropertyType);
                    if (nullability.Create(property).ReadState == System.Reflection.NullabilityState.Nullable)
                    {
                        inline.Type = (inline.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null;
                    }
                }
            }
        }
    }

    private static bool IsText(IOpenApiSchema? schema) => schema?.Type is { } type && (type & ~JsonSchemaType.Null) == JsonSchemaType.String;

    /// <summary>Declares <paramref name="status"/> unless the endpoint already does; returns the declared response.</summary>
    private static OpenApiResponse Declare(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse response)
        {
            return response;
        }

        response = new OpenApiResponse { Description = description };
        operation.Responses[key] = response;
        return response;
    }
}
