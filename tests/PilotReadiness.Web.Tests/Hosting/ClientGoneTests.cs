using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Hosting;
using PilotReadiness.Web.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace PilotReadiness.Web.Tests.Hosting;

/// <summary>
/// A page the browser stops loading (a tab closed, another link clicked) while the app waits on the database. In
/// Development no error page stands between the page and the request log, so this is where the abandoned request used to
/// be logged as an error that "responded 500".
/// </summary>
[Collection(nameof(ClientGoneTests))]
public sealed class ClientGoneTests : IAsyncLifetime, IDisposable
{
    private static readonly string DatabaseName = $"pilotreadiness_client_gone_{Environment.ProcessId}";
    private readonly Captured _log = new();
    private Factory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new Factory(await TestHost.RecreatePostgresDatabaseAsync(DatabaseName), _log);
        _ = _app.Server;
        await TestUsers.EnsureAsync(_app.Services);
    }

    [Fact]
    public async Task PageCancelledWhileWaitingOnTheDatabase_IsLoggedAtInformation_NotAsA500Error()
    {
        using var browser = new PageSession(_app, TestUsers.Sponsor);
        await browser.GetAsync("/"); // signs in
        await using var blocker = new NpgsqlConnection(_app.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"Assessments\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => browser.Client.GetAsync(new Uri("/assessments", UriKind.Relative), leave.Token));

        var logged = await _log.WaitForAsync(e => e.Properties.ContainsKey("StatusCode") && e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/assessments\"");
        await transaction.RollbackAsync();

        // Kestrel records 499; the in-memory test server marks the response started when the client leaves, so the status
        // it had (200) stays. Either way it is not an error and not a 500.
        Assert.Contains(logged.Properties["StatusCode"].ToString(), new[] { ClientGone.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), "200" });
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Null(logged.Exception);
        // No request is logged as an error (EF Core may still note the cancelled command itself; that is its own log).
        Assert.Empty(_log.Events.Where(e => e.Level >= LogEventLevel.Error && e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode"))
            .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Information
            && e.MessageTemplate.Text.StartsWith("The client went away before", StringComparison.Ordinal)
            && e.Properties.TryGetValue("Path", out var path) && path.ToString() == "\"/assessments\"");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app?.Dispose();

    /// <summary>The app in Development (no error page for pages), on a database of its own, its log events captured.</summary>
    private sealed class Factory(string connectionString, Captured log) : WebApplicationFactory<Program>
    {
        public string ConnectionString { get; } = connectionString;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            TestHost.Configure(builder, DatabaseSetup.Postgres, ConnectionString);
            builder.UseEnvironment("Development");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(log));
        }
    }

    private sealed class Captured : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match)
        {
            for (var i = 0; i < 150; i++)
            {
                if (Events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("The request was not logged within 15 s. Logged: " +
                string.Join(" | ", Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }
}

/// <summary>
/// Alone, after the tests that run side by side: the request log writes through Serilog's process-wide logger, which the
/// last app host started in the process sets, so with other hosts starting beside it the request could be logged to theirs.
/// </summary>
[CollectionDefinition(nameof(ClientGoneTests), DisableParallelization = true)]
public sealed class ClientGoneTestsRunAlone;
