using netDumbster.smtp;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace PilotReadiness.BrowserTests.Infrastructure;

/// <summary>
/// One real app on Kestrel (real port, real PostgreSQL with the app's own migrations and the demo portfolio) and one
/// headless Debian Chromium, shared by every browser test of a collection. Each test opens its own browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string PostgresVariable = "PILOTREADINESS_TEST_POSTGRES";
    public const string ChromiumVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    public BrowserFixture()
        : this("browser_tests")
    {
    }

    /// <summary>A fixture with a database of its own, named after <paramref name="purpose"/>.</summary>
    protected BrowserFixture(string purpose) => DatabaseName = $"pilotreadiness_{purpose}_{Environment.ProcessId}";

    /// <summary>One database per fixture and test process, so two runs on one server never share (or drop) each other's data.</summary>
    public string DatabaseName { get; }

    /// <summary>Desktop and phone viewports used by the tests and the screenshots.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private AppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's services, for arranging what no page can (an account of one's own for a test, emails in the outbox, a reviewer's decision).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    /// <summary>A JSON client for the app's API, used to set up data and to check what was saved.</summary>
    public HttpClient Api { get; private set; } = null!;


    public async Task InitializeAsync()
    {
        var connectionString = await RecreateDatabaseAsync();

        Smtp = SimpleSmtpServer.Start(FreePort());
        _app = new AppFactory(connectionString, Smtp.Configuration.Port);
        _app.UseKestrel(0);
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        using (var login = await Api.PostAsJsonAsync("api/auth/login", new { email = SponsorEmail, password = DemoPassword }))
        {
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
            Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        _playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = string.IsNullOrWhiteSpace(executable) ? "/usr/bin/chromium" : executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });

        // Sign in once through the sign-in page, as a person would, and give every new context that session.
        _signedIn = await SignInAsync(SponsorEmail);
    }

    /// <summary>How long the shared set-up waits for one sign-in: far longer than a test's own waits, since the app's first
    /// pages may still be compiling on a busy machine, and every test depends on this one step.</summary>
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Signs in through the sign-in page in a context of its own and returns that session's storage state. Every test
    /// starts from it, so one slow moment must not fail them all: the app's pages are warmed up first, the wait is on
    /// what matters (the session cookie, then the start page's answer) with a generous timeout, and a failed attempt
    /// is tried once more before the set-up fails with a message that says what happened.
    /// </summary>
    private async Task<string> SignInAsync(string email)
    {
        await WarmUpAsync();
        var failures = new List<string>();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                return await SignInOnceAsync(email);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                failures.Add($"attempt {attempt}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine($"Browser fixture: signing in as {email} failed ({failures[^1]}); {(attempt == 1 ? "trying once more" : "giving up")}.");
            }
        }

        throw new InvalidOperationException(
            $"The browser tests could not sign in as {email} through {BaseUrl}/account/login, twice, waiting up to " +
            $"{SignInTimeout.TotalSeconds:0} s each time, so none of them can run. Is the machine overloaded, or does the " +
            $"sign-in page fail? {string.Join(" | ", failures)}");
    }

    private async Task<string> SignInOnceAsync(string email)
    {
        var context = await NewContextAsync(signedIn: false);
        context.SetDefaultTimeout((float)SignInTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)SignInTimeout.TotalMilliseconds);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/login", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Signed in once the sign-in answer's redirect reaches the start page; its styles and scripts do not matter here.
            try
            {
                await page.WaitForURLAsync(BaseUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"the start page did not come within {SignInTimeout.TotalSeconds:0} s; the browser was at " +
                    $"{page.Url}, showing: {await ShownTextAsync(page)}");
            }

            var cookies = await context.CookiesAsync();
            if (!cookies.Any(c => c.Name == "PilotReadiness.Auth"))
            {
                throw new InvalidOperationException($"the start page was reached without a sign-in cookie (cookies: {string.Join(", ", cookies.Select(c => c.Name))})");
            }

            return await context.StorageStateAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The start of what a page shows, on one line, for a failure message.</summary>
    private static async Task<string> ShownTextAsync(IPage page)
    {
        try
        {
            var text = string.Join(' ', (await page.Locator("main").InnerTextAsync(new() { Timeout = 2_000 })).Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= 300 ? text : text[..300] + "…";
        }
        catch (PlaywrightException)
        {
            return "(nothing readable)";
        }
    }

    /// <summary>
    /// Asks the app for the sign-in page and the start page over HTTP (signed in with the API's token) until both
    /// answer, so their first, slowest requests are not the browser's.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var timeout = new CancellationTokenSource(SignInTimeout);
        foreach (var path in new[] { "account/login", "" })
        {
            for (var answered = false; !answered;)
            {
                string what;
                try
                {
                    using var response = await Api.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
                    answered = response.IsSuccessStatusCode;
                    what = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    what = e.Message;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    throw new InvalidOperationException(
                        $"The app at {BaseUrl} did not answer /{path} within {SignInTimeout.TotalSeconds:0} s, so the browser tests cannot start.");
                }

                if (!answered)
                {
                    Console.WriteLine($"Browser fixture: warming up /{path} gave {what}; asking again.");
                    await Task.Delay(500, CancellationToken.None); // the next request sees the timeout
                }
            }
        }
    }

    /// <summary>The demo reviewer (same demo password), for the pages only reviewers use.</summary>
    public const string ReviewerEmail = "reviewer@demo.local";

    private readonly Dictionary<string, string> _signedInAs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A new browser context signed in as the demo reviewer (signed in through the page on first use).</summary>
    public Task<IBrowserContext> NewReviewerContextAsync(ViewportSize? viewport = null) => NewContextAsAsync(ReviewerEmail, viewport);

    /// <summary>
    /// A new browser context signed in as the demo account <paramref name="email"/> (same demo password), signed in through
    /// the page on first use and the session reused after.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsAsync(string email, ViewportSize? viewport = null)
    {
        if (!_signedInAs.TryGetValue(email, out var state))
        {
            _signedInAs[email] = state = await SignInAsync(email);
        }

        return await ContextAsync(state, viewport);
    }

    /// <summary>The demo sponsor the browser tests act as (the demo portfolio is seeded with this password).</summary>
    public const string SponsorEmail = "sponsor@demo.local";

    public const string DemoPassword = "browser-demo-2026";

    private string? _signedIn;

    /// <summary>An SMTP server inside the test process: the app's emails (e.g. confirmation requests) arrive here.</summary>
    public SimpleSmtpServer Smtp { get; private set; } = null!;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Smtp?.Dispose();
        if (_browser is not null)
        {
            await using (_browser)
            {
                try
                {
                    await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    Console.WriteLine("Chromium did not close within 30 s; stopping the Playwright driver ends it.");
                }
            }
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A new browser context (its own cookies and storage) at the given viewport; dispose it at the end of the test.</summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, bool signedIn = true, string timeZone = "UTC") =>
        ContextAsync(signedIn ? _signedIn ?? throw new InvalidOperationException("Not signed in yet.") : null, viewport, timeZone);

    /// <summary>A new browser context with <paramref name="storageState"/>'s cookies (none for null).</summary>
    private async Task<IBrowserContext> ContextAsync(string? storageState, ViewportSize? viewport, string timeZone = "UTC")
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? Desktop,
            Locale = "en-GB",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        await context.AddInitScriptAsync(SubmitInstrumentation);
        return context;
    }

    /// <summary>
    /// Test-harness instrumentation, not part of the app, added to every page before its own scripts:
    /// <list type="bullet">
    /// <item>counts submit events and how many a page script cancelled, so a submit that went nowhere can say why;</item>
    /// <item>stops an endless submit loop: a script that calls <c>form.requestSubmit()</c> again from every submit event
    /// loops in microtasks forever and the tab (and Playwright with it) stops answering. After 50 calls in one task the
    /// guard throws instead, which ends the loop, and sets a flag. A page that behaves never comes near the limit.</item>
    /// </list>
    /// </summary>
    private const string SubmitInstrumentation = """
        (() => {
            const state = { fired: 0, cancelled: 0, loop: false };
            Object.defineProperty(window, "__testSubmits", { value: state });
            window.addEventListener("submit", (event) => {
                state.fired += 1;
                if (event.defaultPrevented) { state.cancelled += 1; }
            });
            const original = HTMLFormElement.prototype.requestSubmit;
            let calls = 0;
            HTMLFormElement.prototype.requestSubmit = function (...args) {
                if (calls === 0) { setTimeout(() => { calls = 0; }, 0); }
                calls += 1;
                if (calls > 50) {
                    state.loop = true;
                    throw new Error("Test guard: form.requestSubmit() was called more than 50 times in one task; stopping an endless submit loop.");
                }
                return original.apply(this, args);
            };
        })();
        """;

    /// <summary>Drops and recreates the test database on the server named by the environment; fails, never skips, without one.</summary>
    private async Task<string> RecreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The browser tests need a real PostgreSQL and {PostgresVariable} is not set. Run them with tests/run.sh " +
                "(it starts a throwaway PostgreSQL and exports the variable), or set it yourself, e.g. " +
                $"{PostgresVariable}=\"Host=127.0.0.1;Port=5433;Username=app;Password=app\" (no Database=: the tests " +
                $"drop and create '{DatabaseName}').");
        }

        var maintenance = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            try
            {
                await connection.OpenAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"Could not connect to the PostgreSQL server in {PostgresVariable} ({maintenance.Host}:{maintenance.Port}, " +
                    $"user {maintenance.Username}): {e.Message} Start one with tests/run.sh, or fix the variable.", e);
            }

            await PilotReadiness.Web.Tests.Infrastructure.PostgresDatabases.DropAsync(connection, DatabaseName);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>The app with its normal start-up path: migrations applied, demo portfolio seeded, quiet logs.</summary>
    private sealed class AppFactory(string connectionString, int smtpPort) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Demo:SeedOnStartup", "true");
            builder.UseSetting("Demo:Password", DemoPassword);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The outbox tests run the reminder scan and the sender themselves, so what the pages show does not depend on timing.
            builder.UseSetting("Scheduler:Enabled", "false");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// A browser fixture with a database of its own, for the tests that change what every other browser test relies on:
/// publishing a questionnaire version cannot be undone, and new assessments start on it from then on.
/// </summary>
public sealed class PublishingBrowserFixture() : BrowserFixture("browser_publishing");

/// <summary>Run on its own, after the shared collection, so the machine never carries two apps and two browsers at once.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishingCollectionDefinition : ICollectionFixture<PublishingBrowserFixture>
{
    public const string Name = "browser, own database";
}
