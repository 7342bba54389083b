using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Data;

/// <summary>
/// The app on a real PostgreSQL that goes away and comes back (through <see cref="TcpFaultProxy"/>): 503 with
/// Retry-After for pages and API while it is away, no hang, service again without a restart when it is back, nothing
/// acknowledged lost; and a real bug is still a 500. The quick, in-CI part of docs/reliability.md.
/// </summary>
public sealed class DatabaseOutageTests(OutageAppFactory app) : IClassFixture<OutageAppFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.RestoreAsync();

    public Task DisposeAsync() => app.RestoreAsync();

    [Fact]
    public async Task DatabaseDown_Pages_Answer503WithRetryAfterAndTheBackInAMomentPage()
    {
        using var sponsor = new PageSession(app, TestUsers.Sponsor);
        (await sponsor.GetAsync("/assessments")).Expect(HttpStatusCode.OK);
        using var visitor = new PageSession(app);
        var signIn = (await visitor.GetAsync("/account/login")).Expect(HttpStatusCode.OK).Form()
            .Set("Input.Email", TestUsers.Reviewer.Email).Set("Input.Password", TestUsers.Password);

        app.Proxy.Cut();
        // Signed in: the session check reads the account first. Signing in: the page's handler reads it.
        using var list = await sponsor.Client.GetAsync(new Uri("/assessments", UriKind.Relative));
        using var form = new FormUrlEncodedContent(signIn.Fields);
        using var signedIn = await visitor.Client.PostAsync(new Uri(signIn.Action, UriKind.Relative), form);

        foreach (var response in new[] { list, signedIn })
        {
            await AssertBackInAMomentAsync(response);
        }
    }

    [Fact]
    public async Task DatabaseDown_Api_Answers503ProblemWithRetryAfter()
    {
        using var client = app.CreateClient().Authorize(await TestUsers.LoginAsync(app, TestUsers.Sponsor));
        var assessment = await client.CreateAssessmentAsync();
        using var anonymous = app.CreateClient();

        app.Proxy.Cut();
        using var list = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        using var save = await client.PutAnswersAsync(assessment.Id, new Dictionary<string, object?> { ["involvement.daily-users"] = 12 }, assessment.ETag);
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = TestUsers.Reviewer.Email, password = TestUsers.Password });

        foreach (var response in new[] { list, save, login })
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The database is unavailable", problem.GetProperty("title").GetString());
            AssertRetryAfter(response);
        }
    }

    [Fact]
    public async Task DatabaseDown_ReadinessIsUnhealthy_LivenessStaysUp()
    {
        using var client = app.CreateClient();

        app.Proxy.Cut();
        using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task DatabaseBack_ServesAgainWithoutRestart_AcknowledgedWritesKeptRefusedOnesAbsent()
    {
        using var client = app.CreateClient().Authorize(await TestUsers.LoginAsync(app, TestUsers.Sponsor));
        var created = await client.CreateAssessmentAsync("Kept through an outage");
        var saved = await client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.daily-users"] = 24 });

        app.Proxy.Cut();
        using var refused = await client.PutAnswersAsync(created.Id, new Dictionary<string, object?> { ["involvement.daily-users"] = 99 }, saved.ETag);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        await app.RestoreAsync();

        var after = await client.GetAssessmentAsync(created.Id);
        Assert.Equal(24, after.Answers.GetProperty("involvement.daily-users").GetInt32());
        Assert.Equal(saved.ETag, after.ETag);
        var again = await client.AnswerAsync(created.Id, new Dictionary<string, object?> { ["involvement.daily-users"] = 30 });
        Assert.Equal(30, again.Answers.GetProperty("involvement.daily-users").GetInt32());
    }

    [Fact]
    public async Task DatabaseUnanswering_RequestsGiveUpWithA503InsteadOfHanging()
    {
        // The client gives up long after the app's connect timeout (5 s): a hang fails the test instead of stalling it.
        using var client = app.CreateClient().Authorize(await TestUsers.LoginAsync(app, TestUsers.Sponsor));
        client.Timeout = TimeSpan.FromSeconds(60);

        app.Proxy.BlackHole();
        app.ClearConnectionPool(); // no open connection left: the next request has to open one, and nobody answers
        using var list = await client.GetAsync(new Uri("/api/assessments", UriKind.Relative));

        await list.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        AssertRetryAfter(list);
    }

    [Fact]
    public void ConnectionString_WithoutTimeoutsOrJit_GetsShortTimeoutsAndJitOff_ExplicitOnesKept()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAppDefaults("Host=db;Username=app;Database=app"));
        var explicitOnes = new NpgsqlConnectionStringBuilder(
            DatabaseSetup.WithAppDefaults("Host=db;Username=app;Database=app;Timeout=20;Command Timeout=120;Options=-c jit=on"));
        var otherOptions = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAppDefaults("Host=db;Username=app;Database=app;Options=-c search_path=app"));

        Assert.Equal((DatabaseSetup.ConnectTimeoutSeconds, DatabaseSetup.CommandTimeoutSeconds, "-c jit=off"), (defaults.Timeout, defaults.CommandTimeout, defaults.Options));
        Assert.Equal((20, 120, "-c jit=on"), (explicitOnes.Timeout, explicitOnes.CommandTimeout, explicitOnes.Options));
        Assert.Equal("-c search_path=app -c jit=off", otherOptions.Options);
        Assert.InRange(DatabaseSetup.ConnectTimeoutSeconds, 1, 10);
    }

    [Fact]
    public async Task ThrownBug_StillAnswers500_PageAndApi()
    {
        using var sponsor = new PageSession(app, TestUsers.Sponsor);
        using var api = app.CreateClient().Authorize(await TestUsers.LoginAsync(app, TestUsers.Sponsor));

        var page = (await sponsor.GetAsync(OutageAppFactory.BugPath)).Expect(HttpStatusCode.InternalServerError);
        using var response = await api.GetAsync(new Uri("/api" + OutageAppFactory.BugPath, UriKind.Relative));

        Assert.Contains("Something went wrong on our side", page.Text, StringComparison.Ordinal);
        await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task DatabaseErrorThatIsNotAnOutage_StillAnswers500()
    {
        using var sponsor = new PageSession(app, TestUsers.Sponsor);
        using var api = app.CreateClient().Authorize(await TestUsers.LoginAsync(app, TestUsers.Sponsor));
        (await sponsor.GetAsync("/assessments")).Expect(HttpStatusCode.OK);

        // A schema that does not match the code (a forgotten migration) is a bug, not an outage.
        await app.ExecuteSqlAsync("""ALTER TABLE "Assessments" RENAME TO "AssessmentsElsewhere" """);
        try
        {
            var page = (await sponsor.GetAsync("/assessments")).Expect(HttpStatusCode.InternalServerError);
            using var response = await api.GetAsync(new Uri("/api/assessments", UriKind.Relative));

            Assert.Contains("Something went wrong on our side", page.Text, StringComparison.Ordinal);
            await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        }
        finally
        {
            await app.ExecuteSqlAsync("""ALTER TABLE "AssessmentsElsewhere" RENAME TO "Assessments" """);
        }
    }

    private static async Task AssertBackInAMomentAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Back in a moment</h1>", body, StringComparison.Ordinal);
        AssertRetryAfter(response);
        Assert.True(response.Headers.Contains("Content-Security-Policy"), $"No CSP on the page: {response.Headers}");
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static void AssertRetryAfter(HttpResponseMessage response) =>
        Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailableHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
}

