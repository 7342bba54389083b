using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Scheduling;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// The admin Outbox page in Chromium: no axe violations at desktop width and on a phone, an email's text opens in place,
/// and a failed email is retried from the failed filter. The outbox is filled by the real reminder scan over the demo
/// portfolio and the real sender (to the fixture's SMTP server), plus one email whose server refused it.
/// </summary>
public sealed class OutboxTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string AdminEmail = "admin@demo.local";

    [Fact]
    public async Task Outbox_AsAdmin_HasNoAxeViolations_OnDesktopAndPhone_AndRetriesAFailedEmail()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await ArrangeAsync(token);
        var page = await SignInAsAdminAsync(BrowserFixture.Desktop);

        await page.GotoAsync("/admin/outbox");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbox", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".outbox-table tbody tr").First).ToBeVisibleAsync();
        await page.GetByText("Show the email").First.ClickAsync();
        await Expect(page.Locator(".outbox-body").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-admin-outbox");
        await Accessibility.AssertNoViolationsAsync(page, "admin outbox (desktop)");

        await page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("state=failed"));
        var failed = page.Locator(".outbox-table tbody tr", new() { HasText = $"Refused {token}" });
        await Expect(failed.Locator(".outbox-error")).ToContainTextAsync("The mail server said no");
        await Screenshots.SaveAsync(page, "desktop-admin-outbox-failed");
        await Accessibility.AssertNoViolationsAsync(page, "admin outbox, failed emails (desktop)");

        await failed.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Retry now") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("back in line");
        await Expect(page.Locator(".outbox-table tbody tr", new() { HasText = $"Refused {token}" })).ToHaveCountAsync(0);

        var phone = await SignInAsAdminAsync(BrowserFixture.Phone);
        await phone.GotoAsync("/admin/outbox");
        await Expect(phone.Locator(".outbox-table tbody tr").First).ToBeVisibleAsync();
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The outbox page scrolls sideways on a phone.");
        await Screenshots.SaveAsync(phone, "phone-admin-outbox");
        await Accessibility.AssertNoViolationsAsync(phone, "admin outbox (phone)");
    }

    /// <summary>
    /// The scan over the demo portfolio and two reminders of this test, sent through the fixture's SMTP server; then one
    /// more that a refusing server failed (one attempt allowed).
    /// </summary>
    private async Task ArrangeAsync(string token)
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            await services.GetRequiredService<ReminderScan>().RunAsync(CancellationToken.None);
            await db.EnqueueAsync(
            [
                Reminder(ConditionDueReminders.Kind, $"Condition due 9 December 2026: Supplier email triage {token}", "sponsor@demo.local"),
                Reminder(ReviewerDigest.Kind, $"3 pilots are waiting for your decision {token}", "reviewer@demo.local"),
            ], DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            await services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
        }

        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            await db.EnqueueAsync([Reminder(ReviewerDigest.Kind, $"Refused {token}", "reviewer2@demo.local")], DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            var refusing = new OutboxSender(db, new RefusingSender(), [], Options.Create(new OutboxOptions { MaxAttempts = 1, BatchSize = 1 }),
                services.GetRequiredService<AppInstance>(), TimeProvider.System, NullLogger<OutboxSender>.Instance);
            Assert.Equal(1, (await refusing.SendDueAsync(CancellationToken.None)).Failed);
        }
    }

    private static Reminder Reminder(string kind, string subject, string to) =>
        new(kind, subject, [to], subject, $"{subject}.\n\nOpen PilotReadiness to see it.\n", $"<p>{subject}.</p>", DateTimeOffset.UtcNow);

    private async Task<IPage> SignInAsAdminAsync(ViewportSize viewport)
    {
        var context = await Fixture.NewContextAsAsync(AdminEmail, viewport);
        Track(context);
        return await context.NewPageAsync();
    }

    /// <summary>An SMTP server that refuses everything, as far as the sender can tell.</summary>
    private sealed class RefusingSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The mail server said no: 550 mailbox unavailable.");
    }
}
