using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Data-protection keys live in the database, so every instance of the app behind a load balancer reads the sign-in
/// cookies and bearer tokens the others issued.
/// </summary>
public sealed class SharedSignInTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task SignIn_DataProtectionKeyIsStoredInTheDatabase()
    {
        await TestUsers.LoginAsync(App, TestUsers.Sponsor);

        await using var scope = App.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("<key ", key.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondInstance_AcceptsTheFirstInstancesCookieAndBearerToken()
    {
        var cookie = await SignInCookieAsync(App, TestUsers.Sponsor);
        var token = await TestUsers.LoginAsync(App, TestUsers.Sponsor);
        await using var second = NewHost();
        using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.NotSame(App.Services, second.Services);

        using var withoutCookie = await client.GetAsync(new Uri("/assessments", UriKind.Relative));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/assessments");
        page.Headers.Add("Cookie", cookie);
        using var withCookie = await client.SendAsync(page);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/assessments");
        api.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var withToken = await client.SendAsync(api);

        Assert.Equal(HttpStatusCode.Found, withoutCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Contains(TestUsers.Sponsor.Email, await withCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    /// <summary>Signs in through the sign-in page of <paramref name="app"/>; returns the Cookie header the browser would send.</summary>
    private static async Task<string> SignInCookieAsync(WebApplicationFactory<Program> app, TestUser user)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var signedIn = await SecurityUsers.SignInByHandAsync(client, user.Email);

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var cookie = SecurityUsers.CookiesOf(signedIn);
        Assert.Contains("PilotReadiness.Auth=", cookie, StringComparison.Ordinal);
        return cookie;
    }
}
