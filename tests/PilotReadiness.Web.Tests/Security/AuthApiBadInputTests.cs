using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Security;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Bodies and query strings the Identity API (/api/auth) cannot read answer 400 with a ProblemDetails naming the
/// parameter, in Development as in Production: the framework's binding failure must never surface as a 500.
/// </summary>
public sealed class AuthApiBadInputTests(PostgresAppFactory app) : SecurityTest(app)
{
    /// <summary>Method, address, body (null: none), whether it needs a signed-in caller, and the words the problem must contain.</summary>
    private static readonly (string Method, string Url, string? Body, bool SignedIn, string Names)[] Requests =
    [
        ("POST", "/api/auth/login", "[]", false, "\"LoginRequest login\""),
        ("POST", "/api/auth/login", "{}", false, "'email', 'password'"),
        ("POST", "/api/auth/login", "{\"email\":", false, "\"LoginRequest login\""),
        ("POST", "/api/auth/register", "[]", false, "\"RegisterRequest registration\""),
        ("POST", "/api/auth/refresh", "[]", false, "\"RefreshRequest refreshRequest\""),
        ("POST", "/api/auth/resendConfirmationEmail", "[]", false, "\"ResendConfirmationEmailRequest resendRequest\""),
        ("POST", "/api/auth/forgotPassword", "[]", false, "\"ForgotPasswordRequest resetRequest\""),
        ("POST", "/api/auth/resetPassword", "null", false, "\"ResetPasswordRequest resetRequest\""),
        ("POST", "/api/auth/manage/info", "[]", true, "\"InfoRequest infoRequest\""),
        ("GET", "/api/auth/confirmEmail?code=&userId=", null, false, "\"string userId\""),
    ];

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task IdentityApi_UnreadableRequest_Answers400ProblemNamingTheParameter(string environment)
    {
        await using var host = NewHost(builder => builder.UseEnvironment(environment));
        var token = await TestUsers.LoginAsync(host, TestUsers.OtherSponsor);
        using var client = host.CreateClient();
        var wrong = new List<string>();

        foreach (var (method, url, body, signedIn, names) in Requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (signedIn)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var detail = response.Content.Headers.ContentType?.MediaType == ApiClientExtensions.ProblemJson
                ? JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : ""
                : "";
            if (response.StatusCode != HttpStatusCode.BadRequest
                || response.Content.Headers.ContentType?.MediaType != ApiClientExtensions.ProblemJson
                || !text.Contains(UnreadableRequests.Title, StringComparison.Ordinal)
                || !detail.Contains(names, StringComparison.Ordinal)
                || text.Contains("   at ", StringComparison.Ordinal))
            {
                wrong.Add($"{method} {url} {body}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}: {text}");
            }
        }

        Assert.True(wrong.Count == 0, $"{environment}:\n  {string.Join("\n  ", wrong)}");
        // The hosts were started on the tests' database: Development's demo seeding must not have filled it.
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assessments.CountAsync());
    }

    /// <summary>A NUL cannot be looked up in the database: the field is named with the text rule's message, never a 500.</summary>
    [Theory]
    [InlineData("GET", "/api/auth/confirmEmail?userId=%00&code=abc", null, "userId")]
    [InlineData("POST", "/api/auth/login", "{\"email\":\"a\\u0000@example.com\",\"password\":\"x\"}", "email")]
    [InlineData("POST", "/api/auth/forgotPassword", "{\"email\":\"\\u0000@example.com\"}", "email")]
    [InlineData("POST", "/api/auth/resendConfirmationEmail", "{\"email\":\"a\\u0000\"}", "email")]
    public async Task IdentityApi_TextWithNulOrBrokenUnicode_Answers400NamingTheField(string method, string url, string? body, string field)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal([PilotReadiness.Domain.Questionnaires.TextRules.InvalidCharactersMessage], await response.ReadValidationErrorsAsync(field));
    }
}
