using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Outcomes;

/// <summary>Reading and recording a pilot's outcome through the API.</summary>
internal static class OutcomeSupport
{
    public static string Url(Guid pilotId) => $"/api/live/{pilotId}/outcome";

    /// <summary>The outcomes document and its ETag.</summary>
    public static async Task<(JsonElement Body, string ETag)> GetOutcomesAsync(this HttpClient client, Guid pilotId)
    {
        using var response = await client.GetAsync(new Uri(Url(pilotId), UriKind.Relative));
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        return (body, ApiClientExtensions.ETagOf(response));
    }

    /// <summary>POSTs an outcome with If-Match (none when <paramref name="ifMatch"/> is null).</summary>
    public static async Task<HttpResponseMessage> PostOutcomeAsync(this HttpClient client, Guid pilotId, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(pilotId)) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
