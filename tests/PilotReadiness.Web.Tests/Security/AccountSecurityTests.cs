using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Pages.Account;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>Guessing passwords, forged and expired tokens, closed sign-up (docs/security.md, "Attacks and what stops them").</summary>
public sealed class AccountSecurityTests(PostgresAppFactory app) : SecurityTest(app)
{
    private const string WrongPassword = "not-the-password-at-all";

    [Fact]
    public async Task ApiLogin_FiveWrongPasswords_LockTheAccountSoTheRightPasswordFailsToo()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        using var client = App.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await LoginAsync(client, user.Email, WrongPassword);
            var problem = await wrong.ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(attempt < 5 ? "Failed" : "LockedOut", problem.GetProperty("detail").GetString());
        }

        using var sixth = await LoginAsync(client, user.Email, TestUsers.Password);

        var refused = await sixth.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("LockedOut", refused.GetProperty("detail").GetString());
        Assert.False(refused.TryGetProperty("accessToken", out _));
        var account = await SecurityUsers.FindAsync(App.Services, user.Email);
        Assert.NotNull(account?.LockoutEnd);
        Assert.InRange(account.LockoutEnd.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
    }

    [Fact]
    public async Task SignInPage_LockedOutAccount_ShowsTheLockoutMessageEvenForTheRightPassword()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        using var client = App.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var _ = await LoginAsync(client, user.Email, WrongPassword);
        }

        using var browser = new PageSession(App);
        var page = await (await browser.GetAsync("/account/login")).Expect(HttpStatusCode.OK).Form()
            .Set("Input.Email", user.Email).Set("Input.Password", TestUsers.Password).SubmitAsync();

        page.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(LoginModel.LockedOut, page.TextOf(".error-summary"), StringComparison.Ordinal);
        var home = await browser.GetAsync("/");
        Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), home.RedirectLocation()).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_GetTheSameAnswer()
    {
        using var client = App.CreateClient();
        using var unknown = await LoginAsync(client, "nobody-here@security.test", WrongPassword);
        using var wrong = await LoginAsync(client, TestUsers.OtherSponsor.Email, WrongPassword);
        Assert.Equal((await unknown.ReadProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(),
            (await wrong.ReadProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());

        using var browser = new PageSession(App);
        var unknownPage = await (await browser.GetAsync("/account/login")).Form()
            .Set("Input.Email", "nobody-here@security.test").Set("Input.Password", WrongPassword).SubmitAsync();
        var wrongPage = await (await browser.GetAsync("/account/login")).Form()
            .Set("Input.Email", TestUsers.OtherSponsor.Email).Set("Input.Password", WrongPassword).SubmitAsync();
        Assert.Equal(LoginModel.WrongCredentials, unknownPage.Expect(HttpStatusCode.BadRequest).TextOf(".error-summary li"));
        Assert.Equal(LoginModel.WrongCredentials, wrongPage.Expect(HttpStatusCode.BadRequest).TextOf(".error-summary li"));

        // Clear the failed attempt so the shared sponsor account never drifts towards a lockout.
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await users.ResetAccessFailedCountAsync((await users.FindByEmailAsync(TestUsers.OtherSponsor.Email))!);
    }

    [Fact]
    public async Task BearerToken_FromLogin_OpensTheApiAndExpiresInAnHour()
    {
        using var anonymous = App.CreateClient();
        using var login = await LoginAsync(anonymous, TestUsers.Reviewer.Email, TestUsers.Password);
        var tokens = await login.ReadJsonAsync(HttpStatusCode.OK);
        using var client = App.CreateClient().Authorize(tokens.GetProperty("accessToken").GetString()!);

        using var response = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal(3600, tokens.GetProperty("expiresIn").GetInt32());
    }

    [Fact]
    public async Task BearerToken_RandomString_Answers401()
    {
        using var client = App.CreateClient().Authorize(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(300)));

        using var response = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task BearerToken_OneCharacterChanged_Answers401(double where)
    {
        var token = await TestUsers.LoginAsync(App, TestUsers.Sponsor);
        var at = (int)(token.Length * where);
        var forged = string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
        using var genuine = App.CreateClient().Authorize(token);
        using var client = App.CreateClient().Authorize(forged);

        using var accepted = await genuine.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        using var response = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BearerToken_Expired_Answers401()
    {
        await using var host = NewHost(builder => builder.ConfigureTestServices(services =>
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromSeconds(1))));
        using (var warm = host.CreateClient())
        {
            using var _ = await warm.GetAsync(new Uri("/healthz", UriKind.Relative)); // start the host before the clock matters
        }

        var token = await TestUsers.LoginAsync(host, TestUsers.Sponsor);
        using var client = host.CreateClient().Authorize(token);
        using var fresh = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var expired = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Register_SignUpIsClosed_Answers404AndCreatesNoAccount()
    {
        var email = NewEmail("stranger");
        using var client = App.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "a-long-enough-password" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await SecurityUsers.FindAsync(App.Services, email));
    }

    [Fact]
    public async Task RefreshToken_GivesANewAccessTokenThatWorks()
    {
        using var anonymous = App.CreateClient();
        using var login = await LoginAsync(anonymous, TestUsers.Reviewer.Email, TestUsers.Password);
        var tokens = await login.ReadJsonAsync(HttpStatusCode.OK);

        using var refresh = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });

        var renewed = await refresh.ReadJsonAsync(HttpStatusCode.OK);
        var access = renewed.GetProperty("accessToken").GetString()!;
        Assert.False(string.IsNullOrEmpty(renewed.GetProperty("refreshToken").GetString()));
        using var client = App.CreateClient().Authorize(access);
        using var response = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_Forged_Answers401()
    {
        using var anonymous = App.CreateClient();

        using var refresh = await anonymous.PostAsJsonAsync("/api/auth/refresh",
            new { refreshToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(300)) });

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });
}
