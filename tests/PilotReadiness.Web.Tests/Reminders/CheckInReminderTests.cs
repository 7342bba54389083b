using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using netDumbster.smtp;
using PilotReadiness.Domain.Live;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Live;
using PilotReadiness.Web.Tests.Security;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// Reminders about a live pilot's check-in, run by the scan on an instance whose clock the test moves: the owner three
/// days before it is due and three days after while it is missing, the reviewers at seven days overdue, the admins at
/// fourteen; each once per check-in, and none once it is filed or monitoring ended.
/// </summary>
public sealed class CheckInReminderTests(PostgresAppFactory app) : SecurityTest(app)
{
    private const string PublicUrl = "http://pilotreadiness.test"; // TestHost's App:PublicUrl

    [Fact]
    public async Task EachStep_FallsDueOnItsDay_GoesOncePerCheckIn_AndStopsWhenTheCheckInIsFiled()
    {
        // Live since six weeks ago, every four weeks: period 1's check-in was due two weeks ago and nobody filed it.
        var (_, pilotId) = await LiveSupport.DecidedAsync(App, Client, "Supplier <reply> drafter");
        using (var goLive = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", LiveSupport.Plan(LiveSupport.Today.AddDays(-42))))
        {
            await goLive.ReadJsonAsync(HttpStatusCode.Created);
        }

        var due = LiveSupport.Today.AddDays(-14);
        // Midnight: the instance's clock then ends at the start of today, never ahead of the real clock the links are
        // opened with below (a link ended at 09:00 today would still be open to a request at 01:00 today).
        var start = new DateTimeOffset(due.AddDays(-4).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var smtp = SimpleSmtpServer.Start(SecurityUsers.FreePort());
        await using var instance = AppInstanceHost.Start(App, smtp.Configuration.Port, start);

        async Task<List<(string Kind, string Recipient)>> NewRowsAsync(int days)
        {
            var before = (await OutboxData.AllAsync(App.Services)).Select(r => r.Id).ToHashSet();
            instance.Clock!.Advance(TimeSpan.FromDays(days));
            await instance.ScanAsync();
            Assert.Equal(0, (await instance.ScanAsync()).Enqueued); // a second scan on the same day adds nothing
            return [.. (await OutboxData.AllAsync(App.Services)).Where(r => !before.Contains(r.Id)).Select(r => (r.Kind, r.Recipient))];
        }

        Assert.Empty(await NewRowsAsync(0));                  // four days before
        Assert.Equal([(CheckInReminderSource.DueKind, LiveSupport.OwnerEmail)], await NewRowsAsync(1)); // three days before
        Assert.Empty(await NewRowsAsync(3));                  // due today
        Assert.Empty(await NewRowsAsync(2));                  // two days overdue
        Assert.Equal([(CheckInReminderSource.OverdueOwnerKind, LiveSupport.OwnerEmail)], await NewRowsAsync(1));
        Assert.Empty(await NewRowsAsync(3));                  // six days overdue
        var reviewers = await NewRowsAsync(1);
        Assert.Contains((CheckInReminderSource.OverdueReviewersKind, TestUsers.Reviewer.Email), reviewers);
        Assert.All(reviewers, r => Assert.Equal(CheckInReminderSource.OverdueReviewersKind, r.Kind));
        Assert.Empty(await NewRowsAsync(6));                  // thirteen days overdue
        var admins = await NewRowsAsync(1);                   // fourteen days overdue: today
        Assert.Contains((CheckInReminderSource.OverdueAdminsKind, TestUsers.Admin.Email), admins);
        Assert.All(admins, r => Assert.Equal(CheckInReminderSource.OverdueAdminsKind, r.Kind));
        Assert.DoesNotContain((CheckInReminderSource.OverdueAdminsKind, TestUsers.Reviewer.Email), admins);

        var rows = await OutboxData.AllAsync(App.Services);
        Assert.All(rows, r => Assert.Equal($"{pilotId}/{LiveSupport.Day(due)}", r.Key));
        var owner = rows.Single(r => r.Kind == CheckInReminderSource.DueKind);
        Assert.Equal($"Check-in due {LiveNames.Day(due)}: Supplier <reply> drafter", owner.Subject);
        Assert.StartsWith("Hello Olga Owner,", owner.TextBody, StringComparison.Ordinal);
        // The owner's single-use link is made when the email is sent: the outbox keeps a placeholder, never the secret.
        Assert.Contains(CheckInReminderLinks.LinkPlaceholder, owner.TextBody, StringComparison.Ordinal);
        Assert.Contains(CheckInReminderLinks.LinkPlaceholder, owner.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/check-in/", owner.TextBody, StringComparison.Ordinal);
        Assert.Contains("&quot;Supplier &lt;reply&gt; drafter&quot;", owner.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(due.AddDays(-3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), owner.DueAt);
        var admin = rows.First(r => r.Kind == CheckInReminderSource.OverdueAdminsKind);
        Assert.Contains("14 days overdue", admin.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/live/{pilotId}", admin.TextBody, StringComparison.Ordinal);

        // The emails go out through the outbox sender.
        var sent = (await instance.SendAsync()).Sent;
        Assert.Equal(rows.Count, sent);
        Assert.Contains(OutboxData.Received(smtp), m => m.To.Mailboxes.Single().Address == LiveSupport.OwnerEmail
            && m.Subject == $"Check-in due {LiveNames.Day(due)}: Supplier <reply> drafter");

        // Each of the owner's two emails carried a link of its own; the newer one ended the older one, and opens the
        // check-in form without an account.
        var ownerEmails = OutboxData.Received(smtp).Where(m => m.To.Mailboxes.Single().Address == LiveSupport.OwnerEmail).ToList();
        Assert.Equal(2, ownerEmails.Count);
        Assert.All(OutboxData.Received(smtp), m => Assert.DoesNotContain("[[", m.TextBody + m.HtmlBody, StringComparison.Ordinal));
        string LinkIn(string subjectStart)
        {
            var match = Regex.Match(ownerEmails.Single(m => (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal)).TextBody ?? "",
                $"{Regex.Escape(PublicUrl)}(/check-in/[A-Za-z0-9_-]+)");
            Assert.True(match.Success, $"The owner's \"{subjectStart}\" email has no single-use link.");
            return match.Groups[1].Value;
        }

        using var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var older = await anonymous.GetAsync(new Uri(LinkIn("Check-in due"), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Gone, older.StatusCode);
        }

        using (var newer = await anonymous.GetAsync(new Uri(LinkIn("Check-in overdue"), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, newer.StatusCode);
            Assert.Contains("Supplier &lt;reply&gt; drafter", await newer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The sponsor files the missing check-in: nothing more for that date, and the next one starts again.
        using (var filed = await Client.PostAsJsonAsync($"/api/live/{pilotId}/check-ins", LiveSupport.CheckIn()))
        {
            await filed.ReadJsonAsync(HttpStatusCode.Created);
        }

        Assert.Empty(await NewRowsAsync(6));                  // twenty days after period 1's date; period 2 is due in eight
        var next = due.AddDays(28);
        Assert.Equal([(CheckInReminderSource.DueKind, LiveSupport.OwnerEmail)], await NewRowsAsync(5));
        Assert.Equal($"{pilotId}/{LiveSupport.Day(next)}", (await OutboxData.AllAsync(App.Services))[^1].Key);
    }

    [Fact]
    public async Task MonitoringEnded_NoReminders()
    {
        var (_, pilotId) = await LiveSupport.DecidedAsync(App, Client);
        using (var goLive = await Client.PostAsJsonAsync($"/api/live/{pilotId}/go-live", LiveSupport.Plan(LiveSupport.Today.AddDays(-60))))
        {
            await goLive.ReadJsonAsync(HttpStatusCode.Created);
        }

        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilotId}/outcome"))
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            request.Content = JsonContent.Create(new { kind = "rolled-back", date = LiveSupport.Day(LiveSupport.Today), note = "Users stopped trusting it." });
            using var recorded = await reviewer.SendAsync(request);
            await recorded.ReadJsonAsync(HttpStatusCode.Created);
        }

        await using var instance = AppInstanceHost.Start(App, SecurityUsers.FreePort(), DateTimeOffset.UtcNow);
        Assert.Equal(0, (await instance.ScanAsync()).Enqueued);
        Assert.Empty(await OutboxData.AllAsync(App.Services));
    }
}
