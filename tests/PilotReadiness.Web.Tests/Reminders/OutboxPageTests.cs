using System.Net;
using netDumbster.smtp;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Pages.Admin;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>The admin Outbox page over HTTP: counts by state, filters, paging, what failed and why, and retry-now.</summary>
public sealed class OutboxPageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task Outbox_ShowsWhatWentToWhomAndWhyOneFailed_FiltersPagesAndRetriesTheFailedOne()
    {
        var failedId = await ArrangeAsync();
        using var admin = NewSession(TestUsers.Admin);

        var all = (await admin.GetAsync("/admin/outbox")).Expect(HttpStatusCode.OK);
        Assert.Equal(["All 32", "Waiting 30", "Sending 0", "Retrying 0", "Sent 1", "Failed 1"], all.Texts(".state-counts a"));
        Assert.Equal(25, all.Document.QuerySelectorAll(".outbox-table tbody tr").Length);
        Assert.Equal("32 emails · page 1 of 2", all.TextOf(".pager .muted"));
        Assert.Equal(["All kinds", ConditionDueReminders.Kind, ReviewerDigest.Kind, "test-reminder"], all.Texts("#kind option"));
        Assert.Equal("Test reminder bulk-29", all.TextOf(".outbox-table tbody tr:first-child .outbox-subject")); // newest first
        var second = (await admin.GetAsync("/admin/outbox?p=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(7, second.Document.QuerySelectorAll(".outbox-table tbody tr").Length);

        var sent = (await admin.GetAsync($"/admin/outbox?kind={ConditionDueReminders.Kind}")).Expect(HttpStatusCode.OK);
        var sentRow = Assert.Single(sent.Document.QuerySelectorAll(".outbox-table tbody tr"));
        Assert.Contains("Sent", sentRow.QuerySelector(".outbox-state")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("owner@outbox.test", sentRow.QuerySelector(".outbox-recipient")!.TextContent.Trim());
        Assert.Empty(sent.Document.QuerySelectorAll("form[action*='handler=Retry']"));

        var failed = (await admin.GetAsync("/admin/outbox?state=failed")).Expect(HttpStatusCode.OK);
        var failedRow = Assert.Single(failed.Document.QuerySelectorAll(".outbox-table tbody tr"));
        Assert.Equal($"message-{failedId}", failedRow.Id);
        Assert.Equal("<script>alert(1)</script> digest", failedRow.QuerySelector(".outbox-subject")!.TextContent);
        Assert.DoesNotContain("<script>alert", failed.Body, StringComparison.Ordinal);
        Assert.Contains("Exception", failedRow.QuerySelector(".outbox-error")!.TextContent, StringComparison.Ordinal);

        var retried = await failed.Form("form[action*='handler=Retry']").SubmitAsync();
        Assert.Equal("/admin/outbox?state=failed", retried.RedirectLocation());
        var after = (await admin.FollowAsync(retried)).Expect(HttpStatusCode.OK);
        Assert.Contains("The email is back in line", after.Text, StringComparison.Ordinal);
        Assert.Contains("No email matches these filters.", after.Text, StringComparison.Ordinal);
        var row = Assert.Single(await OutboxData.AllAsync(App.Services), m => m.Id == failedId);
        Assert.Equal((OutboxState.Retrying, 1, (DateTimeOffset?)null), (row.State, row.Attempts, row.FailedAt));

        // The same form again (the row is no longer failed): nothing changes, and the page says so.
        var again = (await failed.Form("form[action*='handler=Retry']").SubmitAsync()).Expect(HttpStatusCode.Conflict);
        Assert.Contains(OutboxModel.NotFailed, again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_UnknownFiltersAndPages_ShowEverythingFromTheNearestPage()
    {
        await OutboxData.EnqueueAsync(App.Services, OutboxData.Sample("only"));
        using var admin = NewSession(TestUsers.Admin);

        var page = (await admin.GetAsync("/admin/outbox?state=lost&p=99")).Expect(HttpStatusCode.OK);
        Assert.Single(page.Document.QuerySelectorAll(".outbox-table tbody tr"));
        Assert.Equal("All 1", page.TextOf(".state-counts a[aria-current='page']"));
        var none = (await admin.GetAsync("/admin/outbox?kind=nothing-like-this")).Expect(HttpStatusCode.OK);
        Assert.Contains("No email matches these filters.", none.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// One failed digest (the SMTP server refuses: one attempt allowed), one sent condition reminder, then 30 waiting test
    /// reminders. Returns the failed row's id.
    /// </summary>
    private async Task<Guid> ArrangeAsync()
    {
        var oneAtATime = new Dictionary<string, string> { ["Outbox:BatchSize"] = "1", ["Outbox:MaxAttempts"] = "1" };
        var failed = await OutboxData.EnqueueAsync(App.Services,
            new Reminder(ReviewerDigest.Kind, "2026-W49", ["reviewer@outbox.test"], "<script>alert(1)</script> digest", "Text.", "<p>Html.</p>", DateTimeOffset.UtcNow));
        await using (var refused = AppInstanceHost.Start(App, SecurityUsers.FreePort(), settings: oneAtATime))
        {
            Assert.Equal(new OutboxRun(0, 1, 0), await refused.SendAsync());
        }

        await OutboxData.EnqueueAsync(App.Services,
            new Reminder(ConditionDueReminders.Kind, "condition/2026-12-10", ["owner@outbox.test"], "Condition due", "Text.", "<p>Html.</p>", DateTimeOffset.UtcNow));
        using var smtp = SimpleSmtpServer.Start(SecurityUsers.FreePort());
        await using (var working = AppInstanceHost.Start(App, smtp.Configuration.Port, settings: oneAtATime))
        {
            Assert.Equal(new OutboxRun(1, 0, 0), await working.SendAsync());
        }

        for (var i = 0; i < 30; i++)
        {
            await OutboxData.EnqueueAsync(App.Services, OutboxData.Sample($"bulk-{i}"));
        }

        return Assert.Single(failed).Id;
    }
}
