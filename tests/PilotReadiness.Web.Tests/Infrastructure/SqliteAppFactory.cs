using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using PilotReadiness.Web.Data;
using Respawn;
using Respawn.Graph;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>
/// The app on a fresh SQLite file (the embedded provider), one host for the "sqlite" collection, started the same way
/// as in production: the app applies the SQLite migrations itself.
/// </summary>
public sealed class SqliteAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"pilotreadiness-web-tests-{Guid.NewGuid():N}");
    private readonly Dictionary<TestUser, string> _tokens = [];
    private Respawner? _respawner;

    /// <summary>A client signed in (bearer token) as <paramref name="user"/>.</summary>
    public HttpClient ClientFor(TestUser user) => CreateClient().Authorize(_tokens[user]);

    public string DatabasePath => Path.Combine(_directory, "app.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _ = Server; // starts the host: the app creates and migrates the file
        await TestUsers.EnsureAsync(Services);
        foreach (var user in TestUsers.All)
        {
            _tokens[user] = await TestUsers.LoginAsync(this, user);
        }

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Sqlite,
            TablesToIgnore = [.. TestUsers.KeptTables.Select(t => new Table(t))],
        });
    }

    public async Task ResetAsync()
    {
        var respawner = _respawner ?? throw new InvalidOperationException("The fixture is not initialised.");
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await respawner.ResetAsync(connection);
        await TestHost.RestoreShippedQuestionnairesAsync(Services);
    }

    /// <summary>A new, not yet existing database file in this fixture's folder, for a test that needs its own host.</summary>
    public string NewDatabaseConnectionString(string name) => $"Data Source={Path.Combine(_directory, name + ".db")}";

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        TestHost.Configure(builder, DatabaseSetup.Sqlite, ConnectionString);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollectionDefinition : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "sqlite";
}

/// <summary>Base of the SQLite tests: empties the database before each test and gives it a client.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public abstract class SqliteTest(SqliteAppFactory app) : IAsyncLifetime
{
    protected SqliteAppFactory App { get; } = app;

    /// <summary>The API as the sponsor <see cref="TestUsers.Sponsor"/>.</summary>
    protected HttpClient Client { get; } = app.ClientFor(TestUsers.Sponsor);

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
