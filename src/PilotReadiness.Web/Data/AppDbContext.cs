using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
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

    /// <summary>Append-only history of every change to an assessment.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The one row of organisation-wide settings (none until an admin saves them).</summary>
    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

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
