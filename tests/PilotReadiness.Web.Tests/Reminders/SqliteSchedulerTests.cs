using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;
using Quartz;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// On the embedded provider the scheduler keeps its schedule in memory (one instance), and the scan, the outbox's claims
/// and the sender translate for SQLite: a reminder due goes out by itself, once.
/// </summary>
public sealed class SqliteSchedulerTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task Scheduler_InMemoryOnSqlite_ScansAndSendsTheReviewersDigestOnce()
    {
        await DecisionSupport.SubmittedAsync(Client, "Waiting on SQLite");
        using var smtp = SimpleSmtpServer.Start(SecurityUsers.FreePort());
        await using var instance = AppInstanceHost.Start(App, smtp.Configuration.Port, settings: new Dictionary<string, string>
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:ReminderScanSeconds"] = "1",
            ["Scheduler:OutboxSendSeconds"] = "1",
        });

        var scheduler = await instance.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var about = await scheduler.GetMetadata();
        Assert.False(about.JobStoreClustered);
        Assert.False(about.JobStorePersistent);

        var email = Assert.Single(await OutboxData.WaitForAsync(smtp, 1));
        Assert.Equal(TestUsers.Reviewer.Email, email.To.Mailboxes.Single().Address);
        Assert.Equal("1 pilot is waiting for your decision", email.Subject);
        await Task.Delay(TimeSpan.FromSeconds(2)); // more runs of both jobs: nothing more goes out
        Assert.Equal(1, smtp.ReceivedEmailCount);
        var row = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((ReviewerDigest.Kind, OutboxState.Sent, 1), (row.Kind, row.State, row.Attempts));
    }
}
