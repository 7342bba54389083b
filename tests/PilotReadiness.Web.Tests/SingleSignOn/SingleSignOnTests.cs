using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;
using Sso = PilotReadiness.Web.Auth.SingleSignOn;

namespace PilotReadiness.Web.Tests.SingleSignOn;

/// <summary>
/// Signing in through a real OpenID Connect flow: the app and an OpenIddict provider on two Kestrel ports, the code
/// exchanged over HTTP at the provider's token endpoint, claims read from its userinfo endpoint.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnFixture sso) : IClassFixture<SingleSignOnFixture>
{
    [Fact]
    public async Task SignIn_InvitedSponsor_GoesThroughTheProviderAndIsSignedInWithTheAppCookie()
    {
        var app = sso.InvitedOnly;
        using var browser = new Browser();

        var hops = await browser.FollowAsync(app.Url("account/sso/start"), SingleSignOnFixture.Sponsor);

        var trail = string.Join(" | ", hops) + $" | provider refused: {string.Join("; ", sso.Provider.Refusals)}";
        Assert.True(hops.Count == 5, trail);
        Assert.All(hops.Take(4), hop => Assert.True(hop.Status == HttpStatusCode.Found, trail));
        Assert.Equal(sso.Provider.Authority.Authority, hops[0].Location!.Authority);
        Assert.Equal("/connect/authorize", hops[0].Location!.AbsolutePath);
        Assert.Contains("code_challenge_method=S256", hops[0].Location!.Query, StringComparison.Ordinal);
        Assert.Equal(app.Url("signin-oidc").GetLeftPart(UriPartial.Path), hops[1].Location!.GetLeftPart(UriPartial.Path));
        Assert.Contains("code=", hops[1].Location!.Query, StringComparison.Ordinal);
        Assert.Equal(Sso.CompletePath, hops[2].Location!.AbsolutePath);
        Assert.Equal(app.Url("/"), hops[3].Location);
        Assert.Equal(HttpStatusCode.OK, hops[4].Status);

        var cookies = browser.Cookies.GetCookies(app.BaseAddress).Select(c => c.Name).ToList();
        Assert.Contains("PilotReadiness.Auth", cookies);
        Assert.DoesNotContain(IdentityConstants.ExternalScheme, cookies);

        var assessments = await browser.GetAsync(app.Url("assessments"));
        Assert.Equal(HttpStatusCode.OK, assessments.Status);
        Assert.Contains(TestUsers.Sponsor.Email, assessments.Texts("a[title='Your account']"));
        Assert.Contains("New assessment", assessments.Texts("nav a"));

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = await users.FindByEmailAsync(TestUsers.Sponsor.Email);
        var login = Assert.Single(await users.GetLoginsAsync(account!));
        Assert.Equal((Sso.Scheme, SingleSignOnFixture.Sponsor.Subject), (login.LoginProvider, login.ProviderKey));
    }

    [Theory]
    [InlineData("/assessments", "/assessments")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public async Task SignIn_ReturnUrl_IsFollowedOnlyWithinTheSite(string returnUrl, string landsOn)
    {
        var app = sso.InvitedOnly;
        using var browser = new Browser();

        var hops = await browser.FollowAsync(app.Url($"account/sso/start?returnUrl={Uri.EscapeDataString(returnUrl)}"), SingleSignOnFixture.Sponsor);

        Assert.True(hops.Count == 5, string.Join(" | ", hops));
        Assert.Equal(app.Url(landsOn), hops[3].Location);
        Assert.Equal(HttpStatusCode.OK, hops[4].Status);
    }

    [Fact]
    public async Task SignIn_EmailWithoutAccount_IsRefusedWithAMessage_WhenAutoProvisionIsOff()
    {
        var app = sso.InvitedOnly;
        using var browser = new Browser();

        var hops = await browser.FollowAsync(app.Url("account/sso/start?returnUrl=%2Fassessments"), SingleSignOnFixture.Stranger);

        var login = hops[^1];
        Assert.True(login.Status == HttpStatusCode.OK, string.Join(" | ", hops));
        Assert.Equal("/account/login", login.Url.AbsolutePath);
        Assert.Contains($"sso={Sso.Problems.NotInvited}", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains(Sso.Problem(Sso.Problems.NotInvited, SsoApp.DisplayName)!, Assert.Single(login.Texts("[role=alert]")), StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityConstants.ExternalScheme, browser.Cookies.GetCookies(app.BaseAddress).Select(c => c.Name));

        var assessments = await browser.GetAsync(app.Url("assessments"));
        Assert.Equal(HttpStatusCode.Found, assessments.Status);
        Assert.Equal("/account/login", assessments.Location!.AbsolutePath);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByEmailAsync(SingleSignOnFixture.Stranger.Email));
    }

    [Fact]
    public async Task SignIn_EmailWithoutAccount_CreatesAnAccountWithTheDefaultRole_WhenAutoProvisionIsOn()
    {
        var app = sso.AutoProvisioning;
        using var browser = new Browser();

        var hops = await browser.FollowAsync(app.Url("account/sso/start"), SingleSignOnFixture.Newcomer);

        Assert.True(hops.Count == 5 && hops[^1].Status == HttpStatusCode.OK, string.Join(" | ", hops));
        var newAssessment = await browser.GetAsync(app.Url("assessments/new"));
        Assert.Equal(HttpStatusCode.OK, newAssessment.Status);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = await users.FindByEmailAsync(SingleSignOnFixture.Newcomer.Email);
        Assert.NotNull(account);
        Assert.Equal(SingleSignOnFixture.Newcomer.Name, account.DisplayName);
        Assert.True(account.EmailConfirmed);
        Assert.False(await users.HasPasswordAsync(account));
        Assert.Equal([Roles.Sponsor], await users.GetRolesAsync(account));
        Assert.Equal(SingleSignOnFixture.Newcomer.Subject, Assert.Single(await users.GetLoginsAsync(account)).ProviderKey);
    }

    [Fact]
    public async Task SignIn_UnverifiedEmail_IsNotMatchedToTheAccountWithThatEmail()
    {
        var app = sso.InvitedOnly;
        using var browser = new Browser();

        var hops = await browser.FollowAsync(app.Url("account/sso/start"), SingleSignOnFixture.Unverified);

        var login = hops[^1];
        Assert.True(login.Status == HttpStatusCode.OK, string.Join(" | ", hops));
        Assert.Contains($"sso={Sso.Problems.NoEmail}", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains(Sso.Problem(Sso.Problems.NoEmail, SsoApp.DisplayName)!, Assert.Single(login.Texts("[role=alert]")), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Empty(await users.GetLoginsAsync((await users.FindByEmailAsync(TestUsers.OtherSponsor.Email))!));
    }

    [Fact]
    public async Task SignIn_AccountLockedByAnAdmin_StaysLocked()
    {
        var app = sso.InvitedOnly;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var account = new AppUser { UserName = SingleSignOnFixture.Locked.Email, Email = SingleSignOnFixture.Locked.Email, DisplayName = "Lou Locked" };
            Assert.True((await users.CreateAsync(account)).Succeeded);
            await users.AddToRoleAsync(account, Roles.Sponsor);
            await users.SetLockoutEnabledAsync(account, true);
            await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue);
        }

        using var browser = new Browser();
        var hops = await browser.FollowAsync(app.Url("account/sso/start"), SingleSignOnFixture.Locked);

        var login = hops[^1];
        Assert.True(login.Status == HttpStatusCode.OK, string.Join(" | ", hops));
        Assert.Contains($"sso={Sso.Problems.Locked}", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains(Sso.Problem(Sso.Problems.Locked, SsoApp.DisplayName)!, Assert.Single(login.Texts("[role=alert]")), StringComparison.Ordinal);
        Assert.DoesNotContain("PilotReadiness.Auth", browser.Cookies.GetCookies(app.BaseAddress).Select(c => c.Name));
    }

    [Fact]
    public async Task SignIn_ProviderAnswersWithAnError_BackOnTheSignInPageWithAMessageAndTheReturnUrl()
    {
        var app = sso.InvitedOnly;
        using var browser = new Browser();
        var unknownToTheProvider = new ProviderUser("sso-nobody", "nobody@test.local", "No Body");

        var hops = await browser.FollowAsync(app.Url("account/sso/start?returnUrl=%2Fassessments"), unknownToTheProvider);

        Assert.Contains("error=login_required", hops[1].Location!.Query, StringComparison.Ordinal);
        var login = hops[^1];
        Assert.True(login.Status == HttpStatusCode.OK, string.Join(" | ", hops));
        Assert.Equal($"?sso={Sso.Problems.Failed}&returnUrl=%2Fassessments", login.Url.Query);
        Assert.Contains(Sso.Problem(Sso.Problems.Failed, SsoApp.DisplayName)!, Assert.Single(login.Texts("[role=alert]")), StringComparison.Ordinal);
        Assert.DoesNotContain("PilotReadiness.Auth", browser.Cookies.GetCookies(app.BaseAddress).Select(c => c.Name));
    }

    [Fact]
    public async Task SignIn_ReviewerWithTwoFactorWhileTheOrganisationRequiresIt_IsNotAskedForACodeNorSentToEnrol()
    {
        var app = sso.InvitedOnly;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<AppUserManager>();
            db.OrganisationSettings.Add(new OrganisationSettings { RequireTwoFactorForStaff = true, Version = 1 });
            await db.SaveChangesAsync();
            var account = (await users.FindByEmailAsync(TestUsers.Reviewer.Email))!;
            await users.AuthenticatorKeyAsync(account);
            Assert.NotNull(await TwoFactor.TurnOnAsync(db, users, account, CancellationToken.None));
        }

        try
        {
            using var browser = new Browser();
            var hops = await browser.FollowAsync(app.Url("account/sso/start?returnUrl=%2Fportfolio"), SingleSignOnFixture.Reviewer);

            Assert.True(hops.Count == 5 && hops[^1].Status == HttpStatusCode.OK, string.Join(" | ", hops));
            Assert.Equal(app.Url("/portfolio"), hops[^1].Url);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(app.Url("assessments"))).Status);
            var account = await browser.GetAsync(app.Url(TwoFactor.SettingsPath));
            Assert.Equal(HttpStatusCode.OK, account.Status);
            Assert.Contains($"When you sign in with {SsoApp.DisplayName}, {SsoApp.DisplayName} checks who you are", Assert.Single(account.Texts("#sso-note")),
                StringComparison.Ordinal);
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<AppUserManager>();
            db.OrganisationSettings.RemoveRange(db.OrganisationSettings);
            await db.SaveChangesAsync();
            var reviewer = (await users.FindByEmailAsync(TestUsers.Reviewer.Email))!;
            foreach (var step in TwoFactor.TurnOff(users, reviewer))
            {
                await step();
            }
        }
    }

    [Fact]
    public async Task SignInPage_OffersTheProviderByItsDisplayName_KeepingTheReturnUrl()
    {
        using var browser = new Browser();

        var page = await browser.GetAsync(sso.InvitedOnly.Url("account/login?returnUrl=%2Fassessments"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Sign in with {SsoApp.DisplayName}", page.Texts($"a[href='{Sso.StartUrl("/assessments")}']"));
    }
}

/// <summary>Without <c>Authentication:Oidc:Authority</c> there is no single sign-on at all.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class SingleSignOnOffTests(PostgresAppFactory app)
{
    [Fact]
    public async Task WithoutAuthority_TheEndpointsAreNotFoundAndTheSignInPageHasNoButton()
    {
        using var session = new PageSession(app);

        (await session.GetAsync(Sso.StartPath)).Expect(HttpStatusCode.NotFound);
        (await session.GetAsync(Sso.CompletePath)).Expect(HttpStatusCode.NotFound);
        var login = (await session.GetAsync("/account/login")).Expect(HttpStatusCode.OK);
        Assert.Empty(login.Document.QuerySelectorAll($"a[href^='{Sso.StartPath}']"));
        var schemes = app.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetSchemeAsync(Sso.Scheme));
    }
}
