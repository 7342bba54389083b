using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// The two reminder sources, run by the scan as the scheduler runs it: a condition's reminder a week before it is due (to
/// the pilot's owner and collaborators), and the reviewers' weekly digest of pilots waiting for a decision.
/// </summary>
public sealed class ReminderSourceTests(PostgresAppFactory app) : SecurityTest(app)
{
    private const string PublicUrl = "http://pilotreadiness.test"; // TestHost's App:PublicUrl

    [Fact]
    public async Task ConditionDue_AWeekBefore_RemindsTheOwnerAndCollaboratorsOnce_AndNotForMetOrSupersededOnes()
    {
        await SecurityUsers.CreateAsync(App.Services, SecurityUsers.Collaborator);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var created = await Client.CreateAssessmentAsync("Claims triage <assistant> & co");
        using (var added = await Client.PostAsJsonAsync($"/api/assessments/{created.Id}/collaborators", new { email = SecurityUsers.Collaborator.Email }))
        {
            Assert.True(added.IsSuccessStatusCode, $"Adding the collaborator answered {(int)added.StatusCode}.");
        }

        await Client.AnswerAsync(created.Id, SampleAnswers.Ready());
        (await Client.PostActionAsync(created.Id, "submit")).Dispose();
        var today = DecisionSupport.Today;
        var decision = await reviewer.DecideAsync(created.Id, DecisionSupport.ConditionalGo(
            ("Budget for the <CRM> connector signed off", "Priya Natarajan", today.AddDays(5)),
            ("Frontline team trained", "Marta Kowalski", today.AddDays(20))));
        var soon = decision.GetProperty("conditions")[0].GetProperty("id").GetGuid();
        var later = decision.GetProperty("conditions")[1].GetProperty("id").GetGuid();

        // Another pilot's condition, due in two days but already met; a third whose conditional go was superseded.
        var metPilot = await DecisionSupport.SubmittedAsync(Client, "Met pilot");
        var met = await reviewer.DecideAsync(metPilot, DecisionSupport.ConditionalGo(("Done already", "Sam Okafor", today.AddDays(2))));
        (await reviewer.MarkMetAsync(metPilot, met.GetProperty("id").GetGuid(), met.GetProperty("conditions")[0].GetProperty("id").GetGuid(),
            await DecisionSupport.ETagAsync(reviewer, metPilot))).Dispose();
        var supersededPilot = await DecisionSupport.SubmittedAsync(Client, "Superseded pilot");
        await reviewer.DecideAsync(supersededPilot, DecisionSupport.ConditionalGo(("Replaced", "Sam Okafor", today.AddDays(3))));
        await reviewer.DecideAsync(supersededPilot, DecisionSupport.Plain("go"));

        var scan = await ScanAsync(App.Services);

        var rows = (await OutboxData.AllAsync(App.Services)).Where(r => r.Kind == ConditionDueReminders.Kind).ToList();
        var date = today.AddDays(5);
        Assert.Equal([SecurityUsers.Collaborator.Email, TestUsers.Sponsor.Email], rows.Select(r => r.Recipient).Order());
        Assert.All(rows, r => Assert.Equal($"{soon}/{date:yyyy-MM-dd}", r.Key));
        var row = rows[0];
        var words = date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"Condition due {words}: Claims triage <assistant> & co", row.Subject);
        Assert.Contains($"has a condition due in 5 days, on {words}", row.TextBody, StringComparison.Ordinal);
        Assert.Contains("Budget for the <CRM> connector signed off", row.TextBody, StringComparison.Ordinal);
        Assert.Contains("Who answers for it: Priya Natarajan", row.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/assessments/{created.Id}/results", row.TextBody, StringComparison.Ordinal);
        Assert.Contains("Budget for the &lt;CRM&gt; connector", row.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&quot;Claims triage &lt;assistant&gt; &amp; co&quot;", row.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<CRM>", row.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(date.AddDays(-7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), row.DueAt);
        Assert.Equal(2, scan.Enqueued);
        Assert.Equal(0, (await ScanAsync(App.Services)).Enqueued); // the same reminder is enqueued once

        // Two weeks on: the first condition's date has passed (it lapsed; no reminder), the second is six days away.
        await using var fortnight = AppInstanceHost.Start(App, SecurityUsers.FreePort(), DateTimeOffset.UtcNow.AddDays(14));
        Assert.Equal(2, (await fortnight.ScanAsync()).Enqueued);
        var all = await OutboxData.AllAsync(App.Services);
        Assert.Equal(2, all.Count(r => r.Key == $"{later}/{today.AddDays(20):yyyy-MM-dd}"));
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task ReviewerDigest_FromTheDigestDay_ListsWhatWaitsOncePerWeekToEveryReviewerAnAdminHasNotLocked()
    {
        var second = await CreateUserAsync(Roles.Reviewer, "Rui Reviewer");
        var locked = await CreateUserAsync(Roles.Reviewer, "Lee Locked");
        await LockAsync(locked.Email);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var first = await DecisionSupport.SubmittedAsync(Client, "Contract <review> bot");
        var waiting = await DecisionSupport.SubmittedAsync(Client, "Invoice matching assistant");
        var decided = await DecisionSupport.SubmittedAsync(Client, "Decided pilot");
        await reviewer.DecideAsync(decided, DecisionSupport.Plain("go"));
        await Client.CreateAssessmentAsync("Draft pilot");

        var now = DateTimeOffset.UtcNow;
        var monday = NextMonday(now);
        using var smtp = SimpleSmtpServer.Start(SecurityUsers.FreePort());
        await using var instance = AppInstanceHost.Start(App, smtp.Configuration.Port, monday,
            new Dictionary<string, string> { ["Reminders:DigestDay"] = "Wednesday" });
        Assert.Equal(0, (await instance.ScanAsync()).Enqueued); // Monday: before the digest day
        instance.Clock!.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, (await instance.ScanAsync()).Enqueued);
        Assert.Equal(0, (await instance.ScanAsync()).Enqueued);

        var rows = await OutboxData.AllAsync(App.Services);
        Assert.Equal([second.Email, TestUsers.Reviewer.Email], rows.Select(r => r.Recipient).Order());
        var week = ISOWeek.GetWeekOfYear(monday.UtcDateTime);
        Assert.All(rows, r => Assert.Equal((ReviewerDigest.Kind, $"{ISOWeek.GetYear(monday.UtcDateTime)}-W{week:00}"), (r.Kind, r.Key)));
        Assert.All(rows, r => Assert.Equal("2 pilots are waiting for your decision", r.Subject));
        var text = rows.Single(r => r.Recipient == TestUsers.Reviewer.Email).TextBody;
        Assert.StartsWith($"Hello {TestUsers.Reviewer.Name},", text, StringComparison.Ordinal);
        var days = (monday.AddDays(2).Date - now.Date).Days;
        Assert.True(text.IndexOf("Contract <review> bot", StringComparison.Ordinal) < text.IndexOf("Invoice matching assistant", StringComparison.Ordinal),
            "The digest lists the longest waiting first.");
        Assert.Contains($"waiting {days} days", text, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/assessments/{first}/results", text, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/assessments/{waiting}/results", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Decided pilot", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft pilot", text, StringComparison.Ordinal);

        Assert.Equal(2, (await instance.SendAsync()).Sent);
        var email = Assert.Single(OutboxData.Received(smtp), m => m.To.Mailboxes.Single().Address == second.Email);
        Assert.Contains("Hello Rui Reviewer,", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Contract &lt;review&gt; bot", email.HtmlBody, StringComparison.Ordinal);

        // Thursday: this week's digest went out; next Wednesday's is a new one.
        instance.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await instance.ScanAsync()).Enqueued);
        instance.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(2, (await instance.ScanAsync()).Enqueued);
    }

    [Fact]
    public async Task ReviewerDigest_NothingWaiting_SendsNothing()
    {
        var id = await DecisionSupport.SubmittedAsync(Client);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        await reviewer.DecideAsync(id, DecisionSupport.Plain("no-go", "Not this year."));

        var scan = await ScanAsync(App.Services);

        Assert.Equal((0, 0), (scan.Due, scan.Enqueued));
        Assert.Empty(await OutboxData.AllAsync(App.Services));
    }

    private static async Task<ReminderScanRun> ScanAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderScan>().RunAsync(CancellationToken.None);
    }

    private async Task LockAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True((await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue)).Succeeded);
    }

    /// <summary>9:00 UTC on the first Monday after <paramref name="now"/>'s day.</summary>
    private static DateTimeOffset NextMonday(DateTimeOffset now)
    {
        var days = ((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7;
        return new DateTimeOffset(now.UtcDateTime.Date.AddDays(days == 0 ? 7 : days).AddHours(9), TimeSpan.Zero);
    }
}
