using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>Security headers on every page; sign-in and API rate limits answer 429 with Retry-After.</summary>
public sealed class HeadersAndLimitsTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task EveryPage_SendsCspWithoutInlineScriptAndTheOtherSecurityHeaders()
    {
        var world = await AuthorizationMatrixTests.ArrangeAsync(App, Client);
        var pages = AuthorizationMatrixTests.Matrix.Keys
            .Where(k => k.StartsWith("GET /", StringComparison.Ordinal) && !k.StartsWith("GET /api/", StringComparison.Ordinal)
                && !k.StartsWith("GET /openapi/", StringComparison.Ordinal))
            .Select(k => AuthorizationMatrixTests.UrlFor(k["GET ".Length..], world))
            .Concat(["/no-such-page", $"/assessments/{Guid.NewGuid()}/results", "/api/docs", "/api/docs/v1"])
            .ToList();
        using var owner = new PageSession(App, TestUsers.Sponsor);
        (await owner.GetAsync("/")).Expect(HttpStatusCode.OK); // signs in
        using var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var wrong = new List<string>();

        foreach (var (who, client) in new[] { ("owner", owner.Client), ("anonymous", anonymous) })
        {
            foreach (var url in pages)
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                wrong.AddRange(HeaderProblems(response, url).Select(problem => $"{who} GET {url} ({(int)response.StatusCode}): {problem}"));
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task HttpsResponse_OutsideDevelopment_CarriesHsts()
    {
        // HSTS is never sent for localhost (so a developer's browser is not pinned to HTTPS), hence a real-looking host.
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://pilotreadiness.example"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", Header(response, "Strict-Transport-Security") ?? "(none)", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiLogin_FourthAttemptInAMinute_Answers429WithRetryAfter()
    {
        await using var host = NewHost(builder => builder.UseSetting("RateLimits:SignInPerMinute", "3"));
        using var client = host.CreateClient();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var refused = await PostLoginAsync(client);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await PostLoginAsync(client);

        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        AssertRetryAfter(limited);
    }

    [Fact]
    public async Task SignInPage_FourthPostInAMinute_Answers429WithRetryAfter()
    {
        await using var host = NewHost(builder => builder.UseSetting("RateLimits:SignInPerMinute", "3"));
        using var browser = new PageSession(host);
        var form = (await browser.GetAsync("/account/login")).Expect(HttpStatusCode.OK).Form()
            .Set("Input.Email", "nobody@security.test").Set("Input.Password", "not-the-password-at-all");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var refused = await PostFormAsync(browser, form);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var limited = await PostFormAsync(browser, form);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfter(limited);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await browser.GetAsync("/account/login")).Expect(HttpStatusCode.OK); // reading the page is not an attempt
    }

    [Fact]
    public async Task Api_SixthRequestInAMinute_Answers429WithRetryAfterAndProblemDetails()
    {
        await using var host = NewHost(builder => builder.UseSetting("RateLimits:ApiPerMinute", "5"));
        using var client = host.CreateClient().Authorize(await TestUsers.LoginAsync(App, TestUsers.Reviewer));

        for (var request = 1; request <= 5; request++)
        {
            using var allowed = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        var problem = await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        AssertRetryAfter(limited);
    }

    /// <summary>What is wrong with a page's security headers (docs/security.md: XSS, clickjacking, MIME sniffing, referrers).</summary>
    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response, string url)
    {
        if (!response.Headers.TryGetValues("Content-Security-Policy", out var values))
        {
            yield return "no Content-Security-Policy";
        }
        else
        {
            var directives = string.Join(";", values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToDictionary(d => d[0], d => d[1..], StringComparer.OrdinalIgnoreCase);
            var docs = url.StartsWith("/api/docs", StringComparison.Ordinal);
            if (!directives.TryGetValue("script-src", out var scripts))
            {
                yield return "CSP has no script-src";
            }
            else if (!docs && !scripts.SequenceEqual(["'self'"]))
            {
                yield return $"script-src is '{string.Join(' ', scripts)}', not only 'self' (no 'unsafe-inline')";
            }

            if (!directives.TryGetValue("frame-ancestors", out var frames) || !frames.SequenceEqual(["'none'"]))
            {
                yield return "CSP frame-ancestors is not 'none'";
            }
        }

        if (Header(response, "X-Content-Type-Options") != "nosniff")
        {
            yield return "X-Content-Type-Options is not nosniff";
        }

        if (Header(response, "Referrer-Policy") != "strict-origin-when-cross-origin")
        {
            yield return "Referrer-Policy is not strict-origin-when-cross-origin";
        }

        if (Header(response, "X-Frame-Options") != "DENY")
        {
            yield return "X-Frame-Options is not DENY";
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        Assert.True(retryAfter?.Delta is not null, $"429 without a Retry-After in seconds: {response.Headers}");
        Assert.InRange(retryAfter.Delta.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@security.test", password = "not-the-password-at-all" });

    private static async Task<HttpResponseMessage> PostFormAsync(PageSession browser, HtmlForm form)
    {
        using var content = new FormUrlEncodedContent(form.Fields);
        return await browser.Client.PostAsync(new Uri(form.Action, UriKind.Relative), content);
    }
}
