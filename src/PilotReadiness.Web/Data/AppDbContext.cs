using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Auth;

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

    /// <summary>ASP.NET Core data-protection keys, shared by every instance of the app (cookies, tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class NpgsqlAppDbContext(DbContextOptions<NpgsqlAppDbContext> options) : AppDbContext(options);

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date-time-with-offset type; stored as ticks so it sorts and compares correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
