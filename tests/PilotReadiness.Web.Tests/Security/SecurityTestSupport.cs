using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Base of the security tests: the shared Postgres host, plus accounts made for one test (a user to lock out, an
/// invited person) that are deleted afterwards, since the per-test reset keeps the account tables.
/// </summary>
public abstract class SecurityTest(PostgresAppFactory app) : PostgresTest(app), IAsyncLifetime
{
    private readonly List<string> _emails = [];

    /// <summary>A new account with this role and <see cref="TestUsers.Password"/> (or none, like an invited person).</summary>
    protected async Task<TestUser> CreateUserAsync(string role, string? displayName = null, bool withPassword = true)
    {
        var user = new TestUser(NewEmail(role), displayName ?? $"{role} for one test", role);
        Remember(user.Email);
        await SecurityUsers.CreateAsync(App.Services, user, withPassword);
        return user;
    }

    /// <summary>A fresh address that no account has; deleted after the test if someone creates an account for it.</summary>
    protected string NewEmail(string what)
    {
        var email = $"{what.ToLowerInvariant()}-{Guid.NewGuid():N}@security.test";
        Remember(email);
        return email;
    }

    protected void Remember(string email) => _emails.Add(email);

    /// <summary>Another instance of the app on the same database, with <paramref name="configure"/> applied after the usual test settings.</summary>
    protected WebApplicationFactory<Program> NewHost(Action<IWebHostBuilder>? configure = null) =>
        App.WithWebHostBuilder(builder => configure?.Invoke(builder));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await SecurityUsers.DeleteAsync(App.Services, _emails);
        await DisposeAsync();
    }
}

internal static partial class SecurityUsers
{
    /// <summary>A sponsor who is made a collaborator on assessments, so that the other sponsor stays a stranger to them.</summary>
    public static readonly TestUser Collaborator = new("collaborator@security.test", "Cleo Collaborator", Roles.Sponsor);

    public static async Task<string> CreateAsync(IServiceProvider services, TestUser user, bool withPassword = true)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(user.Email) is { } existing)
        {
            return existing.Id;
        }

        var account = new AppUser { UserName = user.Email, Email = user.Email, EmailConfirmed = true, DisplayName = user.Name };
        var created = withPassword ? await users.CreateAsync(account, TestUsers.Password) : await users.CreateAsync(account);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var role = await users.AddToRoleAsync(account, user.Role);
        Assert.True(role.Succeeded, string.Join(" ", role.Errors.Select(e => e.Description)));
        return account.Id;
    }

    public static async Task<string> IdOfAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.True(user is not null, $"There is no account for {email}.");
        return user.Id;
    }

    public static async Task<AppUser?> FindAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    public static async Task DeleteAsync(IServiceProvider services, IEnumerable<string> emails)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var email in emails.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await users.FindByEmailAsync(email) is { } user)
            {
                await users.DeleteAsync(user);
            }
        }
    }

    /// <summary>A TCP port nobody listens on right now, for a server the test starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The antiforgery token in a page's forms.</summary>
    public static string AntiforgeryToken(WebPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var token = page.Document.QuerySelector($"input[name='{PageSession.TokenField}']")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"{page.Url} has no antiforgery token.");
        return token;
    }

    /// <summary>
    /// Posts the sign-in page's form by hand, with the antiforgery cookie in a header, so that the answer's Set-Cookie can
    /// be read (a <see cref="PageSession"/> keeps its cookies to itself).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInByHandAsync(HttpClient client, string email, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await form.Content.ReadAsStringAsync());
        var token = page.QuerySelector($"main input[name='{PageSession.TokenField}']")?.GetAttribute("value") ?? "";
        List<KeyValuePair<string, string>> fields =
            [new(PageSession.TokenField, token), new("Input.Email", email), new("Input.Password", TestUsers.Password)];
        if (returnUrl is not null)
        {
            fields.Add(new("ReturnUrl", returnUrl));
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", CookiesOf(form));
        return await client.SendAsync(post);
    }

    /// <summary>The Cookie header a browser would send back after <paramref name="response"/>.</summary>
    public static string CookiesOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);
    }

    /// <summary>The first absolute link in a text.</summary>
    public static Uri FirstLink(string text)
    {
        var match = Link().Match(text);
        Assert.True(match.Success, $"No link in: {text}");
        return new Uri(match.Value);
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Link();
}

/// <summary>A real SMTP server for the tests of one class, and an app instance that sends its email there.</summary>
public sealed class SmtpFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _host;

    public SimpleSmtpServer Server { get; private set; } = null!;

    public int Port { get; private set; }

    public Task InitializeAsync()
    {
        Port = SecurityUsers.FreePort();
        Server = SimpleSmtpServer.Start(Port);
        return Task.CompletedTask;
    }

    /// <summary>The app on the collection's database, with <c>Smtp:Host</c> and <c>Smtp:Port</c> pointing at <see cref="Server"/>.</summary>
    public WebApplicationFactory<Program> HostFor(PostgresAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return _host ??= app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    /// <summary>The one email sent to <paramref name="to"/>, waiting a little for it to arrive.</summary>
    public async Task<MimeMessage> EmailToAsync(string to)
    {
        for (var wait = 0; wait < 50; wait++)
        {
            var messages = Server.ReceivedEmail
                .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (messages.Count > 0)
            {
                Assert.Single(messages);
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(messages[0].Data));
                return await MimeMessage.LoadAsync(stream);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No email to {to} arrived at the test SMTP server on port {Port}.");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Server.Dispose();
    }
}
