using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Data;

/// <summary>
/// The application's unit of work. Abstract because each provider has its own migrations:
/// <see cref="SqliteAppDbContext"/> (the embedded default) and <see cref="NpgsqlAppDbContext"/> (production).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Assessment> Assessments => Set<Assessment>();

    /// <summary>Leadership's decisions, never edited: a new one supersedes the last.</summary>
    public DbSet<Decision> Decisions => Set<Decision>();

    /// <summary>Pilots after launch: plan, check-ins, ingestion keys and check-in links.</summary>
    public DbSet<LivePilot> LivePilots => Set<LivePilot>();

    /// <summary>Live pilots' daily figures from their production systems, one row per pilot and day.</summary>
    public DbSet<DailySignal> LiveSignals => Set<DailySignal>();

    /// <summary>Check-ins being filled in, one per live pilot.</summary>
    public DbSet<CheckInDraft> CheckInDrafts => Set<CheckInDraft>();

    /// <summary>How pilots turned out, never edited: a new outcome supersedes the last.</summary>
    public DbSet<PilotOutcome> PilotOutcomes => Set<PilotOutcome>();

    /// <summary>Append-only history of every change to an assessment.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The one row of organisation-wide settings (none until an admin saves them).</summary>
    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    /// <summary>Questionnaire versions with their scoring models: the published ones and at most one draft.</summary>
    public DbSet<StoredQuestionnaire> QuestionnaireVersions => Set<StoredQuestionnaire>();

    /// <summary>ASP.NET Core data-protection keys, shared by every instance of the app (cookies, tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The portfolio's figures per business unit, status, verdict and gates, kept with every change (see Portfolio/).</summary>
    public DbSet<PortfolioCount> PortfolioCounts => Set<PortfolioCount>();

    /// <summary>Emails the app sends on its own initiative, written with the change that causes them (see Outbox/).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>
    /// Saves as usual; when the save breaks the outbox's unique (kind, key, recipient) index because another instance
    /// enqueued the same reminder first, the duplicate outbox rows are dropped and the rest is saved again, so enqueueing
    /// is idempotent and a race never fails the change it came with; a save PostgreSQL ended to break a deadlock (nothing of
    /// it was written) is tried again. Inside a transaction the caller opened, the failed
    /// statement has ended that transaction, so the exception is left to the caller.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 5 && DbErrors.IsUniqueViolation(e) && Database.CurrentTransaction is null)
            {
                if (!await OutboxEnqueue.ForgetDuplicatesAsync(this, cancellationToken))
                {
                    throw;
                }
            }
            catch (Exception e) when (attempt < 5 && DbErrors.IsDeadlock(e) && Database.CurrentTransaction is null)
            {
                // Two saves inserting the same outbox rows in different orders (rows are written in key order, and keys
                // are random) each wait for the other; PostgreSQL ends one. Nothing of it was written: try it again.
                await OutboxEnqueue.ForgetDuplicatesAsync(this, cancellationToken);
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class NpgsqlAppDbContext(DbContextOptions<NpgsqlAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // Trigram indexes make the free-text search of the portfolio and the assessment list an index lookup; they are
        // expression indexes (on lower(...)), which the model cannot describe, so the migration that adds them creates them.
        builder.HasPostgresExtension("pg_trgm");
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date-time-with-offset type; stored as ticks so it sorts and compares correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
