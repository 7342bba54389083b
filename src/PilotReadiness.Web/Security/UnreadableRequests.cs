using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace PilotReadiness.Web.Security;

/// <summary>
/// An API request whose parameters could not be bound (a body that is not the expected JSON object, a missing required
/// query value) answers 400 with a ProblemDetails that says which parameter and why, in every environment. Minimal API
/// endpoints throw <see cref="BadHttpRequestException"/> for these (<c>RouteHandlerOptions.ThrowOnBadRequest</c> is on
/// everywhere, see <see cref="SecuritySetup"/>), and this handler turns it into the answer; without it Development
/// answered 500 and other environments a 400 that did not say what was wrong. Pages keep their own error pages.
/// </summary>
public sealed class UnreadableRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Title = "The request could not be read";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || !httpContext.Request.Path.StartsWithSegments("/api") || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = Title,
                Detail = Describe(bad),
            },
        });
    }

    /// <summary>
    /// What the framework says about the parameter (e.g. <c>Failed to read parameter "LoginRequest login" from the request
    /// body as JSON.</c>) and, for JSON, where and why it failed; never a stack trace.
    /// </summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: var path } json => $"{bad.Message} {JsonProblem(json)} (at {(string.IsNullOrEmpty(path) ? "$" : path)}).",
        _ => bad.Message,
    };

    private static string JsonProblem(JsonException json) =>
        json.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? "Required fields are missing: " + RequiredFields(json.Message)
            : json.Message.Contains("could not be converted", StringComparison.Ordinal)
                ? "The body must be a JSON object with the documented fields"
                : "The JSON is not valid: check quotes, commas and value types";

    /// <summary>The names in System.Text.Json's "missing required properties including: 'email', 'password'."</summary>
    private static string RequiredFields(string message)
    {
        var at = message.IndexOf("including:", StringComparison.Ordinal);
        return at < 0 ? "see the API reference" : message[(at + "including:".Length)..].Trim().TrimEnd('.');
    }
}
