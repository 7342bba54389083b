using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using netDumbster.smtp;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Decisions;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;
using Quartz;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// Several instances of the app on one PostgreSQL: racing the reminder scan and the sender, each reminder still goes out
/// once; an instance that stops between claiming and sending loses nothing; and with the scheduler on, Quartz's clustered
/// store shares one schedule between them.
/// </summary>
public sealed class ClusterTests(PostgresAppFactory app) : PostgresTest(app), IDisposable
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(SecurityUsers.FreePort());

    private int SmtpPort => _smtp.Configuration.Port;

    [Fact]
    public async Task TwoInstances_RacingTheScanAndTheSender_SendEachReminderExactlyOnce()
    {
        await ArrangeRemindersAsync();
        await using var a = AppInstanceHost.Start(App, SmtpPort);
        await using var b = AppInstanceHost.Start(App, SmtpPort);
        var expected = await DueRecipientsAsync(a);
        Assert.True(expected.Count >= 7, $"The arrangement should make at least 7 reminders; it made {expected.Count}.");

        // Three rounds of four scans started together, two on each instance: they read the outbox, find nothing, and
        // insert the same rows; the unique index lets one through and the others drop their copies.
        for (var round = 0; round < 3; round++)
        {
            var scans = await Task.WhenAll(a.ScanAsync(), b.ScanAsync(), a.ScanAsync(), b.ScanAsync());
            Assert.All(scans, run => Assert.Equal(0, run.FailedSources));
        }

        Assert.Equal(expected, (await OutboxData.AllAsync(App.Services)).Select(Identity).Order());

        // Six senders at once, three on each instance, each claiming one message at a time.
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).SendAsync()));

        Assert.Equal(expected.Count, runs.Sum(r => r.Sent));
        Assert.All(runs, run => Assert.Equal(0, run.Failed));
        var emails = OutboxData.Received(_smtp);
        Assert.Equal(expected.Count, emails.Count);
        Assert.Equal(emails.Count, emails.Select(e => (e.To.Mailboxes.Single().Address.ToLowerInvariant(), e.Subject, e.TextBody)).Distinct().Count());
        var rows = await OutboxData.AllAsync(App.Services);
        Assert.All(rows, row => Assert.Equal((OutboxState.Sent, 1), (row.State, row.Attempts)));
        Assert.Equal(new OutboxRun(0, 0, 0), await a.SendAsync());
    }

    [Fact]
    public async Task InstanceStopsBetweenClaimAndSend_AnotherSendsTheEmailAfterTheClaimTimeout()
    {
        var t0 = OutboxData.Now();
        var settings = new Dictionary<string, string> { ["Outbox:ClaimTimeoutSeconds"] = "300" };
        var a = AppInstanceHost.Start(App, SmtpPort, t0, settings);
        await OutboxData.EnqueueAsync(a.Services, OutboxData.Sample("crash", "crash@outbox.test"));
        var claimed = await a.ClaimAsync();
        Assert.NotNull(claimed);
        var crashed = a.InstanceId;
        await a.DisposeAsync(); // the instance dies holding the claim: nothing was sent, nothing was marked

        await using var b = AppInstanceHost.Start(App, SmtpPort, t0.AddMinutes(1), settings);
        Assert.Equal(new OutboxRun(0, 0, 0), await b.SendAsync()); // the claim still holds
        var held = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((OutboxState.Sending, claimed.ClaimedBy), (held.State, held.ClaimedBy));
        Assert.Equal(0, _smtp.ReceivedEmailCount);

        b.Clock!.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1)); // 300 s after the claim
        Assert.Equal(new OutboxRun(1, 0, 1), await b.SendAsync());

        var email = Assert.Single(await OutboxData.WaitForAsync(_smtp, 1));
        Assert.Equal("crash@outbox.test", email.To.Mailboxes.Single().Address);
        var sent = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((OutboxState.Sent, 2), (sent.State, sent.Attempts));
        Assert.StartsWith(b.InstanceId + "/", sent.ClaimedBy, StringComparison.Ordinal);
        Assert.Contains(crashed, sent.LastError, StringComparison.Ordinal);
        Assert.Equal(new OutboxRun(0, 0, 0), await b.SendAsync());
    }

    [Fact]
    public async Task TwoInstancesWithTheClusteredScheduler_ShareOneScheduleAndSendEachReminderOnce()
    {
        await ArrangeRemindersAsync();
        var scheduled = new Dictionary<string, string>
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:ReminderScanSeconds"] = "1",
            ["Scheduler:OutboxSendSeconds"] = "1",
        };
        await using var a = AppInstanceHost.Start(App, SmtpPort, settings: scheduled);
        await using var b = AppInstanceHost.Start(App, SmtpPort, settings: scheduled);
        var expected = await DueRecipientsAsync(a);
        var about = await (await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).GetMetadata();
        Assert.True(about.JobStoreClustered && about.JobStorePersistent, $"Quartz runs on {about.JobStoreTypeName}, not clustered.");

        await OutboxData.WaitForAsync(_smtp, expected.Count, seconds: 60);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few more runs of both jobs on both instances

        var emails = OutboxData.Received(_smtp);
        Assert.Equal(expected.Count, emails.Count);
        Assert.Equal(emails.Count, emails.Select(e => (e.To.Mailboxes.Single().Address.ToLowerInvariant(), e.Subject, e.TextBody)).Distinct().Count());
        Assert.Equal(expected, (await OutboxData.AllAsync(App.Services)).Select(Identity).Order());
        Assert.Equal([.. new[] { a.InstanceId, b.InstanceId }.Order(StringComparer.Ordinal)], await SchedulerInstancesAsync());
    }

    public void Dispose() => _smtp.Dispose();

    /// <summary>
    /// Three pilots with a conditional go whose two conditions are due in three days (a reminder each to the sponsor), and
    /// two waiting for a decision (a digest to every reviewer).
    /// </summary>
    private async Task ArrangeRemindersAsync()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        for (var i = 1; i <= 3; i++)
        {
            var id = await DecisionSupport.SubmittedAsync(Client, $"Cluster pilot {i}");
            await reviewer.DecideAsync(id, DecisionSupport.ConditionalGo(
                ($"Budget line {i} signed off", "Priya Natarajan", DecisionSupport.Today.AddDays(3)),
                ($"Team {i} trained", "Marta Kowalski", DecisionSupport.Today.AddDays(3))));
        }

        await DecisionSupport.SubmittedAsync(Client, "Cluster pilot waiting");
        await DecisionSupport.SubmittedAsync(Client, "Cluster pilot also waiting");
    }

    /// <summary>What one scan would enqueue now: (kind, key, recipient) of every reminder due, sorted.</summary>
    private static async Task<List<string>> DueRecipientsAsync(AppInstanceHost instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var due = new List<string>();
        foreach (var source in scope.ServiceProvider.GetServices<IReminderSource>())
        {
            foreach (var reminder in await source.DueAsync(DateTimeOffset.UtcNow, CancellationToken.None))
            {
                due.AddRange(reminder.Recipients.Select(r => $"{reminder.Kind} {reminder.Key} {OutboxMessage.NormalizeRecipient(r)}"));
            }
        }

        return [.. due.Order()];
    }

    private static string Identity(OutboxMessage m) => $"{m.Kind} {m.Key} {m.Recipient}";

    /// <summary>The Quartz instances that checked in to the cluster (named by our instance ids), sorted.</summary>
    private async Task<List<string>> SchedulerInstancesAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
