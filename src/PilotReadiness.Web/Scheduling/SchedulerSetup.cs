using PilotReadiness.Web.Data;
using PilotReadiness.Web.Email;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Waivers;
using Quartz;

namespace PilotReadiness.Web.Scheduling;

/// <summary>The scheduler's settings (<c>Scheduler:*</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>Off: no job runs on this instance (the tests run the jobs' work directly). The outbox still fills.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the reminder scan runs, once for all instances.</summary>
    public int ReminderScanSeconds { get; set; } = 900;

    /// <summary>How often the outbox sender runs, once for all instances.</summary>
    public int OutboxSendSeconds { get; set; } = 30;

    /// <summary>How often lapsed waivers are looked for, so stored verdicts come back soon after a waiver ends.</summary>
    public int WaiverExpirySeconds { get; set; } = 300;
}

/// <summary>
/// This running copy of the app, as the outbox's claims and Quartz's cluster name it: machine, process and a random suffix.
/// </summary>
public sealed class AppInstance
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>
/// Reminders, the outbox and the jobs that run them. On PostgreSQL the jobs live in Quartz.NET's clustered store (its
/// <c>qrtz_</c> tables, created by our migration), so every instance shares one schedule and each run happens on one
/// instance; on SQLite (one instance) Quartz keeps the schedule in memory. See ADR 0012.
/// </summary>
public static class SchedulerSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection("Scheduler"))
            .Validate(o => o.ReminderScanSeconds >= 1 && o.OutboxSendSeconds >= 1 && o.WaiverExpirySeconds >= 1, "Scheduler intervals must be at least one second.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"))
            .Validate(o => o.IsValid, "Outbox settings: MaxAttempts, RetryBaseSeconds and BatchSize at least 1, RetryMaxSeconds at least RetryBaseSeconds, ClaimTimeoutSeconds at least 10.")
            .ValidateOnStart();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Reminders"));
        var instance = new AppInstance();
        services.AddSingleton(instance);
        services.AddSingleton<PublicLinks>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<IOutboxLinks, CheckInReminderLinks>();
        services.AddScoped<ReminderScan>();
        services.AddScoped<ReminderRecipients>();
        services.AddReminderSource<ConditionDueReminders>();
        services.AddReminderSource<ReviewerDigest>();
        services.AddReminderSource<WaiverExpiryReminders>();
        services.AddScoped<WaiverExpiry>();
        services.AddReminderSource<CheckInReminderSource>();

        var scheduler = configuration.GetSection("Scheduler").Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (!scheduler.Enabled)
        {
            return services;
        }

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "PilotReadiness"; // the same on every instance: the name the cluster shares
                s.InstanceId = instance.Id;        // unique per instance, and the name its outbox claims carry
            });
            q.UseDefaultThreadPool(2);
            if (DatabaseSetup.IsPostgres(configuration))
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(configuration.GetConnectionString(DatabaseSetup.Postgres)!);
                    s.UseClustering();
                    s.UseSystemTextJsonSerializer();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            Every<ReminderScanJob>(q, ReminderScanJob.Key, TimeSpan.FromSeconds(scheduler.ReminderScanSeconds));
            Every<OutboxSendJob>(q, OutboxSendJob.Key, TimeSpan.FromSeconds(scheduler.OutboxSendSeconds));
            Every<WaiverExpiryJob>(q, WaiverExpiryJob.Key, TimeSpan.FromSeconds(scheduler.WaiverExpirySeconds));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Says at start-up where reminders will not work as expected: links without a host, or no scheduler.</summary>
    public static void LogReminderSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchedulerSetup));
        var scheduler = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulerOptions>>().Value;
        if (!scheduler.Enabled)
        {
            logger.LogWarning("Scheduler:Enabled is false: this instance sends no reminders and no outbox emails");
        }
        else if (app.Services.GetRequiredService<PublicLinks>().BaseUrl is null)
        {
            logger.LogWarning("{Setting} is not set: links in reminder emails carry no host. Set it to the address people open the app at", PublicLinks.Setting);
        }
    }

    /// <summary>Adds a source of reminders to the scan: the extension point (docs/after-launch.md, "Reminders and the outbox").</summary>
    public static IServiceCollection AddReminderSource<TSource>(this IServiceCollection services)
        where TSource : class, IReminderSource => services.AddScoped<IReminderSource, TSource>();

    /// <summary>A job that runs every <paramref name="interval"/> from start-up, never twice at once across the cluster.</summary>
    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).DisallowConcurrentExecution());
        q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "-trigger", key.Group).StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}

/// <summary>Runs <see cref="ReminderScan"/>: what is due is enqueued in the outbox.</summary>
public sealed class ReminderScanJob(ReminderScan scan) : IJob
{
    public static readonly JobKey Key = new("reminder-scan", "pilotreadiness");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scan.RunAsync(cancellationToken);
}

/// <summary>Runs <see cref="OutboxSender"/>: due emails are sent.</summary>
public sealed class OutboxSendJob(OutboxSender sender) : IJob
{
    public static readonly JobKey Key = new("outbox-send", "pilotreadiness");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(cancellationToken);
}
