using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Pages.Account;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Two-step verification (docs/security.md, ADR 0008): enrolment on the account page with a first code, the code step
/// of the sign-in page and of the API login, recovery codes used once, lockout, turning it off, the organisation's
/// requirement for reviewers and admins, and Identity's manage/2fa endpoint no longer served. Codes are computed here
/// from the key the enrolment page shows, as an authenticator app would.
/// </summary>
public sealed class TwoFactorTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task Enrol_ShowsKeyAndQrCode_AndTurnsOnOnlyAfterARightFirstCode()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        using var browser = new PageSession(App, user);
        using var elsewhere = new PageSession(App, user);
        (await elsewhere.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        var stamp = (await SecurityUsers.FindAsync(App.Services, user.Email))!.SecurityStamp;

        var page = (await browser.GetAsync(TwoFactor.EnrolPath)).Expect(HttpStatusCode.OK);

        var key = page.TextOf(".shared-key");
        Assert.Matches("^([a-z2-7]{4} ){7}[a-z2-7]{4}$", key);
        var qr = page.Find(".qr-code img");
        Assert.StartsWith("data:image/svg+xml;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Contains("type the key", qr.GetAttribute("alt"), StringComparison.Ordinal);
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(qr.GetAttribute("src")!["data:image/svg+xml;base64,".Length..]));
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        // Opening the page made a key but switched nothing on, so no session ended.
        Assert.Equal(stamp, (await SecurityUsers.FindAsync(App.Services, user.Email))!.SecurityStamp);
        (await elsewhere.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        var wrong = await page.Form().Set("Input.Code", Totp.WrongCode(key)).SubmitAsync();
        wrong.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(TwoFactorEnrolModel.WrongCode, wrong.TextOf(".error-summary"), StringComparison.Ordinal);
        Assert.False((await SecurityUsers.FindAsync(App.Services, user.Email))!.TwoFactorEnabled);

        var done = (await wrong.Form().Set("Input.Code", Spaced(Totp.Code(key))).SubmitAsync()).Expect(HttpStatusCode.OK);

        var codes = done.Texts(".recovery-codes code");
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        Assert.All(codes, code => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", code));
        Assert.True((await SecurityUsers.FindAsync(App.Services, user.Email))!.TwoFactorEnabled);
        // This browser stays signed in; the account's other sessions end.
        Assert.Contains("On", (await browser.GetAsync(TwoFactor.SettingsPath)).Expect(HttpStatusCode.OK).TextOf(".status"), StringComparison.Ordinal);
        Assert.Equal("/account/login", PathOf(await elsewhere.GetAsync("/assessments")));
    }

    [Fact]
    public async Task SignInPage_WithTwoFactor_AsksForTheCodeAfterThePassword_AndRefusesAWrongOne()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, _) = await EnrolAsync(user);
        using var browser = new PageSession(App);

        var codeStep = await SignInWithPasswordAsync(browser, user, "/assessments");
        Assert.Equal("/assessments", new Uri(new Uri("http://localhost"), codeStep.Url).GetQuery("ReturnUrl"));
        Assert.Equal("/account/login", PathOf(await browser.GetAsync("/assessments")));

        var wrong = await codeStep.Form().Set("Input.Code", Totp.WrongCode(key)).SubmitAsync();
        wrong.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(LoginTwoFactorModel.WrongCode, wrong.TextOf(".error-summary li"));

        var signedIn = await wrong.Form().Set("Input.Code", Totp.Code(key)).SubmitAsync();

        Assert.Equal("/assessments", signedIn.RedirectLocation());
        (await browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CodeStep_WithoutThePasswordStep_SendsBackToSignIn()
    {
        using var browser = new PageSession(App);

        var page = await browser.GetAsync(TwoFactor.CodeStepPath);

        Assert.Equal("/account/login", page.RedirectLocation());
        Assert.Equal(LoginTwoFactorModel.Expired, (await browser.FollowAsync(page)).TextOf(".notice-warning[role=alert]"));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_HoweverItIsTyped()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (_, codes) = await EnrolAsync(user);
        using var first = new PageSession(App);
        using var second = new PageSession(App);

        var typed = codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var signedIn = await (await SignInWithPasswordAsync(first, user)).Form().Set("Input.Code", typed).SubmitAsync();
        var again = await (await SignInWithPasswordAsync(second, user)).Form().Set("Input.Code", codes[0]).SubmitAsync();

        Assert.Equal("/", signedIn.RedirectLocation());
        again.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(LoginTwoFactorModel.WrongCode, again.TextOf(".error-summary li"));
        Assert.Equal("9", (await first.GetAsync(TwoFactor.SettingsPath)).Expect(HttpStatusCode.OK).TextOf("#recovery-left"));
    }

    [Fact]
    public async Task NewRecoveryCodes_AreShownOnce_AndTheOldOnesStopWorking()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, old) = await EnrolAsync(user);
        using var browser = await SignedInWithCodeAsync(user, key);

        var page = (await browser.GetAsync(TwoFactor.SettingsPath)).Expect(HttpStatusCode.OK);
        var fresh = (await page.Form("form[action*='handler=RecoveryCodes']").SubmitAsync()).Expect(HttpStatusCode.OK);

        var codes = fresh.Texts(".recovery-codes code");
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        Assert.Empty(codes.Intersect(old));
        Assert.Empty((await browser.GetAsync(TwoFactor.SettingsPath)).Texts(".recovery-codes code"));
        using var other = new PageSession(App);
        (await (await SignInWithPasswordAsync(other, user)).Form().Set("Input.Code", old[1]).SubmitAsync()).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CodeStep_FiveWrongCodes_LockTheAccountLikeWrongPasswords()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, _) = await EnrolAsync(user);
        using var browser = new PageSession(App);
        var page = await SignInWithPasswordAsync(browser, user);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            page = (await page.Form().Set("Input.Code", Totp.WrongCode(key)).SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        }

        var right = await page.Form().Set("Input.Code", Totp.Code(key)).SubmitAsync();

        right.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(LoginModel.LockedOut, right.TextOf(".error-summary"), StringComparison.Ordinal);
        var account = await SecurityUsers.FindAsync(App.Services, user.Email);
        Assert.True(account!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        Assert.Equal("/account/login", PathOf(await browser.GetAsync("/")));
    }

    [Fact]
    public async Task CodeStep_HasTheSignInRateLimit()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, _) = await EnrolAsync(user);
        await using var host = NewHost(builder => builder.UseSetting("RateLimits:SignInPerMinute", "3"));
        using var browser = new PageSession(host);
        var page = await SignInWithPasswordAsync(browser, user); // the first attempt of the minute

        page = (await page.Form().Set("Input.Code", Totp.WrongCode(key)).SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        page = (await page.Form().Set("Input.Code", Totp.WrongCode(key)).SubmitAsync()).Expect(HttpStatusCode.BadRequest);
        var limited = await page.Form().Set("Input.Code", Totp.Code(key)).SubmitAsync();

        limited.Expect(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ApiLogin_WithTwoFactor_NeedsACodeOrARecoveryCode()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, codes) = await EnrolAsync(user);
        using var client = App.CreateClient();

        using var passwordOnly = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = TestUsers.Password });
        using var wrongCode = await client.PostAsJsonAsync("/api/auth/login",
            new { email = user.Email, password = TestUsers.Password, twoFactorCode = Totp.WrongCode(key) });
        using var withCode = await client.PostAsJsonAsync("/api/auth/login",
            new { email = user.Email, password = TestUsers.Password, twoFactorCode = Totp.Code(key) });
        using var withRecovery = await client.PostAsJsonAsync("/api/auth/login",
            new { email = user.Email, password = TestUsers.Password, twoFactorRecoveryCode = codes[2] });
        using var recoveryAgain = await client.PostAsJsonAsync("/api/auth/login",
            new { email = user.Email, password = TestUsers.Password, twoFactorRecoveryCode = codes[2] });

        Assert.Equal("RequiresTwoFactor", (await passwordOnly.ReadProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal("Failed", (await wrongCode.ReadProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        var token = (await withCode.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;
        (await withRecovery.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, recoveryAgain.StatusCode);
        using var api = App.CreateClient().Authorize(token);
        using var list = await api.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task IdentityManageTwoFactorEndpoint_IsNotServed_AndEndsNoSession()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var token = await TestUsers.LoginAsync(App, user);
        using var client = App.CreateClient().Authorize(token);
        var stamp = (await SecurityUsers.FindAsync(App.Services, user.Email))!.SecurityStamp;

        using var response = await client.PostAsJsonAsync("/api/auth/manage/2fa", new { });
        using var enable = await client.PostAsJsonAsync("/api/auth/manage/2fa", new { enable = true, twoFactorCode = "123456" });
        using var document = await App.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, enable.StatusCode);
        var account = await SecurityUsers.FindAsync(App.Services, user.Email);
        Assert.Equal(stamp, account!.SecurityStamp);
        Assert.False(account.TwoFactorEnabled);
        using var still = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.DoesNotContain("/manage/2fa", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurningOff_NeedsThePasswordOrACode_ThenSignInAsksOnlyForThePassword()
    {
        var user = await CreateUserAsync(Roles.Sponsor);
        var (key, _) = await EnrolAsync(user);
        using var browser = await SignedInWithCodeAsync(user, key);
        var page = (await browser.GetAsync(TwoFactor.SettingsPath)).Expect(HttpStatusCode.OK);

        var wrong = await page.Form("form[action*='handler=Disable']").Set("Input.Confirmation", "not-my-password-at-all").SubmitAsync();
        wrong.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(TwoFactorSettingsModel.NotConfirmed, wrong.TextOf(".error-summary"), StringComparison.Ordinal);
        Assert.True((await SecurityUsers.FindAsync(App.Services, user.Email))!.TwoFactorEnabled);

        var off = await wrong.Form("form[action*='handler=Disable']").Set("Input.Confirmation", Totp.Code(key)).SubmitAsync();

        Assert.Equal(TwoFactor.SettingsPath, off.RedirectLocation());
        Assert.Contains("Off", (await browser.FollowAsync(off)).Expect(HttpStatusCode.OK).TextOf(".card .status"), StringComparison.Ordinal);
        Assert.False((await SecurityUsers.FindAsync(App.Services, user.Email))!.TwoFactorEnabled);
        using var later = new PageSession(App);
        await later.SignInAsync(user);
        (await later.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requirement_SendsAReviewerWithoutTwoFactorToEnrolBeforeAnythingElse()
    {
        var admin = await CreateUserAsync(Roles.Admin);
        var reviewer = await CreateUserAsync(Roles.Reviewer);
        var sponsor = await CreateUserAsync(Roles.Sponsor);
        var reviewerToken = await TestUsers.LoginAsync(App, reviewer);
        await RequireTwoFactorAsync(admin);

        using var browser = new PageSession(App, reviewer);
        var home = await browser.GetAsync("/assessments");
        Assert.Equal($"{TwoFactor.EnrolPath}?returnUrl=%2Fassessments", home.RedirectLocation());
        Assert.Equal(TwoFactor.EnrolPath, (await browser.GetAsync("/")).RedirectLocation());
        using var api = App.CreateClient().Authorize(reviewerToken);
        using var refused = await api.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Contains("two-step verification", (await refused.ReadProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString(),
            StringComparison.OrdinalIgnoreCase);
        using (var sponsorBrowser = new PageSession(App, sponsor))
        {
            (await sponsorBrowser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        }

        var enrol = (await browser.FollowAsync(home)).Expect(HttpStatusCode.OK);
        Assert.Contains(TwoFactor.Required, enrol.Text, StringComparison.Ordinal);
        var done = (await enrol.Form().Set("Input.Code", Totp.Code(enrol.TextOf(".shared-key"))).SubmitAsync()).Expect(HttpStatusCode.OK);
        Assert.Equal("/assessments", done.Find("a.button").GetAttribute("href"));
        (await browser.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        var settings = (await browser.GetAsync(TwoFactor.SettingsPath)).Expect(HttpStatusCode.OK);
        Assert.Contains(TwoFactorSettingsModel.RequiredByOrganisation, settings.Text, StringComparison.Ordinal);
        Assert.Empty(settings.Document.QuerySelectorAll("form[action*='handler=Disable']"));
        var forced = await browser.PostAsync(TwoFactor.SettingsPath + "?handler=Disable",
            [new(PageSession.TokenField, SecurityUsers.AntiforgeryToken(settings)), new("Input.Confirmation", TestUsers.Password)]);
        forced.Expect(HttpStatusCode.BadRequest);
        Assert.True((await SecurityUsers.FindAsync(App.Services, reviewer.Email))!.TwoFactorEnabled);
    }

    [Fact]
    public async Task AdminSettings_StaleVersion_IsRefusedAsAConflict()
    {
        var admin = await CreateUserAsync(Roles.Admin);
        using var first = new PageSession(App, admin);
        using var second = new PageSession(App, admin);
        var firstForm = (await first.GetAsync("/admin/settings")).Expect(HttpStatusCode.OK).Form();
        var secondForm = (await second.GetAsync("/admin/settings")).Expect(HttpStatusCode.OK).Form();

        // Both leave it off: switched on, the requirement would send this admin (without two-step) to enrol first.
        (await firstForm.Set("Input.RequireTwoFactorForStaff", "false").SubmitAsync()).RedirectLocation();
        var conflict = await secondForm.Set("Input.RequireTwoFactorForStaff", "true", "false").SubmitAsync();

        conflict.Expect(HttpStatusCode.Conflict);
        Assert.Contains(PilotReadiness.Web.Pages.Admin.SettingsModel.ConcurrencyMessage, conflict.Text, StringComparison.Ordinal);
        await using var scope = App.Services.CreateAsyncScope();
        var saved = await OrganisationSettings.CurrentAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
        Assert.False(saved.RequireTwoFactorForStaff);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task Admin_TurnsOffTwoFactorOfSomeoneWhoLostTheirPhone()
    {
        var admin = await CreateUserAsync(Roles.Admin);
        var user = await CreateUserAsync(Roles.Sponsor, "Phoebe Lostphone");
        await EnrolAsync(user);
        using var browser = new PageSession(App, admin);
        var page = (await browser.GetAsync("/admin/users")).Expect(HttpStatusCode.OK);
        var id = await SecurityUsers.IdOfAsync(App.Services, user.Email);

        var done = await page.Form($"#{PilotReadiness.Web.Pages.Admin.UsersModel.RowId(id)} form[action*='handler=TwoFactorOff']").SubmitAsync();

        Assert.Equal("/admin/users", done.RedirectLocation());
        Assert.False((await SecurityUsers.FindAsync(App.Services, user.Email))!.TwoFactorEnabled);
        using var later = new PageSession(App);
        await later.SignInAsync(user);
        (await later.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
    }

    /// <summary>Turns two-step verification on for <paramref name="user"/> as enrolment does; returns the key and recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(TestUser user)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AppUserManager>();
        var account = (await users.FindByEmailAsync(user.Email))!;
        var key = (await users.AuthenticatorKeyAsync(account))!;
        var codes = await TwoFactor.TurnOnAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), users, account, CancellationToken.None);
        Assert.NotNull(codes);
        return (key, codes);
    }

    /// <summary>Posts email and password on the sign-in page; asserts it goes on to the code step and returns that page.</summary>
    private static async Task<WebPage> SignInWithPasswordAsync(PageSession browser, TestUser user, string? returnUrl = null)
    {
        var login = (await browser.GetAsync(returnUrl is null ? "/account/login" : $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}"))
            .Expect(HttpStatusCode.OK);
        var next = await login.Form().Set("Input.Email", user.Email).Set("Input.Password", TestUsers.Password).SubmitAsync();
        Assert.StartsWith(TwoFactor.CodeStepPath, next.RedirectLocation(), StringComparison.Ordinal);
        return (await browser.FollowAsync(next)).Expect(HttpStatusCode.OK);
    }

    private async Task<PageSession> SignedInWithCodeAsync(TestUser user, string key)
    {
        var browser = new PageSession(App);
        var done = await (await SignInWithPasswordAsync(browser, user)).Form().Set("Input.Code", Totp.Code(key)).SubmitAsync();
        Assert.Equal("/", done.RedirectLocation());
        return browser;
    }

    /// <summary>The admin ticks "require two-step verification" on the settings page.</summary>
    private async Task RequireTwoFactorAsync(TestUser admin)
    {
        using var browser = new PageSession(App, admin);
        var form = (await browser.GetAsync("/admin/settings")).Expect(HttpStatusCode.OK).Form();
        var saved = await form.Set("Input.RequireTwoFactorForStaff", "true", "false").SubmitAsync();
        Assert.Equal("/admin/settings", saved.RedirectLocation());
    }

    /// <summary>The path a page redirected to (the sign-in challenge gives an absolute address).</summary>
    private static string PathOf(WebPage redirect) => new Uri(new Uri("http://localhost"), redirect.RedirectLocation()).AbsolutePath;

    private static string Spaced(string code) => $"{code[..3]} {code[3..]}";
}

internal static class UriQuery
{
    public static string? GetQuery(this Uri uri, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;
}
