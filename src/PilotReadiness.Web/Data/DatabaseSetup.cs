using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Data;

/// <summary>Chooses the database provider from configuration and prepares the database at start-up.</summary>
public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<PortfolioCountsInterceptor>();
        var provider = configuration["Database:Provider"] ?? Sqlite;
        if (IsPostgres(configuration))
        {
            var connectionString = configuration.GetConnectionString(Postgres);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Postgres is empty. Set it, e.g. " +
                    "ConnectionStrings__Postgres=\"Host=localhost;Username=app;Password=app;Database=pilotreadiness\".");
            }

            // A decision loads with its conditions and accepted gates in one statement (said once, so EF Core does not warn):
            // the collections are short, and one statement reads them consistently, which split queries would not.
            services.AddDbContext<AppDbContext, NpgsqlAppDbContext>((sp, o) => o.UseNpgsql(WithAppDefaults(connectionString),
                    npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<PortfolioCountsInterceptor>()));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = SqliteConnectionString(configuration.GetConnectionString(Sqlite), environment.ContentRootPath);
            // EF Core warns when a SQLite migration rebuilds a table outside its transaction; that is how SQLite works, and
            // MigrateAsync says so before it happens, so the note is logged as information (see SqliteRebuildNote).
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(connectionString,
                    sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)))
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<PortfolioCountsInterceptor>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use '{Sqlite}' or '{Postgres}'.");
        }

        return services;
    }

    /// <summary>True when <c>Database:Provider</c> is <c>Postgres</c> (otherwise the embedded SQLite).</summary>
    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration?["Database:Provider"], Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Applies migrations when configured to, makes sure the roles exist (and a first admin when configured), then
    /// fills an empty database with the demo accounts and portfolio if asked (never in Production).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var migrate = app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Database:MigrateOnStartup");
        var seed = app.Configuration.GetValue<bool>("Demo:SeedOnStartup");
        if (seed && app.Environment.IsProduction())
        {
            throw new InvalidOperationException("Demo:SeedOnStartup is for development and demonstrations; it is refused in Production.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        if (migrate)
        {
            await MigrateAsync(db, logger);
        }

        if (!migrate && !seed && (await db.Database.GetPendingMigrationsAsync()).Any())
        {
            logger.LogWarning("The database has pending migrations; apply them or set Database:MigrateOnStartup");
            return;
        }

        await AccountSeed.EnsureRolesAndFirstAdminAsync(services, app.Configuration, logger);
        if (await PortfolioCounts.EnsureBuiltAsync(db))
        {
            logger.LogInformation("Built the portfolio's counters from the stored scores");
        }

        var time = services.GetRequiredService<TimeProvider>();
        await QuestionnaireSetup.StoreShippedVersionsAsync(db, time);
        await services.GetRequiredService<QuestionnaireCatalogCache>().RefreshIfStaleAsync(db, default);
        var catalog = services.GetRequiredService<IQuestionnaireCatalog>();
        await FillStoredScoresAsync(db, catalog, time, logger);
        await MoveDraftsOffRetiredRulesAsync(db, catalog, time, logger);
        if (seed)
        {
            var password = app.Configuration["Demo:Password"];
            if (string.IsNullOrWhiteSpace(password))
            {
                throw new InvalidOperationException("Demo:SeedOnStartup is true but Demo:Password is empty: set the demo accounts' password.");
            }

            var added = await DemoData.SeedAsync(services, password);
            if (added > 0)
            {
                logger.LogInformation("Added the demo accounts and {Count} demo assessments to an empty database", added);
            }
        }
    }

    /// <summary>What is logged before migrating a SQLite database, so EF Core's note about a table rebuild is not read as a fault.</summary>
    public const string SqliteRebuildNote =
        "SQLite cannot add or drop a foreign key in place, so a migration that does rebuilds the table, with foreign-key checks " +
        "switched off for the moment it takes; SQLite allows that switch only outside the migration's transaction. " +
        "EF Core notes each such step below: nothing is wrong, but let the app run until the database is up to date.";

    /// <summary>Applies the pending migrations, saying first on SQLite why a table rebuild is noted (<see cref="SqliteRebuildNote"/>).</summary>
    public static async Task<int> MigrateAsync(AppDbContext db, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A migration may rebuild an index on a large table: far longer than a request's command timeout.
        db.Database.SetCommandTimeout(MigrationCommandTimeout);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0 && db.Database.IsSqlite())
        {
            logger.LogInformation("Applying {Count} migrations to the SQLite database. {Note}", pending.Count, SqliteRebuildNote);
        }

        await db.Database.MigrateAsync(ct);
        logger.LogInformation("Database {Provider} is up to date ({Applied} migrations applied)", db.Database.ProviderName, pending.Count);
        return pending.Count;
    }

    /// <summary>
    /// Scores assessments stored before the portfolio kept each one's score beside it (their verdict column is empty
    /// after the migration that added it). Does nothing once every row has one.
    /// </summary>
    private static async Task FillStoredScoresAsync(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, ILogger logger)
    {
        var ids = await db.Database.SqlQueryRaw<Guid>("SELECT \"Id\" AS \"Value\" FROM \"Assessments\" WHERE \"Readiness_Verdict\" = ''").ToListAsync();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var chunk in ids.Chunk(500))
        {
            var assessments = await db.Assessments.Where(a => chunk.Contains(a.Id)).ToListAsync();
            assessments.ForEach(a => a.RefreshReadiness(catalog, time.GetUtcNow()));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        logger.LogInformation("Stored the score of {Count} assessments saved before scores were kept", ids.Count);
    }

    /// <summary>
    /// Moves every draft still on a version scored by the first generation of rules (questionnaire 1) to the current
    /// version, through the domain (answers carried, the move recorded in each one's history); submitted and superseded
    /// versions keep the versions that scored them, and so do drafts on any later version (ADR 0015: they are offered
    /// the move). Runs at every start and does nothing once no draft is left behind; a draft someone changes at the same
    /// moment, or another instance moves first, is picked up by the next round (see ADR 0010).
    /// </summary>
    public static async Task MoveDraftsOffRetiredRulesAsync(AppDbContext db, IQuestionnaireCatalog catalog, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        var current = catalog.Current.Version;
        var retired = Enumerable.Range(1, current).Where(v => catalog.Find(v) is { Model.JudgesAnswers: false }).ToList();
        var moved = 0;
        for (var round = 0; round < 3; round++)
        {
            var ids = await db.Assessments.Where(a => a.Status == AssessmentStatus.Draft && a.SupersededAt == null && retired.Contains(a.QuestionnaireVersion))
                .Select(a => a.Id).ToListAsync();
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var chunk in ids.Chunk(200))
            {
                var drafts = await db.Assessments.Where(a => chunk.Contains(a.Id)).ToListAsync();
                var count = drafts.Count(a => a.IsEditable && a.MoveToQuestionnaire(catalog, current, time.GetUtcNow()));
                try
                {
                    await db.SaveChangesAsync();
                    moved += count;
                }
                catch (DbUpdateException e) when (DbErrors.IsConflict(e))
                {
                    // Changed elsewhere meanwhile: the next round reads it again.
                }

                db.ChangeTracker.Clear();
            }
        }

        if (moved > 0)
        {
            logger.LogInformation("Moved {Count} drafts to questionnaire {Version}", moved, current);
        }
    }

    /// <summary>
    /// The app's defaults for its PostgreSQL connections, each kept unless the connection string says otherwise.
    /// Npgsql waits 15 s to open a connection and 30 s for a command by default; a request for a database that cannot be
    /// reached would hang that long before its 503, so opening a connection gives up after
    /// <see cref="ConnectTimeoutSeconds"/> and a command after <see cref="CommandTimeoutSeconds"/>. PostgreSQL's JIT
    /// compiler is off (<see cref="JitOff"/>, ADR 0022): it compiles any statement whose estimated cost passes a threshold,
    /// which the app's short statements can reach on a large portfolio, and the compiling took longer than the statement.
    /// </summary>
    internal static string WithAppDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = CommandTimeoutSeconds;
        }

        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? JitOff : $"{builder.Options} {JitOff}";
        }

        return builder.ConnectionString;
    }

    /// <summary>The server setting, sent when each connection opens, that turns PostgreSQL's JIT compiler off.</summary>
    public const string JitOff = "-c jit=off";

    public const int ConnectTimeoutSeconds = 5;

    public const int CommandTimeoutSeconds = 10;

    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(10);

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
