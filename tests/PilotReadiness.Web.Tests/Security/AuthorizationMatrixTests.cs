using PilotReadiness.Domain.Questionnaires;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Security.Outcome;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Every endpoint of the app against every kind of person, as docs/security.md and Auth/AccessRules.cs say:
/// <list type="bullet">
/// <item>Anonymous visitor: signs in, resets a password, follows an invitation or a confirmation link, reads the health
/// checks, the OpenAPI document and the API reference (/api/docs). Everything else sends them to sign in (pages) or
/// answers 401 (API).</item>
/// <item>Owner (the sponsor who started the assessment): reads and changes it, chooses its collaborators.</item>
/// <item>Collaborator (a sponsor the owner added): reads and changes it like the owner, but may not add or remove
/// collaborators (AccessRules.CanManageCollaborators). Elsewhere a sponsor like any other.</item>
/// <item>Other sponsor: may start assessments, but someone else's answers 404, as if it did not exist
/// (AccessRules.VisibleTo), for reading and changing alike.</item>
/// <item>Reviewer: reads every assessment; every change answers 403 (AccessRules.CanEdit and CanManageCollaborators need
/// the owner or a collaborator, as a sponsor). The wizard's step page sends readers to the results.</item>
/// <item>Reviewer, and only a reviewer: records leadership's decisions and marks their conditions met (policy Reviewer);
/// everyone who reads an assessment reads its decisions.</item>
/// <item>Admin: reads every assessment like a reviewer and, alone, manages users on /admin/users and the organisation's
/// settings on /admin/settings, and sees the outbox on /admin/outbox.</item>
/// <item>Everyone signed in manages their own two-step verification; its code step of signing in is open.</item>
/// <item>The portfolio (page and API) is for reviewers and admins; sponsors get 403.</item>
/// <item>Starting an assessment (page and API) needs the Sponsor role. Sign-up (POST /api/auth/register) is closed: 404
/// for everyone; so is single sign-on while it is not configured.</item>
/// <item>A person named for a role (production owner, ...) confirms it through an emailed single-use link, no account needed;
/// asking them is a change to the assessment (owner and collaborators).</item>
/// </list>
/// The first test fails naming any endpoint that has no row here (or a row without an endpoint), so a new endpoint
/// cannot ship without its rule. The theory runs each row for the six actors against a real assessment owned by
/// <see cref="TestUsers.Sponsor"/> with <see cref="SecurityUsers.Collaborator"/> as its collaborator.
/// </summary>
public sealed partial class AuthorizationMatrixTests(PostgresAppFactory app) : SecurityTest(app)
{
    // The rules the rows use. Columns: anonymous, owner, collaborator, other sponsor, reviewer, admin.
    private static readonly Expected Public = new(Allowed, Allowed, Allowed, Allowed, Allowed, Allowed);
    private static readonly Expected SignedIn = new(SignIn, Allowed, Allowed, Allowed, Allowed, Allowed);
    private static readonly Expected ReadAssessment = new(SignIn, Allowed, Allowed, NotFound, Allowed, Allowed);
    private static readonly Expected ChangeAssessment = new(SignIn, Allowed, Allowed, NotFound, Forbidden, Forbidden);
    private static readonly Expected ManageCollaborators = new(SignIn, Allowed, Forbidden, NotFound, Forbidden, Forbidden);
    private static readonly Expected SponsorsOnly = new(SignIn, Allowed, Allowed, Allowed, Forbidden, Forbidden);
    private static readonly Expected AdminsOnly = new(SignIn, Forbidden, Forbidden, Forbidden, Forbidden, Allowed);
    private static readonly Expected PortfolioReaders = new(SignIn, Forbidden, Forbidden, Forbidden, Allowed, Allowed);
    private static readonly Expected ReviewersOnly = new(SignIn, Forbidden, Forbidden, Forbidden, Allowed, Forbidden);
    private static readonly Expected Closed = new(NotFound, NotFound, NotFound, NotFound, NotFound, NotFound);
    private static readonly Expected ReviewersOfVisible = new(SignIn, Forbidden, Forbidden, NotFound, Allowed, Forbidden);
    // After launch (AccessRules.May(user, LiveAction, current)): go-live, the plan and the check-in link are for the
    // pilot's sponsors and reviewers; ingestion keys for the sponsor who owns it and admins; daily figures take only the
    // pilot's ingestion key, so every person, signed in or not, is told to send one (401).
    private static readonly Expected LiveStewards = new(SignIn, Allowed, Allowed, NotFound, Allowed, Forbidden);
    private static readonly Expected KeyManagers = new(SignIn, Allowed, Forbidden, NotFound, Forbidden, Allowed);
    private static readonly Expected IngestionKeyOnly = new(SignIn, SignIn, SignIn, SignIn, SignIn, SignIn);

