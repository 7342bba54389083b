using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Api;

public static class QuestionnaireEndpoints
{
    public static IEndpointRouteBuilder MapQuestionnaireEndpoints(this IEndpointRouteBuilder app)
    {
        var dto = QuestionnaireCatalog.Current.ToDto();
        app.MapGet("/api/questionnaire", () => TypedResults.Ok(dto))
            .WithName("GetQuestionnaire")
            .WithTags("Questionnaire")
            .WithSummary("The current questionnaire version: sections, weights, questions, options and points.")
            .RequireRateLimiting(Security.SecuritySetup.ApiLimit);
        return app;
    }
}
