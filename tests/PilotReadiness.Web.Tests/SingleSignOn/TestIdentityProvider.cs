using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PilotReadiness.Web.Tests.SingleSignOn;

/// <summary>Someone the test provider can sign in: the login_hint of the authorization request picks them.</summary>
public sealed record ProviderUser(string Subject, string Email, string Name, bool EmailVerified = true);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on Kestrel at 127.0.0.1 on a free port, in the test process: discovery,
/// authorization (code flow, PKCE required), token and userinfo endpoints, ephemeral keys. It needs no database: OpenIddict
/// runs in degraded mode and the handlers below do what its stores would, i.e. check the one registered client (id,
/// secret, redirect addresses). The authorization endpoint approves at once, for the person named by login_hint.
/// The id_token carries the subject only; email and name come from the userinfo endpoint, so that path is exercised.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "pilotreadiness-tests";
    public const string ClientSecret = "test-client-secret-2026";

    private readonly ConcurrentDictionary<string, ProviderUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:40123/ .</summary>
    public Uri Authority { get; }

    /// <summary>What the provider refused, e.g. an unknown redirect_uri: shown when a test fails.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public static async Task<TestIdentityProvider> StartAsync()
    {
        TestIdentityProvider? provider = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    provider!.Refuse(context, Errors.InvalidClient, $"unknown client_id {context.ClientId}");
                }
                else if (context.RedirectUri is null || !provider!._redirectUris.ContainsKey(context.RedirectUri))
                {
                    provider!.Refuse(context, Errors.InvalidRequest, $"unregistered redirect_uri {context.RedirectUri}");
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    provider!.Refuse(context, Errors.InvalidClient, $"wrong client credentials for {context.ClientId}");
                }

                return default;
            }));
            options.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var hint = context.Request.LoginHint ?? "";
                if (!provider!._users.TryGetValue(hint, out var user))
                {
                    provider.Refuse(context, Errors.LoginRequired, $"no test user for login_hint '{hint}'");
                    return default;
                }

                context.SignIn(Principal(user, context.Request.GetScopes()));
                return default;
            }));
            // OpenIddict fills in a few standard userinfo claims by itself; "name" and "email_verified" are added here.
            options.AddEventHandler<HandleUserInfoRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var principal = context.AccessTokenPrincipal;
                if (principal?.HasScope(Scopes.Profile) == true)
                {
                    context.Claims[Claims.Name] = principal.GetClaim(Claims.Name);
                }

                if (principal?.HasScope(Scopes.Email) == true && bool.TryParse(principal.GetClaim(Claims.EmailVerified), out var verified))
                {
                    context.EmailVerified = verified;
                }

                return default;
            }));
        });

        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider = new TestIdentityProvider(app, new Uri(address.TrimEnd('/') + "/"));
        return provider;
    }

    /// <summary>Registers an address the client may ask the code to be sent to (the app's /signin-oidc).</summary>
    public void AllowRedirectUri(string uri) => _redirectUris[uri] = true;

    /// <summary>Someone who can sign in here; the test names them in login_hint.</summary>
    public ProviderUser AddUser(ProviderUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _users[user.Email] = user;
        return user;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static ClaimsPrincipal Principal(ProviderUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "TestIdentityProvider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailVerified)
            .SetClaim(Claims.Name, user.Name);
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type == Claims.Subject
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private void Refuse(BaseValidatingContext context, string error, string description)
    {
        _refusals.Enqueue(description);
        context.Reject(error, description);
    }
}
