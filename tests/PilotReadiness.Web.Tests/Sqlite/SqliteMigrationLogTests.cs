using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Tests.Sqlite;

/// <summary>
/// The first start on SQLite: a migration that rebuilds a table (the foreign keys of the Accounts migration) switches
/// foreign-key checks off outside its transaction, and EF Core notes that. It must not read as a fault.
/// </summary>
public sealed class SqliteMigrationLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"pilotreadiness-migration-log-{Guid.NewGuid():N}");

    [Fact]
    public async Task Migrate_FreshFile_WarnsOfNothing_AndSaysWhyATableIsRebuilt()
    {
        Directory.CreateDirectory(_directory);
        var logs = new CapturedLogs();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseSetup.Sqlite,
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_directory, "app.db")}",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs))
            .AddAppDatabase(configuration, new Environment(_directory));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var applied = await DatabaseSetup.MigrateAsync(db, provider.GetRequiredService<ILoggerFactory>().CreateLogger("test"));

        Assert.True(applied > 0);
        var entries = logs.Entries;
        Assert.Empty(entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}"));
        var note = Assert.Single(entries, e => e.Message.Contains(DatabaseSetup.SqliteRebuildNote, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, note.Level);
        // EF Core's own note is still there, after ours, at Information.
        var rebuild = entries.FindIndex(e => e.Message.Contains("PRAGMA foreign_keys = 0", StringComparison.Ordinal) && e.Message.Contains("cannot be executed in a transaction", StringComparison.Ordinal));
        Assert.True(rebuild > entries.IndexOf(note), "EF Core's note about the rebuild should follow the explanation.");
        Assert.Equal(LogLevel.Information, entries[rebuild].Level);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed record Entry(LogLevel Level, string Category, string Message);

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public List<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(logLevel, category, formatter(state, exception)));
        }
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "PilotReadiness.Web";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
