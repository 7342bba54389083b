using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Behind a reverse proxy the rate limits count clients, not the proxy: X-Forwarded-For is believed from a known proxy
/// (<c>ForwardedHeaders:KnownProxies</c>), and ignored from anyone else. The app listens on a real port here, so the
/// sender's address is real (this test is the proxy, on 127.0.0.1).
/// </summary>
public sealed class ForwardedHeadersTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task FromAKnownProxy_SignInLimitCountsEachForwardedClient()
    {
        using var proxy = StartHost("127.0.0.1");

        var first = await SignInAttemptsAsync(proxy, "203.0.113.7", 3);
        var second = await SignInAttemptsAsync(proxy, "203.0.113.8", 1);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.Unauthorized], second);
    }

    [Fact]
    public async Task FromAKnownProxy_OnlyTheNearestEntryCounts_AClientCannotPickItsAddress()
    {
        using var proxy = StartHost("127.0.0.1");

        // What a proxy that appends sends when the client wrote its own X-Forwarded-For: "what it wrote, what it saw".
        var spoofing = new List<HttpStatusCode>();
        for (var made = 1; made <= 3; made++)
        {
            spoofing.AddRange(await SignInAttemptsAsync(proxy, $"198.51.100.{made}, 203.0.113.9", 1));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], spoofing);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData(null)]
    public async Task FromAnyoneElse_XForwardedForIsIgnored_EveryClaimedClientSharesTheSendersLimit(string? knownProxy)
    {
        using var direct = StartHost(knownProxy);

        var first = await SignInAttemptsAsync(direct, "203.0.113.7", 2);
        var second = await SignInAttemptsAsync(direct, "203.0.113.8", 1);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], first);
        Assert.Equal([HttpStatusCode.TooManyRequests], second);
    }

    [Fact]
    public async Task FromAKnownProxy_ForwardedHttps_MakesTheSignInCookieSecure()
    {
        using var proxy = StartHost("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonContent.Create(new { email = TestUsers.Sponsor.Email, password = TestUsers.Password }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.10");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await proxy.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PilotReadiness.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A host on a real port allowing two sign-in attempts a minute, believing forwarded headers from <paramref name="knownProxy"/>.</summary>
    private RunningHost StartHost(string? knownProxy)
    {
        var host = NewHost(builder =>
        {
            builder.UseSetting("RateLimits:SignInPerMinute", "2");
            if (knownProxy is not null)
            {
                builder.UseSetting("ForwardedHeaders:KnownProxies", knownProxy);
            }
        });
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(host, new HttpClient { BaseAddress = new Uri(address) });
    }

    private static async Task<List<HttpStatusCode>> SignInAttemptsAsync(RunningHost host, string forwardedFor, int attempts)
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = "nobody@security.test", password = "not-the-password-at-all" }),
            };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await host.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private sealed record RunningHost(WebApplicationFactory<Program> Host, HttpClient Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Host.Dispose();
        }
    }
}
