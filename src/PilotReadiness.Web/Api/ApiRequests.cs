using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Api;

public static class ApiRequests
{
    /// <summary>True for the JSON API (<c>/api/...</c>): it answers errors with ProblemDetails, where pages show a page.</summary>
    public static bool IsApi(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api");
    }

    /// <summary>
    /// A query-string value with a control character or broken Unicode answers 400 before any endpoint sees it: the API
    /// with a ProblemDetails naming each such parameter, a page with the "could not be read" page. No parameter of the
    /// app takes such text, and the database refuses a NUL, so one rule here keeps every endpoint's search, id and code
    /// parameters from turning it into a server error.
    /// </summary>
    public static IApplicationBuilder UsePlainQueryText(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var refused = context.Request.Query
            .Where(pair => !TextRules.IsClean(pair.Key, multiline: false) || pair.Value.Any(v => !TextRules.IsClean(v, multiline: false)))
            .Select(pair => TextRules.IsClean(pair.Key, multiline: false) ? pair.Key : "query")
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(name => name, _ => new[] { TextRules.InvalidCharactersMessage }, StringComparer.Ordinal);
        if (refused.Count == 0)
        {
            await next(context);
        }
        else if (context.Request.IsApi())
        {
            await TypedResults.ValidationProblem(refused, title: "Some query parameters are not plain text").ExecuteAsync(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    });
}
