namespace PilotReadiness.Web.Hosting;

/// <summary>
/// A request the client abandoned (a tab closed, a link clicked before the page finished loading) ends with the work
/// cancelled on <see cref="HttpContext.RequestAborted"/>. That is not a server error: it is logged at Information and
/// answered 499 ("client closed request", as nginx calls it), which nobody receives but the request log and the
/// metrics record, instead of an error with a stack trace and a 500. Any other exception goes on to the error handlers.
/// </summary>
public static class ClientGone
{
    /// <summary>The status a request the client abandoned is recorded with.</summary>
    public const int StatusCode = 499;

    /// <summary>Sits just inside the request log, so the log line carries 499 and no exception.</summary>
    public static IApplicationBuilder UseClientGone(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientGone));
            logger.LogInformation("The client went away before {Method} {Path} was answered; the work was cancelled",
                context.Request.Method, context.Request.Path.Value);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCode;
            }
        }
    });
}
