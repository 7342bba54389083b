using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>How every test host is configured: the app's own start-up path, with its migrations, and no demo data.</summary>
internal static class TestHost
{
    public const string PostgresVariable = "PILOTREADINESS_TEST_POSTGRES";

    public static void Configure(IWebHostBuilder builder, string provider, string connectionString)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting($"ConnectionStrings:{provider}", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:SeedOnStartup", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // Tests change the data between requests; the portfolio's short-lived figures cache is tested on its own host.
        builder.UseSetting("Portfolio:SummaryCacheSeconds", "0");

        // No background jobs: tests run the reminder scan and the outbox sender directly when they mean to; the scheduler
        // itself is tested on hosts of its own (Reminders/SchedulerTests).
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("App:PublicUrl", "http://pilotreadiness.test");

        // Generous limits so the suite never trips them; the rate-limit tests start a host with low ones.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PasswordResetPer15Minutes", "100000");
        builder.UseSetting("RateLimits:ApiPerMinute", "100000");
    }

    /// <summary>The PostgreSQL server the tests may create databases on; fails, never skips, when it is not set.</summary>
    /// <summary>
    /// After the data was reset: stores the shipped questionnaire versions again, as the app does at start-up, and makes
    /// the app forget any version a test published.
    /// </summary>
    public static async Task RestoreShippedQuestionnairesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await QuestionnaireSetup.StoreShippedVersionsAsync(db, TimeProvider.System);
        var cache = scope.ServiceProvider.GetRequiredService<QuestionnaireCatalogCache>();
        cache.Forget();
        await cache.RefreshIfStaleAsync(db, CancellationToken.None);
    }

    public static string PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The web tests need a real PostgreSQL and {PostgresVariable} is not set. Run them with tests/run.sh " +
                "(it starts a throwaway PostgreSQL and sets the variable), or point the variable at a server where the user " +
                $"may create databases, e.g. {PostgresVariable}=\"Host=127.0.0.1;Port=5433;Username=app;Password=app\" " +
                "(no Database=: the tests create and drop their own).");
        }

        return server;
    }

    /// <summary>Drops the named database if it exists and creates it empty; returns a connection string to it.</summary>
    public static async Task<string> RecreatePostgresDatabaseAsync(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer()) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            try
            {
                await connection.OpenAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"Could not connect to the PostgreSQL server in {PostgresVariable} ({Describe(server)}): {e.Message.TrimEnd('.')}. " +
                    "Start one with tests/run.sh, or fix the variable.", e);
            }

            await PostgresDatabases.DropAsync(connection, database);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer()) { Database = database }.ConnectionString;
    }

    public static async Task DropPostgresDatabaseAsync(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer()) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await PostgresDatabases.DropAsync(connection, database);
    }

    private static string Describe(NpgsqlConnectionStringBuilder server) => $"{server.Host}:{server.Port}, user {server.Username}";
}
