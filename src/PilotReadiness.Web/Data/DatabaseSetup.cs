using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PilotReadiness.Web.Data;

/// <summary>Chooses the database provider from configuration and prepares the database at start-up.</summary>
public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(Postgres);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Postgres is empty. Set it, e.g. " +
                    "ConnectionStrings__Postgres=\"Host=localhost;Username=app;Password=app;Database=pilotreadiness\".");
            }

            services.AddDbContext<AppDbContext, NpgsqlAppDbContext>(o => o.UseNpgsql(connectionString));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = SqliteConnectionString(configuration.GetConnectionString(Sqlite), environment.ContentRootPath);
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use '{Sqlite}' or '{Postgres}'.");
        }

        return services;
    }

    /// <summary>Applies migrations when configured to, then fills an empty database with the demo portfolio if asked.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var migrate = app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Database:MigrateOnStartup");
        var seed = app.Configuration.GetValue<bool>("Demo:SeedOnStartup");
        if (!migrate && !seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            logger.LogInformation("Database {Provider} is up to date ({Applied} migrations applied)", db.Database.ProviderName, pending.Count);
        }

        if (seed)
        {
            var added = await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            if (added > 0)
            {
                logger.LogInformation("Added {Count} demo assessments to an empty database", added);
            }
        }
    }

    /// <summary>Makes a relative SQLite file path relative to the app's content root and creates its folder.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/pilotreadiness.db" : configured);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
