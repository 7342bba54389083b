using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using PilotReadiness.Web.Data;
using Respawn;
using Respawn.Graph;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>
/// The app on a real PostgreSQL, one host for the whole "postgres" collection. The database is dropped and created
/// once per run; the app applies its own migrations at start-up, so they are tested; <see cref="ResetAsync"/> empties
/// the tables (not the migrations history) between tests.
/// </summary>
public sealed class PostgresAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>One database per test process, so two runs on one server never share (or drop) each other's data.</summary>
    public static readonly string DatabaseName = $"pilotreadiness_web_tests_{Environment.ProcessId}";

    private readonly Dictionary<TestUser, string> _tokens = [];
    private readonly Dictionary<TestUser, string> _stamps = [];
    private Respawner? _respawner;

    /// <summary>A client signed in (bearer token) as <paramref name="user"/>.</summary>
    public HttpClient ClientFor(TestUser user) => CreateClient().Authorize(_tokens[user]);

    /// <summary>The bearer token of <paramref name="user"/>; valid on any host over this database (the keys are shared).</summary>
    public string TokenFor(TestUser user) => _tokens[user];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestHost.RecreatePostgresDatabaseAsync(DatabaseName);
        _ = Server; // starts the host: the app migrates the empty database
        await TestUsers.EnsureAsync(Services);
        foreach (var user in await TestUsers.WithChangedStampAsync(Services, _stamps))
        {
            _tokens[user] = await TestUsers.LoginAsync(this, user);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [.. TestUsers.KeptTables.Select(t => new Table(t))],
        });
    }

    /// <summary>
    /// Deletes every row the tests wrote; call at the start of each test. A test that changed a test user's security
    /// stamp (a role change, a lock) ended that user's sessions, so they sign in again.
    /// </summary>
    public async Task ResetAsync()
    {
        var respawner = _respawner ?? throw new InvalidOperationException("The fixture is not initialised.");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await respawner.ResetAsync(connection);
        await TestHost.RestoreShippedQuestionnairesAsync(Services);
        foreach (var user in await TestUsers.WithChangedStampAsync(Services, _stamps))
        {
            _tokens[user] = await TestUsers.LoginAsync(this, user);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        TestHost.Configure(builder, DatabaseSetup.Postgres, ConnectionString);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestHost.DropPostgresDatabaseAsync(DatabaseName);
        await TestHost.DropPostgresDatabaseAsync(DatabaseName + "_demo");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresAppFactory>
{
    public const string Name = "postgres";
}

/// <summary>Base of the Postgres tests: empties the database before each test and gives it a client.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public abstract class PostgresTest(PostgresAppFactory app) : IAsyncLifetime
{
    protected PostgresAppFactory App { get; } = app;

    /// <summary>The API as the sponsor <see cref="TestUsers.Sponsor"/>.</summary>
    private HttpClient? _client;

    /// <summary>The API as the sponsor <see cref="TestUsers.Sponsor"/>, signed in after the test's reset.</summary>
    protected HttpClient Client => _client ??= App.ClientFor(TestUsers.Sponsor);

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }
}
