using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PilotReadiness.Web.Api;

namespace PilotReadiness.Web.Data;

/// <summary>
/// Answers 503 with <c>Retry-After</c> when a request failed because the database could not be reached
/// (<see cref="DbErrors.IsUnavailable"/>), wherever that happened: a ProblemDetails for the API, the "back in a moment"
/// page for people. Every other exception is left to the usual handlers, which answer 500.
/// The page is a static file (<c>wwwroot/unavailable.html</c>), not a Razor page: showing it must not need the
/// database, and re-running the pipeline for a Razor page would check a signed-in person's session there again. It is
/// sent from a copy embedded in the assembly, so a web root that is missing or elsewhere cannot turn the 503 into a 500.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(DatabaseUnavailableHandler).Assembly.GetManifestResourceStream("PilotReadiness.Web.unavailable.html")
            ?? throw new InvalidOperationException("The embedded page unavailable.html is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!DbErrors.IsUnavailable(exception))
        {
            return false;
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (httpContext.Request.IsApi())
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The database is unavailable",
                    Detail = $"The service cannot reach its database just now. Try again in {RetryAfterSeconds} seconds.",
                },
            });
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.Body.WriteAsync(Page.Value, cancellationToken);
        return true;
    }
}