    /// <summary>
    /// THE table: "METHOD /route[?handler=X]" → the outcome for anonymous, owner, collaborator, other sponsor, reviewer,
    /// admin (the rules above). "ANY" is an endpoint that takes every method (the health checks).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, Expected> Matrix = new Dictionary<string, Expected>(StringComparer.Ordinal)
    {
        // Health checks, the API description and reference: for load balancers and developers, no sign-in.
        ["ANY /healthz"] = Public,
        ["ANY /healthz/ready"] = Public,
        ["GET /openapi/{documentName}.json"] = Public,
        ["GET /api/docs/{documentName?}"] = Public,
        ["GET /api/docs/scalar.js"] = Public,
        ["GET /api/docs/scalar.aspnetcore.js"] = Public,
        ["GET /api/docs/favicon.svg"] = Public,

        // Identity's API: signing in and recovering an account are open; /manage needs a token; sign-up is closed;
        // manage/2fa is not served at all (two-step verification is managed on the account pages, ADR 0008).
        ["POST /api/auth/register"] = Closed,
        ["POST /api/auth/login"] = Public,
        ["POST /api/auth/refresh"] = Public,
        ["GET /api/auth/confirmEmail"] = Public,
        ["POST /api/auth/resendConfirmationEmail"] = Public,
        ["POST /api/auth/forgotPassword"] = Public,
        ["POST /api/auth/resetPassword"] = Public,
        ["GET /api/auth/manage/info"] = SignedIn,
        ["POST /api/auth/manage/info"] = SignedIn,

        // Single sign-on answers 404 while it is off (no Authentication:Oidc:Authority), as here; when on, anyone may start it.
        ["GET /account/sso/start"] = Closed,
        ["GET /account/sso/complete"] = Closed,

        // The assessments API.
        ["GET /api/questionnaire"] = SignedIn,
        ["GET /api/questionnaires/schema"] = Public,
        ["GET /api/questionnaires/{version:int}"] = AdminsOnly,
        ["POST /api/questionnaires/draft"] = AdminsOnly,
        ["GET /api/assessments"] = SignedIn,
        ["POST /api/assessments"] = SponsorsOnly,
        ["GET /api/assessments/{id:guid}"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/score"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/history"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/report.pdf"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/report.docx"] = ReadAssessment,
        ["PUT /api/assessments/{id:guid}/answers"] = ChangeAssessment,
        ["PUT /api/assessments/{id:guid}/details"] = ChangeAssessment,
        ["POST /api/assessments/{id:guid}/submit"] = ChangeAssessment,
        ["POST /api/assessments/{id:guid}/reopen"] = ChangeAssessment,
        ["POST /api/assessments/{id:guid}/confirmations"] = ChangeAssessment,
        ["POST /api/assessments/{id:guid}/collaborators"] = ManageCollaborators,
        ["DELETE /api/assessments/{id:guid}/collaborators/{userId}"] = ManageCollaborators,

        // Decisions (tried on a submitted assessment with a conditional go): whoever reads the assessment reads its
        // decisions; only reviewers record them and mark conditions met (policy Reviewer, so 403 before any lookup).
        ["GET /api/assessments/{id:guid}/decisions"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/decisions/{decisionId:guid}"] = ReadAssessment,
        ["POST /api/assessments/{id:guid}/decisions"] = ReviewersOnly,
        ["POST /api/assessments/{id:guid}/decisions/{decisionId:guid}/conditions/{conditionId:guid}/met"] = ReviewersOnly,
        // Versions: whoever reads a pilot reads all its versions and compares them; re-assessing is a change (the
        // matrix's assessment is a draft, so the owner and collaborator are let in and told 409: submit it first).
        ["POST /api/assessments/{id:guid}/reassess"] = ChangeAssessment,
        // Waivers of a gate: readers list them; the owner and collaborators ask for one (the matrix's assessment is a draft:
        // let in and told 409); reviewers approve or refuse (policy Reviewer, so 403 before any lookup; let in, told 428).
        ["GET /api/assessments/{id:guid}/waivers"] = ReadAssessment,
        ["POST /api/assessments/{id:guid}/waivers"] = ChangeAssessment,
        ["POST /api/assessments/{id:guid}/waivers/{waiverId:guid}/approve"] = ReviewersOnly,
        ["POST /api/assessments/{id:guid}/waivers/{waiverId:guid}/refuse"] = ReviewersOnly,
        ["GET /api/assessments/{id:guid}/versions"] = ReadAssessment,
        ["GET /api/assessments/{id:guid}/compare"] = ReadAssessment,
        // Evidence: whoever reads the assessment lists and downloads it; adding and removing are changes (the removal is
        // sent with a stale If-Match, so an allowed actor is told 412 and the evidence stays for the next one).
        ["GET /api/assessments/{id:guid}/evidence"] = ReadAssessment,
        ["POST /api/assessments/{id:guid}/evidence"] = ChangeAssessment,
        ["GET /api/assessments/{id:guid}/evidence/{evidenceId:guid}/file"] = ReadAssessment,
        ["DELETE /api/assessments/{id:guid}/evidence/{evidenceId:guid}"] = ChangeAssessment,

        // Pages anyone may open: signing in and out, account recovery, invitations, the error and status pages.
        ["GET /account/login"] = Public,
        ["POST /account/login"] = Public,
        // The code step of signing in (without the password step first it sends back to sign in).
        ["GET /account/login/two-factor"] = Public,
        ["POST /account/login/two-factor"] = Public,
        ["GET /account/logout"] = Public,
        ["POST /account/logout"] = Public,
        ["GET /account/forgot-password"] = Public,
        ["POST /account/forgot-password"] = Public,
        ["GET /account/reset-password"] = Public,
        ["POST /account/reset-password"] = Public,
        ["GET /account/accept-invitation"] = Public,
        ["POST /account/accept-invitation"] = Public,
        ["GET /Error"] = Public,
        ["POST /Error"] = Public,
        ["GET /Status/{code:int}"] = Public,
        ["POST /Status/{code:int}"] = Public,

        // A person named for a role answers through the emailed single-use link, without an account (an unknown link: 410).
        ["GET /confirm/{token}"] = Public,
        ["POST /confirm/{token}"] = Public,

        // Pages for everyone signed in.
        ["GET /"] = SignedIn,
        ["GET /Index"] = SignedIn,
        ["GET /assessments"] = SignedIn,
        ["GET /account/change-password"] = SignedIn,
        ["POST /account/change-password"] = SignedIn,
        // Everyone's own two-step verification (when the organisation requires it, staff are sent to enrol first).
        ["GET /account/two-factor"] = SignedIn,
        ["POST /account/two-factor?handler=RecoveryCodes"] = SignedIn,
        ["POST /account/two-factor?handler=Disable"] = SignedIn,
        ["GET /account/two-factor/enrol"] = SignedIn,
        ["POST /account/two-factor/enrol"] = SignedIn,

        // Starting an assessment: sponsors.
        ["GET /assessments/new"] = SponsorsOnly,
        ["POST /assessments/new"] = SponsorsOnly,

        // One assessment: readers read; the owner and collaborators change; the owner manages collaborators.
        ["GET /assessments/{id:guid}/results"] = ReadAssessment,
        ["GET /assessments/{id:guid}/history"] = ReadAssessment,
        ["GET /assessments/{id:guid}/report"] = ReadAssessment,
        ["GET /assessments/{id:guid}/review"] = ReadAssessment,
        ["GET /assessments/{id:guid}/steps/{section}"] = ReadAssessment,
        ["POST /assessments/{id:guid}/steps/{section}"] = ChangeAssessment,
        // Changing a draft's title and other details; readers are sent to the review page.
        ["GET /assessments/{id:guid}/details"] = ReadAssessment,
        ["POST /assessments/{id:guid}/details"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/steps/{section}?handler=Autosave"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/review?handler=Submit"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/review?handler=Reopen"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/review?handler=RequestConfirmation"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/review?handler=AddCollaborator"] = ManageCollaborators,
        ["POST /assessments/{id:guid}/review?handler=RemoveCollaborator"] = ManageCollaborators,
        ["POST /assessments/{id:guid}/results?handler=Reassess"] = ChangeAssessment,
        ["GET /assessments/{id:guid}/versions"] = ReadAssessment,
        ["GET /assessments/{id:guid}/compare"] = ReadAssessment,
        // The evidence of one answer: readers see it; the owner and collaborators add and remove it.
        ["GET /assessments/{id:guid}/evidence/{questionKey}/{handler?}"] = ReadAssessment,
        ["POST /assessments/{id:guid}/evidence/{questionKey}/{handler?}?handler=Add"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/evidence/{questionKey}/{handler?}?handler=Remove"] = ChangeAssessment,
        // The waivers page: readers see it; asking is a change; answering is a reviewer's (through the door, so someone who
        // cannot see the assessment gets 404 before the role is looked at).
        ["GET /assessments/{id:guid}/waivers/{handler?}"] = ReadAssessment,
        ["POST /assessments/{id:guid}/waivers/{handler?}?handler=Request"] = ChangeAssessment,
        ["POST /assessments/{id:guid}/waivers/{handler?}?handler=Approve"] = ReviewersOfVisible,
        ["POST /assessments/{id:guid}/waivers/{handler?}?handler=Refuse"] = ReviewersOfVisible,

        // The portfolio dashboard and its API: reviewers and admins (Policies.Portfolio); sponsors are refused.
        ["GET /portfolio"] = PortfolioReaders,
        ["GET /portfolio/not-applicable"] = PortfolioReaders,
        ["GET /api/portfolio"] = PortfolioReaders,
        ["GET /api/portfolio/summary"] = PortfolioReaders,
        ["GET /api/portfolio/export"] = PortfolioReaders,
        ["GET /api/portfolio/reports.zip"] = PortfolioReaders,
        // Recording a decision and marking its conditions met: reviewers.
        ["GET /assessments/{id:guid}/decide"] = ReviewersOnly,
        ["POST /assessments/{id:guid}/decide"] = ReviewersOnly,
        ["POST /assessments/{id:guid}/decide?handler=MarkMet"] = ReviewersOnly,

        // After launch (tried on a live pilot like the decided assessment above, with an ingestion key issued).
        ["GET /api/live/{pilotId:guid}"] = ReadAssessment,
        ["POST /api/live/{pilotId:guid}/go-live"] = LiveStewards,
        ["PUT /api/live/{pilotId:guid}/plan"] = LiveStewards,
        ["POST /api/live/{pilotId:guid}/check-in-link"] = LiveStewards,
        ["POST /api/live/{pilotId:guid}/check-ins"] = ChangeAssessment,
        ["POST /api/live/{pilotId:guid}/check-ins/{checkInId:guid}/correction"] = ChangeAssessment,
        ["POST /api/live/{pilotId:guid}/keys"] = KeyManagers,
        ["DELETE /api/live/{pilotId:guid}/keys/{keyId:guid}"] = KeyManagers,
        ["POST /api/live/{pilotId:guid}/signals"] = IngestionKeyOnly,
        ["GET /live/{pilotId:guid}"] = ReadAssessment,
        ["POST /live/{pilotId:guid}?handler=SendLink"] = LiveStewards,
        ["GET /live/{pilotId:guid}/go-live"] = LiveStewards,
        ["POST /live/{pilotId:guid}/go-live"] = LiveStewards,
        ["GET /live/{pilotId:guid}/plan"] = LiveStewards,
        ["POST /live/{pilotId:guid}/plan"] = LiveStewards,
        ["GET /live/{pilotId:guid}/check-in"] = ChangeAssessment,
        ["POST /live/{pilotId:guid}/check-in"] = ChangeAssessment,
        ["POST /live/{pilotId:guid}/check-in?handler=Autosave"] = ChangeAssessment,
        ["POST /live/{pilotId:guid}/check-in?handler=SaveDraft"] = ChangeAssessment,
        ["GET /live/{pilotId:guid}/keys"] = KeyManagers,
        ["POST /live/{pilotId:guid}/keys?handler=Issue"] = KeyManagers,
        ["POST /live/{pilotId:guid}/keys?handler=Revoke"] = KeyManagers,
        // The production owner files a check-in through the emailed single-use link, without an account (an unknown link: 410).
        ["GET /check-in/{token}"] = Public,
        ["POST /check-in/{token}"] = Public,
        ["POST /check-in/{token}?handler=Autosave"] = Public,
        ["POST /check-in/{token}?handler=SaveDraft"] = Public,

        // Outcomes: whoever reads the pilot reads them; reviewers record them (policy Reviewer, so 403 before any lookup).
        // Calibration, over every pilot with an outcome: reviewers and admins, as the portfolio.
        ["GET /api/live/{pilotId:guid}/outcome"] = ReadAssessment,
        ["POST /api/live/{pilotId:guid}/outcome"] = ReviewersOnly,
        ["GET /live/{pilotId:guid}/outcome"] = ReviewersOnly,
        ["POST /live/{pilotId:guid}/outcome"] = ReviewersOnly,
        ["GET /calibration"] = PortfolioReaders,
        ["GET /api/calibration"] = PortfolioReaders,
        ["GET /api/calibration/export"] = PortfolioReaders,

        // Managing people: admins.
        ["GET /admin/users"] = AdminsOnly,
        ["POST /admin/users?handler=Invite"] = AdminsOnly,
        ["POST /admin/users?handler=Roles"] = AdminsOnly,
        ["POST /admin/users?handler=Lock"] = AdminsOnly,
        ["POST /admin/users?handler=Unlock"] = AdminsOnly,
        ["POST /admin/users?handler=Resend"] = AdminsOnly,
        ["POST /admin/users?handler=TwoFactorOff"] = AdminsOnly,
        ["GET /admin/settings"] = AdminsOnly,
        ["POST /admin/settings"] = AdminsOnly,
        // The outbox: what the app emailed on its own, and retrying a failed email (here an unknown one: 409, nothing changes).
        ["GET /admin/questionnaires"] = AdminsOnly,
        ["POST /admin/questionnaires?handler=Start"] = AdminsOnly,
        ["POST /admin/questionnaires?handler=Import"] = AdminsOnly,
        ["GET /admin/questionnaires/draft"] = AdminsOnly,
        ["POST /admin/questionnaires/draft?handler=Scoring"] = AdminsOnly,
        ["POST /admin/questionnaires/draft?handler=Publish"] = AdminsOnly,
        ["POST /admin/questionnaires/draft?handler=Discard"] = AdminsOnly,
        ["GET /admin/outbox"] = AdminsOnly,
        ["POST /admin/outbox?handler=Retry"] = AdminsOnly,
    };

    /// <summary>Request bodies for API endpoints that need one to get past model binding; others get <c>{}</c> or none.</summary>
    private static readonly Dictionary<string, object> ApiBodies = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["POST /api/assessments"] = new { title = "Matrix pilot", businessUnit = "Finance", sponsor = "Amira Haddad", description = "" },
        ["PUT /api/assessments/{id:guid}/answers"] = new { answers = new Dictionary<string, object>() },
        ["PUT /api/assessments/{id:guid}/details"] = new { title = "Matrix pilot", businessUnit = "Finance", sponsor = "Amira Haddad" },
        ["POST /api/assessments/{id:guid}/collaborators"] = new { email = "nobody@example.com" },
        ["POST /api/assessments/{id:guid}/confirmations"] = new { questionKey = "after-demo.production-owner", email = "nobody@example.com" },
        // A complete sign-up, so that the answer is about sign-up being closed, not about the body.
        ["POST /api/auth/register"] = new { email = "newcomer@example.com", password = "a-long-enough-password" },
        ["POST /api/auth/resendConfirmationEmail"] = new { email = "nobody@example.com" },
        ["POST /api/auth/forgotPassword"] = new { email = "nobody@example.com" },
        ["POST /api/auth/resetPassword"] = new { email = "nobody@example.com", resetCode = "bm90LWEtY29kZQ", newPassword = "a-long-enough-password" },
    };

    public static TheoryData<string> Rows => new(Matrix.Keys.Order(StringComparer.Ordinal));

    /// <summary>Every page handler that takes a POST, except the error and status pages (they change nothing and skip the check).</summary>
    public static TheoryData<string> PagePosts => new(Matrix.Keys
        .Where(k => k.StartsWith("POST /", StringComparison.Ordinal) && IsPage(Split(k).Route)
            && !k.StartsWith("POST /Error", StringComparison.Ordinal) && !k.StartsWith("POST /Status/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal));

    [Fact]
    public async Task Matrix_HasARowForEveryEndpointAndNoOther()
    {
        var endpoints = await EnumerateEndpointsAsync(App.Services);

        var missing = endpoints.Except(Matrix.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = Matrix.Keys.Except(endpoints).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            (missing.Count == 0 ? "" : "Endpoints with no row in AuthorizationMatrixTests.Matrix (add one, with the rule from AccessRules):\n  "
                + string.Join("\n  ", missing) + "\n") +
            (stale.Count == 0 ? "" : $"Rows for endpoints the app no longer has:\n  {string.Join("\n  ", stale)}"));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Endpoint_AnswersEachActorAsTheMatrixSays(string endpoint)
    {
        var expected = Matrix[endpoint];
        var world = await ArrangeAsync();
        if (IsAboutDecisions(endpoint))
        {
            world = await WithDecisionAsync(App, Client, world);
        }

        if (IsAboutLive(endpoint))
        {
            world = await WithLivePilotAsync(App, Client, world);
        }
        var wrong = new List<string>();

        foreach (var actor in Enum.GetValues<Actor>())
        {
            var (outcome, answer) = await SendAsync(endpoint, actor, world);
            if (outcome != expected.For(actor))
            {
                wrong.Add($"{actor}: expected {expected.For(actor)}, got {outcome} ({answer})");
            }
        }

        Assert.True(wrong.Count == 0, $"{endpoint}\n  {string.Join("\n  ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(PagePosts))]
    public async Task PagePost_WithoutAntiforgeryToken_IsRefusedBeforeItsHandler(string endpoint)
    {
        var world = await ArrangeAsync();
        // Someone the row lets in, so that only the missing token can refuse it.
        var actor = Matrix[endpoint].Owner == Allowed ? Actor.Owner : Matrix[endpoint].Admin == Allowed ? Actor.Admin : Actor.Reviewer;
        var (_, route, handler) = Split(endpoint);
        var session = (await ActorsAsync()).Session(actor);

        var page = await session.Browser.PostAsync(UrlFor(route, world) + (handler is null ? "" : "?handler=" + handler),
            FormFields(endpoint, session.Token, world).Where(f => f.Key != PageSession.TokenField));

        Assert.True(page.Status == HttpStatusCode.BadRequest && page.Text.Contains(UnreadRequest, StringComparison.Ordinal),
            $"{endpoint} without a token, as {actor}: {(int)page.Status} {page.Location}");
        Assert.Equal(world.Version, (await Client.GetAssessmentAsync(world.AssessmentId)).Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task OtherSponsor_ListsSearchesAndHome_DoNotRevealTheAssessment()
    {
        await ArrangeAsync();
        var actors = await ActorsAsync();
        using var other = App.CreateClient().Authorize(actors.Token(Actor.OtherSponsor));
        using var reviewer = App.CreateClient().Authorize(actors.Token(Actor.Reviewer));
        var browser = actors.Session(Actor.OtherSponsor).Browser;

        foreach (var query in new[] { "", "?status=draft", "?pageSize=100" })
        {
            using var theirs = await other.GetAsync(new Uri("/api/assessments" + query, UriKind.Relative));
            using var all = await reviewer.GetAsync(new Uri("/api/assessments" + query, UriKind.Relative));
            Assert.Equal(0, (await theirs.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
            Assert.Equal(1, (await all.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32());
        }

        foreach (var url in new[] { "/assessments", "/assessments?q=Matrix", "/assessments?status=draft", "/" })
        {
            var page = (await browser.GetAsync(url)).Expect(HttpStatusCode.OK);
            Assert.DoesNotContain("Matrix pilot", page.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every route endpoint as "METHOD /pattern": API endpoints with each of their HTTP methods, Razor pages with each
    /// handler method (OnGet, OnPost, OnPostXxx as POST ...?handler=Xxx).
    /// </summary>
    internal static async Task<IReadOnlySet<string>> EnumerateEndpointsAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }

            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    keys.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
                }
            }
            else
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                foreach (var method in methods is { Count: > 0 } ? methods : ["ANY"])
                {
                    keys.Add($"{method} {route}");
                }
            }
        }

        return keys;
    }

    /// <summary>The assessment the rows are tried on, and what a request about it needs.</summary>
    internal sealed record World(Guid AssessmentId, int Version, string CollaboratorId)
    {
        /// <summary>A file of evidence on the assessment, for the evidence rows.</summary>
        public Guid EvidenceId { get; init; }

        /// <summary>For the decision rows: a second such assessment, submitted, with a conditional go (see <see cref="WithDecisionAsync"/>).</summary>
        public Guid? DecidedAssessmentId { get; init; }

        public int DecidedVersion { get; init; }

        public Guid DecisionId { get; init; }

        public Guid ConditionId { get; init; }

        /// <summary>For the after-launch rows: the decided pilot, gone live (see <see cref="WithLivePilotAsync"/>).</summary>
        public Guid? LivePilotId { get; init; }

        public Guid KeyId { get; init; }
    }

    /// <summary>Routes about a pilot after launch are tried on one that went live.</summary>
    internal static bool IsAboutLive(string endpoint) => endpoint.Contains("{pilotId:guid}", StringComparison.Ordinal);

    /// <summary>
    /// Adds to <paramref name="world"/> the decided assessment of <see cref="WithDecisionAsync"/>, gone live four weeks
    /// ago through the domain, with an ingestion key issued by its owner.
    /// </summary>
    internal static async Task<World> WithLivePilotAsync(PostgresAppFactory app, HttpClient owner, World world)
    {
        ArgumentNullException.ThrowIfNull(app);
        world = await WithDecisionAsync(app, owner, world);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilotReadiness.Web.Data.AppDbContext>();
        var assessment = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Assessments, a => a.Id == world.DecidedAssessmentId);
        var now = DateTimeOffset.UtcNow;
        var plan = new Domain.Live.PlanDraft(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-28), "Accounts payable", 40, 80, 4,
            "Olga Owner", "owner@example.com", "Quinn Quality", null, "The match is right the first time.", 80);
        var live = Domain.Live.LivePilot.GoLive(assessment, null, plan, TestUsers.Sponsor.Name, now);
        var key = live.IssueKey("matrix-key-hash", "prk_matrix", TestUsers.Sponsor.Name, now);
        db.LivePilots.Add(live);
        await db.SaveChangesAsync();
        return world with { LivePilotId = live.PilotId, KeyId = key.Id };
    }

    /// <summary>Routes about decisions are tried on an assessment that can have them: submitted and decided.</summary>
    internal static bool IsAboutDecisions(string endpoint) =>
        endpoint.Contains("/decisions", StringComparison.Ordinal) || endpoint.Contains("/decide", StringComparison.Ordinal);

    /// <summary>
    /// Adds to <paramref name="world"/> a second assessment like the first (owner, collaborator), submitted, with a
    /// conditional go recorded through the domain, as a reviewer would.
    /// </summary>
    internal static async Task<World> WithDecisionAsync(PostgresAppFactory app, HttpClient owner, World world)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(world);
        var decided = await ArrangeAsync(app, owner);
        using (var submitted = await owner.PostActionAsync(decided.AssessmentId, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PilotReadiness.Web.Data.AppDbContext>();
        var assessment = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Assessments, a => a.Id == decided.AssessmentId);
        var now = DateTimeOffset.UtcNow;
        var decision = Domain.Decisions.Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, Domain.Decisions.DecisionOutcome.GoWithConditions,
            "Matrix decision", null, [new Domain.Decisions.ConditionDraft("Matrix condition", "Cleo Collaborator", DateOnly.FromDateTime(now.UtcDateTime).AddDays(30))],
            "matrix-reviewer", TestUsers.Reviewer.Name, now);
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return world with
        {
            DecidedAssessmentId = assessment.Id,
            DecidedVersion = assessment.Version,
            DecisionId = decision.Id,
            ConditionId = decision.Conditions[0].Id,
        };
    }

    /// <summary>An assessment owned by the sponsor, with <see cref="SecurityUsers.Collaborator"/> as collaborator.</summary>
    internal static async Task<World> ArrangeAsync(PostgresAppFactory app, HttpClient owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var collaboratorId = await SecurityUsers.CreateAsync(app.Services, SecurityUsers.Collaborator);
        var created = await owner.CreateReadyAssessmentAsync("Matrix pilot");
        var evidenceId = await owner.AddFileAsync(created.Id);
        using var added = await owner.PostAsJsonAsync($"/api/assessments/{created.Id}/collaborators", new { email = SecurityUsers.Collaborator.Email });
        var body = await added.ReadJsonAsync(HttpStatusCode.OK);
        return new World(created.Id, body.GetProperty("version").GetInt32(), collaboratorId) { EvidenceId = evidenceId };
    }

    /// <summary>The URL of a route with its parameters filled in for <paramref name="world"/>.</summary>
    internal static string UrlFor(string route, World world) => RouteParameter().Replace(route, match => match.Groups["name"].Value switch
    {
        "id" when IsAboutDecisions(route) && world.DecidedAssessmentId is { } decided => decided.ToString(),
        "id" => world.AssessmentId.ToString(),
        "decisionId" => world.DecisionId.ToString(),
        "conditionId" => world.ConditionId.ToString(),
        "pilotId" => (world.LivePilotId ?? Guid.Empty).ToString(),
        "keyId" => world.KeyId.ToString(),
        "checkInId" => "0190a000-0000-7000-8000-000000000001",
        "evidenceId" => world.EvidenceId.ToString(),
        "waiverId" => Guid.Empty.ToString(),
        "questionKey" => EvidenceSamples.QuestionKey,
        "handler" => "",
        "section" => "commitment",
        "userId" => world.CollaboratorId,
        "code" => "404",
        "version" => "2",
        "token" => "not-a-link-anyone-was-sent",
        "documentName" when match.Groups["optional"].Success => "",
        "documentName" => "v1",
        var name => throw new InvalidOperationException($"The matrix does not know what to put in {{{name}}} of {route}."),
    }).Replace("//", "/", StringComparison.Ordinal).TrimEnd('/') is { Length: > 0 } url ? url : "/";

    private Task<World> ArrangeAsync() => ArrangeAsync(App, Client);

    private async Task<(Outcome Outcome, string Answer)> SendAsync(string endpoint, Actor actor, World world)
    {
        var (method, route, handler) = Split(endpoint);
        var url = UrlFor(route, world) + (handler is null ? "" : "?handler=" + handler);
        return IsPage(route) ? await SendPageAsync(endpoint, method, url, actor, world) : await SendApiAsync(endpoint, method, url, actor);
    }

    private async Task<(Outcome, string)> SendApiAsync(string endpoint, string method, string url, Actor actor)
    {
        var actors = await ActorsAsync();
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (actor != Actor.Anonymous)
        {
            client.Authorize(actors.Token(actor));
        }

        using var request = new HttpRequestMessage(new HttpMethod(method == "ANY" ? "GET" : method), url);
        if (endpoint == "DELETE /api/assessments/{id:guid}/evidence/{evidenceId:guid}")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        }

        if (endpoint == "POST /api/assessments/{id:guid}/evidence")
        {
            request.Content = EvidenceSamples.Form(url: "https://wiki.example.com/matrix");
        }
        else if (ApiBodies.TryGetValue(endpoint, out var body))
        {
            request.Content = JsonContent.Create(body);
        }
        else if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return Classify(response.StatusCode, response.Headers.Location?.OriginalString);
    }

    private async Task<(Outcome, string)> SendPageAsync(string endpoint, string method, string url, Actor actor, World world)
    {
        // Signing out ends the session, so that row gets sessions of its own.
        var signsOut = endpoint == "POST /account/logout";
        var session = signsOut ? await ActorSession.StartAsync(App, actor) : (await ActorsAsync()).Session(actor);
        try
        {
            var page = method == "GET"
                ? await session.Browser.GetAsync(url)
                : await session.Browser.PostAsync(url, FormFields(endpoint, session.Token, world));
            return page.Status == HttpStatusCode.BadRequest && page.Text.Contains(UnreadRequest, StringComparison.Ordinal)
                ? (Unread, "400: " + UnreadRequest)
                : Classify(page.Status, page.Location);
        }
        finally
        {
            if (signsOut)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>The heading of the status page for a 400 (Pages/Status.cshtml.cs).</summary>
    private const string UnreadRequest = "That request could not be read";

    /// <summary>Minimal fields that look valid: the antiforgery token, the version the form was read at, and what a handler needs.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string endpoint, string token, World world)
    {
        var fields = new List<KeyValuePair<string, string>> { new(PageSession.TokenField, token) };
        if (endpoint.Contains("{id:guid}", StringComparison.Ordinal))
        {
            var version = IsAboutDecisions(endpoint) && world.DecidedAssessmentId is not null ? world.DecidedVersion : world.Version;
            fields.Add(new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (endpoint.EndsWith("/decide?handler=MarkMet", StringComparison.Ordinal))
        {
            fields.AddRange([new("decisionId", world.DecisionId.ToString()), new("conditionId", world.ConditionId.ToString())]);
        }

        if (endpoint.EndsWith("/evidence/{questionKey}/{handler?}?handler=Remove", StringComparison.Ordinal))
        {
            fields.Add(new("evidenceId", world.EvidenceId.ToString()));
        }

        if (endpoint.EndsWith("?handler=AddCollaborator", StringComparison.Ordinal))
        {
            fields.Add(new("CollaboratorEmail", "nobody@example.com"));
        }

        if (endpoint.EndsWith("?handler=RemoveCollaborator", StringComparison.Ordinal))
        {
            fields.Add(new("userId", world.CollaboratorId));
        }

        if (endpoint.EndsWith("?handler=RequestConfirmation", StringComparison.Ordinal))
        {
            fields.AddRange([new("questionKey", "after-demo.production-owner"), new("ConfirmationEmail", "nobody@example.com")]);
        }

        // An admin's change to a person who changed since the page was read: refused as a conflict, so nothing changes.
        if (endpoint.EndsWith("?handler=Roles", StringComparison.Ordinal))
        {
            fields.AddRange([new("RoleChange.UserId", world.CollaboratorId), new("RoleChange.Stamp", "stale"), new("RoleChange.Selected", "Sponsor")]);
        }

        // Settings saved at a version nobody saw: refused as a conflict, so the requirement never changes here.
        if (endpoint == "POST /admin/settings")
        {
            fields.AddRange([new("Input.Version", "999"), new("Input.RequireTwoFactorForStaff", "true")]);
        }

        if (endpoint.EndsWith("?handler=Lock", StringComparison.Ordinal) || endpoint.EndsWith("?handler=Unlock", StringComparison.Ordinal)
            || endpoint.EndsWith("?handler=Resend", StringComparison.Ordinal) || endpoint.EndsWith("?handler=TwoFactorOff", StringComparison.Ordinal))
        {
            fields.AddRange([new("Target.UserId", world.CollaboratorId), new("Target.Stamp", "stale")]);
        }

        return fields;
    }

    internal static (Outcome Outcome, string Answer) Classify(HttpStatusCode status, string? location)
    {
        var answer = $"{(int)status}{(location is null ? "" : " to " + location)}";
        var target = location is null ? null : new Uri(new Uri("http://localhost"), location);
        var outcome = status switch
        {
            HttpStatusCode.Unauthorized => SignIn,
            HttpStatusCode.Forbidden => Forbidden,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb
                when target is not null && target.AbsolutePath.Equals("/account/login", StringComparison.OrdinalIgnoreCase)
                    && target.Query.Contains("ReturnUrl=", StringComparison.OrdinalIgnoreCase) => SignIn,
            HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb
                when target is not null && target.AbsolutePath.Equals("/Status/403", StringComparison.OrdinalIgnoreCase) => Forbidden,
            _ => Allowed,
        };
        return (outcome, answer);
    }

    /// <summary>Razor pages, driven by a browser session; the rest (API, health checks, OpenAPI) by an HTTP client.</summary>
    private static bool IsPage(string route) =>
        !(route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/healthz", StringComparison.Ordinal)
            || route.StartsWith("/openapi/", StringComparison.Ordinal));

    private static (string Method, string Route, string? Handler) Split(string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = endpoint[..space];
        var rest = endpoint[(space + 1)..];
        var query = rest.IndexOf("?handler=", StringComparison.Ordinal);
        return query < 0 ? (method, rest, null) : (method, rest[..query], rest[(query + "?handler=".Length)..]);
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}?]+)?(?<optional>\?)?\}")]
    private static partial Regex RouteParameter();

    // Signing in through the page hashes a password; doing it 5 times for each of ~70 rows would dominate the run, so
    // the six browsers (and bearer tokens) are made once per host and reused by every row. Nothing a row does to an
    // actor outlives it: POSTs carry minimal fields (refused with 400), and signing out gets its own sessions.
    private static ActorSessions? _actors;

    private async Task<ActorSessions> ActorsAsync()
    {
        if (_actors is null || !ReferenceEquals(_actors.App, App))
        {
            _actors?.Dispose();
            _actors = await ActorSessions.StartAsync(App);
        }

        // A row that changes an account's security stamp (a password or role change) rightly ends that account's
        // sessions; sign that actor in again rather than let the next rows see a signed-out actor.
        await _actors.RenewEndedAsync();
        return _actors;
    }

    private sealed class ActorSessions(PostgresAppFactory app, Dictionary<Actor, ActorSession> sessions) : IDisposable
    {
        public PostgresAppFactory App { get; } = app;

        public ActorSession Session(Actor actor) => sessions[actor];

        public string Token(Actor actor) => sessions[actor].BearerToken ?? throw new InvalidOperationException($"{actor} has no token.");

        public async Task RenewEndedAsync()
        {
            foreach (var actor in sessions.Keys.Where(a => a != Actor.Anonymous).ToList())
            {
                var probe = await sessions[actor].Browser.GetAsync("/account/change-password");
                using var api = App.CreateClient().Authorize(Token(actor));
                using var apiProbe = await api.GetAsync(new Uri("/api/questionnaire", UriKind.Relative));
                if (probe.Status != HttpStatusCode.OK || apiProbe.StatusCode != HttpStatusCode.OK)
                {
                    sessions[actor].Dispose();
                    sessions[actor] = await ActorSession.StartAsync(App, actor);
                }
            }
        }

        public static async Task<ActorSessions> StartAsync(PostgresAppFactory app)
        {
            await SecurityUsers.CreateAsync(app.Services, SecurityUsers.Collaborator);
            var sessions = new Dictionary<Actor, ActorSession>();
            foreach (var actor in Enum.GetValues<Actor>())
            {
                sessions[actor] = await ActorSession.StartAsync(app, actor);
            }

            return new ActorSessions(app, sessions);
        }

        public void Dispose()
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>One actor's browser, signed in through the page, its antiforgery token, and a bearer token for the API.</summary>
    private sealed class ActorSession(PageSession browser, string token, string? bearerToken) : IDisposable
    {
        public PageSession Browser { get; } = browser;

        /// <summary>Antiforgery tokens belong to the session (and its user), not to a page: one serves every form.</summary>
        public string Token { get; } = token;

        public string? BearerToken { get; } = bearerToken;

        public static TestUser? UserOf(Actor actor) => actor switch
        {
            Actor.Anonymous => null,
            Actor.Owner => TestUsers.Sponsor,
            Actor.Collaborator => SecurityUsers.Collaborator,
            Actor.OtherSponsor => TestUsers.OtherSponsor,
            Actor.Reviewer => TestUsers.Reviewer,
            Actor.Admin => TestUsers.Admin,
            _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
        };

        public static async Task<ActorSession> StartAsync(PostgresAppFactory app, Actor actor)
        {
            var user = UserOf(actor);
            var browser = new PageSession(app, user);
            // The sign-in page is open to everyone, signed in or not: a token from it is good for any form of the session.
            var login = (await browser.GetAsync("/account/login")).Expect(HttpStatusCode.OK);
            var bearer = user is null ? null : await TestUsers.LoginAsync(app, user);
            return new ActorSession(browser, SecurityUsers.AntiforgeryToken(login), bearer);
        }

        public void Dispose() => Browser.Dispose();
    }
}

/// <summary>What an actor gets from an endpoint.</summary>
public enum Outcome
{
    /// <summary>The request reached the handler: not 401/403/404, not sent to sign in or to the 403 page (a 400 for missing fields is fine).</summary>
    Allowed,

    /// <summary>404: the assessment is not theirs to read, exactly as if it did not exist (or the endpoint is closed).</summary>
    NotFound,

    /// <summary>403 from the API; a page sends them to /Status/403.</summary>
    Forbidden,

    /// <summary>401 from the API; a page sends them to /account/login?ReturnUrl=….</summary>
    SignIn,

    /// <summary>
    /// A page POST refused with 400 before its handler ran (the friendly "could not be read" page: antiforgery or binding).
    /// Never expected: it means the test's request was wrong, and would hide whether the handler allows the actor.
    /// </summary>
    Unread,
}

public enum Actor
{
    Anonymous,
    OtherSponsor,
    Reviewer,
    Admin,

    /// <summary>A sponsor the owner made a collaborator (<see cref="SecurityUsers.Collaborator"/>).</summary>
    Collaborator,

    /// <summary>Last, because the owner's allowed requests change the assessment (submit, remove the collaborator).</summary>
    Owner,
}

/// <summary>The expected outcome for each actor, in the table's column order.</summary>
public sealed record Expected(Outcome Anonymous, Outcome Owner, Outcome Collaborator, Outcome OtherSponsor, Outcome Reviewer, Outcome Admin)
{
    public Outcome For(Actor actor) => actor switch
    {
        Actor.Anonymous => Anonymous,
        Actor.Owner => Owner,
        Actor.Collaborator => Collaborator,
        Actor.OtherSponsor => OtherSponsor,
        Actor.Reviewer => Reviewer,
        Actor.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
    };
}
