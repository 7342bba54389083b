using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Api;

public static class QuestionnaireEndpoints
{
    public static IEndpointRouteBuilder MapQuestionnaireEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/questionnaire", (IQuestionnaireCatalog catalog) => TypedResults.Ok(catalog.Current.Questionnaire.ToDto()))
            .WithName("GetQuestionnaire")
            .WithTags("Questionnaire")
            .WithSummary("The current questionnaire version: sections, weights, questions, options and points.")
            .RequireRateLimiting(Security.SecuritySetup.ApiLimit);

        var versions = app.MapGroup("/api/questionnaires").WithTags("Questionnaire versions").RequireRateLimiting(Security.SecuritySetup.ApiLimit);
        versions.MapGet("/schema", () => TypedResults.Text(DefinitionSchema.Text, "application/schema+json"))
            .AllowAnonymous()
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/schema+json")
            .WithName("GetQuestionnaireSchema")
            .WithSummary("The JSON Schema of a questionnaire version's file, as exported and imported.");
        versions.MapGet("/{version:int}", Export).RequireAuthorization(Policies.Admin)
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .WithName("ExportQuestionnaireVersion")
            .WithSummary("A published version (or the draft) as a JSON file: its sections, questions, points and scoring. Admins.");
        versions.MapPost("/draft", Import).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("ImportQuestionnaireDraft")
            .WithSummary("Make the draft from a version's JSON file; 400 naming every problem (nothing stored), 409 while a draft exists. Admins.");
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Export(int version, AppDbContext db, CancellationToken ct)
    {
        var row = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(q => q.Version == version, ct);
        return row is null ? TypedResults.NotFound() : TypedResults.Text(row.Definition, "application/json");
    }

    private static async Task<Results<Created, ValidationProblem, ProblemHttpResult>> Import(
        HttpContext http, QuestionnaireDrafts drafts, CancellationToken ct)
    {
        if (http.Request.ContentLength > DefinitionSchema.MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large",
                detail: $"A questionnaire file is at most {DefinitionSchema.MaxBytes / 1024} KB.");
        }

        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var outcome = await drafts.ImportAsync(json, http.User.Identity?.Name ?? "An admin", ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/questionnaires/{outcome.Draft!.Version}"),
            DraftRefusal.Invalid => TypedResults.ValidationProblem(
                outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                title: "The file was not imported; nothing was stored."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A draft exists", detail: outcome.Message),
        };
    }
}
