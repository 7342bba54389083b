using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Scheduling;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// One instance of the app for the outbox tests: the collection's database, an SMTP port (with or without a server
/// listening), optionally its own clock, and the scan and the sender run directly, each in a scope of its own, as the
/// scheduler's jobs run them.
/// </summary>
internal sealed class AppInstanceHost : IAsyncDisposable
{
    private AppInstanceHost(WebApplicationFactory<Program> factory, FakeTimeProvider? clock)
    {
        Factory = factory;
        Clock = clock;
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The instance's clock, when the test moves time; null for the real clock.</summary>
    public FakeTimeProvider? Clock { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>This instance's name, as its outbox claims show it.</summary>
    public string InstanceId => Services.GetRequiredService<AppInstance>().Id;

    /// <summary>
    /// A new instance over <paramref name="app"/>'s database sending to 127.0.0.1:<paramref name="smtpPort"/>, with extra
    /// settings (e.g. <c>Outbox:MaxAttempts</c>) and, with <paramref name="now"/>, a clock of its own starting then.
    /// </summary>
    public static AppInstanceHost Start(WebApplicationFactory<Program> app, int smtpPort, DateTimeOffset? now = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = now is { } start ? new FakeTimeProvider(start) : null;
        var factory = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
            }
        });
        _ = factory.Server; // starts the instance
        return new AppInstanceHost(factory, clock);
    }

    public Task<ReminderScanRun> ScanAsync() => InScopeAsync((ReminderScan scan) => scan.RunAsync(CancellationToken.None));

    public Task<OutboxRun> SendAsync() => InScopeAsync((OutboxSender sender) => sender.SendDueAsync(CancellationToken.None));

    public Task<OutboxSender.Claimed?> ClaimAsync() => InScopeAsync((OutboxSender sender) => sender.ClaimNextAsync(CancellationToken.None));

    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>Reading and writing the outbox directly, and the emails that reached the test SMTP server.</summary>
internal static class OutboxData
{
    /// <summary>Now, to the whole second: a start for a test clock whose times survive PostgreSQL's microseconds unchanged.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>Every outbox row, oldest first.</summary>
    public static async Task<List<OutboxMessage>> AllAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    /// <summary>Enqueues and saves reminders as a change would; returns the rows added.</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(IServiceProvider services, params Reminder[] reminders)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var added = await db.EnqueueAsync(reminders, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        await db.SaveChangesAsync();
        return added;
    }

    /// <summary>A reminder for the tests, unique by <paramref name="key"/>.</summary>
    public static Reminder Sample(string key, params string[] recipients) =>
        new("test-reminder", key, recipients.Length == 0 ? ["someone@outbox.test"] : recipients, $"Test reminder {key}",
            $"Reminder {key}.\n", $"<p>Reminder {key}.</p>", DateTimeOffset.UtcNow);

    /// <summary>The emails the server received, read back as MIME messages.</summary>
    public static List<MimeMessage> Received(SimpleSmtpServer server) =>
        [.. server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>Waits (up to <paramref name="seconds"/>) until the server has received at least <paramref name="count"/> emails.</summary>
    public static async Task<List<MimeMessage>> WaitForAsync(SimpleSmtpServer server, int count, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (server.ReceivedEmailCount < count && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.True(server.ReceivedEmailCount >= count, $"Expected {count} emails within {seconds} s; {server.ReceivedEmailCount} arrived.");
        return Received(server);
    }
}
