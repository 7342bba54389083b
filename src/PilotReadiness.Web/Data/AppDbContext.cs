using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Outbox;
using PilotReadiness.Web.Portfolio;

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

    /// <summary>Append-only history of every change to an assessment.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The one row of organisation-wide settings (none until an admin saves them).</summary>
    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    /// <summary>ASP.NET Core data-protection keys, shared by every instance of the app (cookies, tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The portfolio's figures per business unit, status, verdict and gates, kept with every change (see Portfolio/).</summary>
    public DbSet<PortfolioCount> PortfolioCounts => Set<PortfolioCount>();

    /// <summary>Emails the app sends on its own initiative, written with the change that causes them (see Outbox/).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>
    /// Saves as usual; when the save breaks the outbox's unique (kind, key, recipient) index because another instance
    /// enqueued the same reminder first, the duplicate outbox rows are dropped and the rest is saved again, so enqueueing
    /// is idempotent and a race never fails the change it came with. Inside a transaction the caller opened, the failed
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
            catch (DbUpdateException e) when (attempt < 3 && DbErrors.IsUniqueViolation(e) && Database.CurrentTransaction is null)
            {
                if (!await OutboxEnqueue.ForgetDuplicatesAsync(this, cancellationToken))
                {
                    throw;
                }
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
