using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// The outbox on PostgreSQL: rows are written in the same save as the change that causes them, a key is enqueued once
/// however often (and from however many instances) it is produced, and the sender retries with a doubling back-off
/// against a real SMTP server that is not there at first.
/// </summary>
public sealed class OutboxTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static readonly Dictionary<string, string> Backoff = new()
    {
        ["Outbox:RetryBaseSeconds"] = "60",
        ["Outbox:RetryMaxSeconds"] = "200",
        ["Outbox:MaxAttempts"] = "6",
    };

    [Fact]
    public async Task Enqueue_IsSavedWithTheChange_AndAChangeThatFailsOrRollsBackLeavesNoRow()
    {
        var created = await Client.CreateAssessmentAsync("Outbox pilot");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;

        // A change that loses a race with another save: its outbox row is not written either.
        var mine = await db.Assessments.SingleAsync(a => a.Id == created.Id);
        mine.UpdateDetails(new AssessmentDetails("Renamed by me", "Finance", "Amira Haddad", null), now);
        await db.EnqueueAsync([OutboxData.Sample("lost-race")], now, CancellationToken.None);
        await RenameElsewhereAsync(created.Id, "Renamed by someone else");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Empty(await OutboxData.AllAsync(App.Services));

        // A change inside a transaction that is rolled back: no row.
        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var again = await db.Assessments.SingleAsync(a => a.Id == created.Id);
            again.UpdateDetails(new AssessmentDetails("Renamed, then rolled back", "Finance", "Amira Haddad", null), now);
            await db.EnqueueAsync([OutboxData.Sample("rolled-back")], now, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await OutboxData.AllAsync(App.Services));

        // The change saved: the row is there with it, waiting.
        db.ChangeTracker.Clear();
        var saved = await db.Assessments.SingleAsync(a => a.Id == created.Id);
        saved.UpdateDetails(new AssessmentDetails("Renamed and saved", "Finance", "Amira Haddad", null), now);
        await db.EnqueueAsync([OutboxData.Sample("saved")], now, CancellationToken.None);
        await db.SaveChangesAsync();

        var row = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal(("test-reminder", "saved", "someone@outbox.test"), (row.Kind, row.Key, row.Recipient));
        Assert.Equal(OutboxState.Waiting, row.State);
        Assert.Equal("Renamed and saved", (await Client.GetAssessmentAsync(created.Id)).Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Enqueue_SameKeyFromTwoInstancesAtOnce_IsWrittenOnceAndTheRestOfTheSaveStands()
    {
        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;

        // Both check the outbox before either saves, so both add the row: the unique index decides.
        Assert.Single(await db1.EnqueueAsync([OutboxData.Sample("same", "A@Outbox.test")], now, CancellationToken.None));
        Assert.Equal(2, (await db2.EnqueueAsync([OutboxData.Sample("same", "a@outbox.test"), OutboxData.Sample("other")], now, CancellationToken.None)).Count);
        await db1.SaveChangesAsync();
        await db2.SaveChangesAsync();

        var rows = await OutboxData.AllAsync(App.Services);
        Assert.Equal(["other/someone@outbox.test", "same/a@outbox.test"], rows.Select(r => $"{r.Key}/{r.Recipient}").Order());
        Assert.Empty(await OutboxData.EnqueueAsync(App.Services, OutboxData.Sample("same", "a@outbox.test")));
        Assert.Equal(2, (await OutboxData.AllAsync(App.Services)).Count);
    }

    [Fact]
    public async Task Sender_RetriesWithADoublingBackoffUntilTheSmtpServerAnswers_ThenSendsOnce()
    {
        var port = SecurityUsers.FreePort(); // nobody listens yet: every attempt is refused
        var t0 = OutboxData.Now();
        await using var instance = AppInstanceHost.Start(App, port, t0, Backoff);
        var clock = instance.Clock!;
        await OutboxData.EnqueueAsync(instance.Services, OutboxData.Sample("retry", "retry@outbox.test"));

        Assert.Equal(new OutboxRun(0, 1, 0), await instance.SendAsync());
        var afterFirst = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((OutboxState.Retrying, 1, t0.AddSeconds(60)), (afterFirst.State, afterFirst.Attempts, afterFirst.NextAttemptAt));
        Assert.False(string.IsNullOrWhiteSpace(afterFirst.LastError));
        Assert.Equal(new OutboxRun(0, 0, 0), await instance.SendAsync()); // not due yet

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(new OutboxRun(0, 0, 0), await instance.SendAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxRun(0, 1, 0), await instance.SendAsync());
        Assert.Equal(clock.GetUtcNow().AddSeconds(120), Assert.Single(await OutboxData.AllAsync(App.Services)).NextAttemptAt);

        clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(new OutboxRun(0, 1, 0), await instance.SendAsync());
        Assert.Equal(clock.GetUtcNow().AddSeconds(200), Assert.Single(await OutboxData.AllAsync(App.Services)).NextAttemptAt); // capped: not 240

        using var server = SimpleSmtpServer.Start(port);
        clock.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(new OutboxRun(1, 0, 0), await instance.SendAsync());
        Assert.Equal(new OutboxRun(0, 0, 0), await instance.SendAsync());

        var email = Assert.Single(OutboxData.Received(server));
        Assert.Equal("Test reminder retry", email.Subject);
        Assert.Equal("retry@outbox.test", email.To.Mailboxes.Single().Address);
        var sent = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((OutboxState.Sent, 4, clock.GetUtcNow()), (sent.State, sent.Attempts, sent.SentAt));
    }

    [Fact]
    public async Task Sender_AfterTheLastAttempt_MarksTheEmailFailedAndStopsTrying()
    {
        var port = SecurityUsers.FreePort();
        var t0 = OutboxData.Now();
        await using var instance = AppInstanceHost.Start(App, port, t0, new Dictionary<string, string>(Backoff) { ["Outbox:MaxAttempts"] = "2" });
        await OutboxData.EnqueueAsync(instance.Services, OutboxData.Sample("give-up"));

        await instance.SendAsync();
        instance.Clock!.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(new OutboxRun(0, 1, 0), await instance.SendAsync());

        var failed = Assert.Single(await OutboxData.AllAsync(App.Services));
        Assert.Equal((OutboxState.Failed, 2, instance.Clock.GetUtcNow()), (failed.State, failed.Attempts, failed.FailedAt));
        using var server = SimpleSmtpServer.Start(port);
        instance.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new OutboxRun(0, 0, 0), await instance.SendAsync());
        Assert.Equal(0, server.ReceivedEmailCount);
    }

    private async Task RenameElsewhereAsync(Guid id, string title)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        assessment.UpdateDetails(new AssessmentDetails(title, "Finance", "Amira Haddad", null), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}
