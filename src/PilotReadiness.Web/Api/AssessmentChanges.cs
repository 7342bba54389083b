using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Assessments;

namespace PilotReadiness.Web.Api;

/// <summary>Marks an endpoint that changes the assessment of its route's <c>{id}</c>; read by the OpenAPI document.</summary>
public sealed record ChangesAssessmentMetadata(AssessmentAction Action, bool IfMatchRequired);

/// <summary>
/// The API's side of <see cref="AssessmentAccess"/>: an endpoint filter that lets a change through the door before its
/// handler runs (the handler reads <see cref="AssessmentAccess.Loaded"/>), and the one translation of a refusal into
/// ProblemDetails.
/// </summary>
public static class AssessmentChanges
{
    /// <summary>
    /// Loads the route's assessment for <paramref name="action"/> through the door, honouring If-Match (required:
    /// 428 without it), and answers the refusal as ProblemDetails instead of running the handler.
    /// </summary>
    public static RouteHandlerBuilder ChangesAssessment(this RouteHandlerBuilder endpoint, AssessmentAction action, bool ifMatchRequired = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = Guid.Parse((string)http.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
            var result = await http.RequestServices.GetRequiredService<AssessmentAccess>().ForChangeAsync(
                http.User, id, action, Precondition.FromIfMatch(http.Request.Headers.IfMatch, ifMatchRequired), http.RequestAborted);
            return result.Refusal is { } refusal ? refusal.ToProblem() : await next(context);
        });
        endpoint.WithMetadata(new ChangesAssessmentMetadata(action, ifMatchRequired))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        if (ifMatchRequired)
        {
            endpoint.ProducesProblem(StatusCodes.Status428PreconditionRequired);
        }

        return endpoint;
    }

    /// <summary>A refusal as the API answers it.</summary>
    public static ProblemHttpResult ToProblem(this AccessRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var current = refusal.CurrentVersion is { } v ? ETagFor(v) : null;
        return refusal.Reason switch
        {
            AccessRefusalReason.NotFound => Problem(StatusCodes.Status404NotFound, "Not found",
                refusal.Message ?? "There is no such assessment, or you may not see it."),
            AccessRefusalReason.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not yours to change",
                refusal.Message ?? "Only the assessment's owner and collaborators (as sponsors) may change it; reviewers record decisions."),
            AccessRefusalReason.PreconditionRequired => Problem(StatusCodes.Status428PreconditionRequired, "Send If-Match",
                $"Send If-Match with the assessment's ETag{(current is null ? "" : $" (now {current})")}, so that this change never replaces one you have not seen."),
            AccessRefusalReason.Stale => Problem(StatusCodes.Status412PreconditionFailed, "The assessment changed since you read it",
                $"Someone saved a newer version{(current is null ? "" : $" ({current})")}. Nothing was changed: read it again, then re-apply your change."),
            AccessRefusalReason.Superseded => Problem(StatusCodes.Status409Conflict, "A newer version exists", refusal.Message),
            AccessRefusalReason.WrongState => Problem(StatusCodes.Status409Conflict, "Not possible in this status", refusal.Message),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Reason, "Unknown refusal."),
        };
    }

    /// <summary>The domain's field errors as a 400 ValidationProblem keyed by the JSON field.</summary>
    public static ValidationProblem ToValidationProblem(this IEnumerable<FieldError> errors, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal), title: title);
    }

    public static string ETagFor(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static string ETagFor(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return ETagFor(assessment.Version);
    }

    public static void SetETag(this HttpContext http, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = ETagFor(assessment);
    }

    /// <summary>A result the JSON body reader or a validator produced, as a problem of the handler's result union.</summary>
    public static ProblemHttpResult AsProblem(this IResult result) => result switch
    {
        ProblemHttpResult p => p,
        ValidationProblem v => TypedResults.Problem(v.ProblemDetails),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unexpected result type."),
    };

    private static ProblemHttpResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
