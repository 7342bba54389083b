using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.SingleSignOn;

/// <summary>
/// The app on Kestrel at a real port, on its own PostgreSQL database, with single sign-on pointed at
/// <paramref name="authority"/>: the provider must reach the app's /signin-oidc and the app the provider's token endpoint,
/// both over real HTTP.
/// </summary>
public sealed class SsoApp(string database, Uri authority, bool autoProvision) : WebApplicationFactory<Program>
{
    public const string DisplayName = "Test Provider";

    private string _connectionString = "";

    /// <summary>e.g. http://127.0.0.1:40124/ .</summary>
    public Uri BaseAddress { get; private set; } = new("http://unstarted/");

    public Uri Url(string relative) => new(BaseAddress, relative);

    public async Task StartAsync()
    {
        _connectionString = await TestHost.RecreatePostgresDatabaseAsync(database);
        UseKestrel(0);
        StartServer(); // the app migrates the empty database
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        await TestUsers.EnsureAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        TestHost.Configure(builder, DatabaseSetup.Postgres, _connectionString);
        builder.UseSetting("Authentication:Oidc:Authority", authority.ToString());
        builder.UseSetting("Authentication:Oidc:ClientId", TestIdentityProvider.ClientId);
        builder.UseSetting("Authentication:Oidc:ClientSecret", TestIdentityProvider.ClientSecret);
        builder.UseSetting("Authentication:Oidc:DisplayName", DisplayName);
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
        builder.UseSetting("Authentication:Oidc:AutoProvision", autoProvision ? "true" : "false");
    }
}

/// <summary>The provider and two installations: one where only invited people may use SSO, one that creates accounts.</summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public static readonly ProviderUser Sponsor = new("sso-user-1", TestUsers.Sponsor.Email, TestUsers.Sponsor.Name);
    public static readonly ProviderUser Stranger = new("sso-user-2", "stranger@test.local", "Stella Stranger");
    public static readonly ProviderUser Newcomer = new("sso-user-3", "newcomer@test.local", "Nia Newcomer");
    public static readonly ProviderUser Unverified = new("sso-user-4", TestUsers.OtherSponsor.Email, "Not Really Olu", EmailVerified: false);
    public static readonly ProviderUser Locked = new("sso-user-5", "locked@test.local", "Lou Locked");
    public static readonly ProviderUser Reviewer = new("sso-user-6", TestUsers.Reviewer.Email, TestUsers.Reviewer.Name);

    /// <summary>One database per installation and test process, dropped at the end, like <see cref="PostgresAppFactory"/>'s.</summary>
    private static readonly string InvitedOnlyDatabase = $"pilotreadiness_sso_tests_{Environment.ProcessId}";
    private static readonly string AutoProvisioningDatabase = $"pilotreadiness_sso_provision_tests_{Environment.ProcessId}";

    public TestIdentityProvider Provider { get; private set; } = null!;

    /// <summary>AutoProvision off (the default): only people with an account may sign in with SSO.</summary>
    public SsoApp InvitedOnly { get; private set; } = null!;

    /// <summary>AutoProvision on: a first-time SSO user gets an account with the default role.</summary>
    public SsoApp AutoProvisioning { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = TestHost.PostgresServer(); // fails, with how to get one, before anything starts
        Provider = await TestIdentityProvider.StartAsync();
        foreach (var user in new[] { Sponsor, Stranger, Newcomer, Unverified, Locked, Reviewer })
        {
            Provider.AddUser(user);
        }

        InvitedOnly = new SsoApp(InvitedOnlyDatabase, Provider.Authority, autoProvision: false);
        AutoProvisioning = new SsoApp(AutoProvisioningDatabase, Provider.Authority, autoProvision: true);
        foreach (var app in new[] { InvitedOnly, AutoProvisioning })
        {
            await app.StartAsync();
            Provider.AllowRedirectUri(app.Url("signin-oidc").ToString());
        }
    }

    public async Task DisposeAsync()
    {
        if (AutoProvisioning is not null)
        {
            await AutoProvisioning.DisposeAsync();
        }

        if (InvitedOnly is not null)
        {
            await InvitedOnly.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await TestHost.DropPostgresDatabaseAsync(InvitedOnlyDatabase);
            await TestHost.DropPostgresDatabaseAsync(AutoProvisioningDatabase);
        }

        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}

/// <summary>One answer on the way: where it was asked, what came back, where it points next.</summary>
public sealed record Hop(Uri Url, HttpStatusCode Status, Uri? Location, string Body)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The text of the elements matching <paramref name="selector"/>, whitespace collapsed.</summary>
    public IReadOnlyList<string> Texts(string selector) =>
        [.. Parser.ParseDocument(Body).QuerySelectorAll(selector).Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    public override string ToString() => $"{(int)Status} {Url}{(Location is null ? "" : $" -> {Location}")}";
}

/// <summary>
/// A browser without script: one cookie jar across the app and the provider, redirects followed by hand so each hop
/// can be checked. At the provider's authorization endpoint it "types" who signs in, as login_hint.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _client;

    public Browser()
    {
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies });
    }

    public CookieContainer Cookies { get; } = new();

    public async Task<Hop> GetAsync(Uri url)
    {
        using var response = await _client.GetAsync(url);
        var location = response.Headers.Location is { } l ? new Uri(url, l) : null;
        return new Hop(url, response.StatusCode, location, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="url"/> and every redirect after it; the last hop is the first answer that is not one.</summary>
    public async Task<IReadOnlyList<Hop>> FollowAsync(Uri url, ProviderUser signInAs)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(signInAs);
        var hops = new List<Hop>();
        var next = url;
        for (var i = 0; i < 10; i++)
        {
            if (next.AbsolutePath.EndsWith("/connect/authorize", StringComparison.Ordinal))
            {
                next = new Uri($"{next}&login_hint={Uri.EscapeDataString(signInAs.Email)}");
            }

            var hop = await GetAsync(next);
            hops.Add(hop);
            if (hop.Status != HttpStatusCode.Found || hop.Location is null)
            {
                return hops;
            }

            next = hop.Location;
        }

        throw new InvalidOperationException($"More than 10 redirects: {string.Join(" | ", hops)}");
    }

    public void Dispose() => _client.Dispose();
}
