namespace PilotReadiness.Web.Api;

public static class ApiRequests
{
    /// <summary>True for the JSON API (<c>/api/...</c>): it answers errors with ProblemDetails, where pages show a page.</summary>
    public static bool IsApi(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api");
    }
}
