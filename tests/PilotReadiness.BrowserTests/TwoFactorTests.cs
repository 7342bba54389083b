using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// Two-step verification in real Chromium: setting it up from the account page with a code computed from the key the
/// page shows, then signing in with a code and with a recovery code; every new page scanned by axe at desktop and
/// phone widths and saved as a screenshot.
/// </summary>
public sealed class TwoFactorTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Enrol_ThenSignInWithACodeAndWithARecoveryCode()
    {
        var email = await CreateUserAsync(Roles.Reviewer);
        var page = await NewPageAsync(BrowserFixture.Desktop);
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(Fixture.BaseUrl + "/");

        await page.GotoAsync("/account/change-password");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-step verification" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Fixture.BaseUrl + TwoFactor.SettingsPath);
        await ScanAsync(page, "desktop-two-factor-off");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-step verification" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Fixture.BaseUrl + TwoFactor.EnrolPath);
        var qr = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("QR code") });
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The QR code image did not load.");
        await ScanAsync(page, "desktop-two-factor-enrol");

        var key = await page.Locator(".shared-key").InnerTextAsync();
        await page.GetByLabel("Six-digit code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        var codes = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        await ScanAsync(page, "desktop-two-factor-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved my recovery codes" }).ClickAsync();
        await Expect(page.Locator(".card .status")).ToHaveTextAsync("On");
        await ScanAsync(page, "desktop-two-factor-on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(TwoFactor.CodeStepPath));
        await ScanAsync(page, "desktop-two-factor-code-step");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Fixture.BaseUrl + "/");

        // On a phone: the code step with a recovery code, then the account's two-step page.
        var phone = await NewPageAsync(BrowserFixture.Phone);
        await SignInWithPasswordAsync(phone, email);
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(TwoFactor.CodeStepPath));
        await ScanAsync(phone, "phone-two-factor-code-step");
        await phone.GetByLabel("Code", new() { Exact = true }).FillAsync(codes[0]);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(Fixture.BaseUrl + "/");
        await phone.GotoAsync(TwoFactor.SettingsPath);
        await Expect(phone.Locator("#recovery-left")).ToHaveTextAsync("9");
        await ScanAsync(phone, "phone-two-factor-on");
    }

    [Fact]
    public async Task EnrolPageAndAdminSettings_OnAPhone_HaveNoAxeViolations()
    {
        var email = await CreateUserAsync(Roles.Admin);
        var phone = await NewPageAsync(BrowserFixture.Phone);
        await SignInWithPasswordAsync(phone, email);

        await phone.GotoAsync(TwoFactor.EnrolPath);
        await Expect(phone.Locator(".shared-key")).ToBeVisibleAsync();
        await ScanAsync(phone, "phone-two-factor-enrol");
        await phone.GetByLabel("Six-digit code").FillAsync("12");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }).ClickAsync();
        await Expect(phone.Locator(".error-summary")).ToBeVisibleAsync();
        await ScanAsync(phone, "phone-two-factor-enrol-with-errors");

        foreach (var (viewport, device) in new[] { (BrowserFixture.Phone, "phone"), (BrowserFixture.Desktop, "desktop") })
        {
            await phone.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await phone.GotoAsync("/admin/settings");
            await Expect(phone.GetByLabel("Require two-step verification for reviewers and admins")).ToBeVisibleAsync();
            await ScanAsync(phone, $"{device}-admin-settings");
        }
    }

    private async Task<IPage> NewPageAsync(ViewportSize viewport)
    {
        var context = await Fixture.NewContextAsync(viewport, signedIn: false);
        Track(context);
        return await context.NewPageAsync();
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task ScanAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, name);
        await Accessibility.AssertNoViolationsAsync(page, name);
    }

    /// <summary>An account of this test's own, so switching two-step verification on never touches the shared demo sessions.</summary>
    private async Task<string> CreateUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@two-step.test";
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Two-step {role}" };
        Assert.True((await users.CreateAsync(account, BrowserFixture.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        return email;
    }
}
