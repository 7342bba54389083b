using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Pages.Account;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>The sign-in cookie's flags, where signing in may send people, and what ends a session.</summary>
public sealed class SessionTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task SignInCookie_IsHttpOnlyAndSameSiteLax()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var signedIn = await SecurityUsers.SignInByHandAsync(client, TestUsers.Sponsor.Email, "/");

        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("PilotReadiness.Auth=", StringComparison.Ordinal));
        var flags = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Contains("httponly", flags, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", flags, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead(string returnUrl)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var signedIn = await SecurityUsers.SignInByHandAsync(client, TestUsers.Sponsor.Email, returnUrl);

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnThisSite_IsFollowed()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var signedIn = await SecurityUsers.SignInByHandAsync(client, TestUsers.Sponsor.Email, "/assessments?status=draft");

        Assert.Equal("/assessments?status=draft", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PasswordResetLink_EndsTheAccountsOtherSessions()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        using var stolen = new PageSession(App, user);
        (await stolen.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        using var stolenApi = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .Authorize(await TestUsers.LoginAsync(App, user));

        // The owner of the mailbox follows a reset link and chooses a new password.
        using var owner = new PageSession(App);
        var reset = await (await owner.GetAsync(await ResetLinkAsync(user.Email))).Expect(HttpStatusCode.OK).Form()
            .Set("Input.NewPassword", "a-brand-new-passphrase").Set("Input.ConfirmPassword", "a-brand-new-passphrase").SubmitAsync();
        Assert.Equal("/account/login", reset.RedirectLocation());

        await AssertSessionsEndedAsync(stolen, stolenApi);
    }

    [Fact]
    public async Task PasswordResetLink_RefusesTheAccountsRefreshTokens()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        using var client = App.CreateClient();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestUsers.Password });
        var refreshToken = (await login.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("refreshToken").GetString();

        using var owner = new PageSession(App);
        var reset = await (await owner.GetAsync(await ResetLinkAsync(user.Email))).Expect(HttpStatusCode.OK).Form()
            .Set("Input.NewPassword", "a-brand-new-passphrase").Set("Input.ConfirmPassword", "a-brand-new-passphrase").SubmitAsync();
        Assert.Equal("/account/login", reset.RedirectLocation());

        using var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task AdminLock_EndsTheLockedPersonsSessions()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var id = await SecurityUsers.IdOfAsync(App.Services, user.Email);
        using var session = new PageSession(App, user);
        (await session.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        using var api = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .Authorize(await TestUsers.LoginAsync(App, user));

        using var admin = new PageSession(App, TestUsers.Admin);
        var locked = await (await admin.GetAsync("/admin/users")).Form($"#{UsersModelRowId(id)} form[action$='handler=Lock']").SubmitAsync();
        Assert.Equal("/admin/users", locked.RedirectLocation());
        using var anonymous = App.CreateClient();
        using var refused = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // the lock itself works for new sign-ins

        await AssertSessionsEndedAsync(session, api);
    }

    /// <summary>The session's next page asks it to sign in again, and the bearer token is refused.</summary>
    private static async Task AssertSessionsEndedAsync(PageSession session, HttpClient api)
    {
        var page = await session.GetAsync("/assessments");
        using var response = await api.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        var problems = new List<string>();
        if (!(page.Status == HttpStatusCode.Found && page.Location!.Contains("/account/login", StringComparison.Ordinal)))
        {
            problems.Add($"the cookie session still works: GET /assessments answered {(int)page.Status}");
        }

        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            problems.Add($"the bearer token still works: GET /api/assessments answered {(int)response.StatusCode}");
        }

        Assert.True(problems.Count == 0, "After the security stamp changed, " + string.Join("; ", problems) + ".");
    }

    private async Task<string> ResetLinkAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!);
        return $"/account/reset-password?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(AccountForms.EncodeCode(token))}";
    }

    private static string UsersModelRowId(string userId) => PilotReadiness.Web.Pages.Admin.UsersModel.RowId(userId);
}