/// <summary>
/// The app on a database of its own, reached through a <see cref="TcpFaultProxy"/>; every signed-in request checks its
/// session in the database (<c>Auth:SessionCheckSeconds=0</c>), and <see cref="BugPath"/> throws, as a bug would.
/// </summary>
public sealed class OutageAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string BugPath = "/test-bug";

    private static readonly string DatabaseName = $"pilotreadiness_outage_tests_{Environment.ProcessId}";

    private string _direct = "";
    private string _proxied = "";

    public TcpFaultProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _direct = await TestHost.RecreatePostgresDatabaseAsync(DatabaseName);
        var server = new NpgsqlConnectionStringBuilder(_direct);
        Proxy = new TcpFaultProxy(server.Host!, server.Port);
        _proxied = new NpgsqlConnectionStringBuilder(_direct) { Host = "127.0.0.1", Port = Proxy.Port }.ConnectionString;
        _ = Server; // starts the host: the app migrates its database through the proxy
        await TestUsers.EnsureAsync(Services);
    }

    /// <summary>Gives the database back and waits until the app answers from it again (its readiness check is 200).</summary>
    public async Task RestoreAsync()
    {
        Proxy.Restore();
        using var client = CreateClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The app did not answer from its database within 10 s of the database's return.");
    }

    /// <summary>Closes the app's idle pooled connections, so its next query has to open a new one.</summary>
    public void ClearConnectionPool()
    {
        using var connection = new NpgsqlConnection(DatabaseSetup.WithAppDefaults(_proxied));
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>Runs SQL on the test database directly, not through the proxy.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_direct);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        TestHost.Configure(builder, DatabaseSetup.Postgres, _proxied);
        builder.UseSetting("Auth:SessionCheckSeconds", "0");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BugEndpoint>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Proxy.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestHost.DropPostgresDatabaseAsync(DatabaseName);
    }

    /// <summary>After the app's own pipeline (inside its error handling), <see cref="BugPath"/> throws; other misses stay 404.</summary>
    private sealed class BugEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context =>
            {
                if (context.Request.Path.Value?.EndsWith(BugPath, StringComparison.Ordinal) == true)
                {
                    throw new InvalidOperationException("A bug: this path always throws.");
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        };
    }
}
