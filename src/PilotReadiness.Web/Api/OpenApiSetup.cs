using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PilotReadiness.Web.Api;

/// <summary>The OpenAPI document: its description, and what endpoint metadata says that the generator does not show.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddAppOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "PilotReadiness API";
                document.Info.Description = "Assess whether a proposed AI pilot is ready: the questionnaire, assessments, answers and the readiness score.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(AddIfMatch);
        });

    /// <summary>Changes to an assessment (<see cref="AssessmentChanges.ChangesAssessment"/>) take If-Match with the ETag read.</summary>
    private static Task AddIfMatch(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ChangesAssessmentMetadata>().FirstOrDefault() is { } change)
        {
            operation.Parameters ??= [];
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
}
