using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>
/// Base of the page tests: an empty database, the API <see cref="PostgresTest.Client"/> for arranging and checking,
/// and a <see cref="Browser"/> that drives the pages over HTTP with cookies and antiforgery tokens.
/// </summary>
public abstract partial class PageTest : PostgresTest, IAsyncLifetime
{
    private readonly List<PageSession> _sessions = [];

    protected PageTest(PostgresAppFactory app)
        : base(app) => Browser = NewSession();

    /// <summary>The sponsor's browser.</summary>
    protected PageSession Browser { get; }

    /// <summary>Another browser with its own cookies, signed in as <paramref name="user"/> (the sponsor unless told).</summary>
    protected PageSession NewSession(TestUser? user = null)
    {
        var session = new PageSession(App, user ?? TestUsers.Sponsor);
        _sessions.Add(session);
        return session;
    }

    protected static string StepUrl(Guid id, string section) => $"/assessments/{id}/steps/{section}";

    protected static string ReviewUrl(Guid id) => $"/assessments/{id}/review";

    protected static string ResultsUrl(Guid id) => $"/assessments/{id}/results";

    protected static string AutosaveUrl(Guid id, string section) => $"/assessments/{id}/steps/{section}?handler=Autosave";

    /// <summary>Starts an assessment through the "new" page; returns its id (the redirect goes to the first step).</summary>
    protected async Task<Guid> StartAsync(string title = "Invoice matching assistant", string description = "Matches invoices to purchase orders.")
    {
        var form = (await Browser.GetAsync("/assessments/new")).Expect(HttpStatusCode.OK).Form();
        var created = await form
            .Set("Input.Title", title)
            .Set("Input.BusinessUnit", "Finance")
            .Set("Input.Sponsor", "Amira Haddad")
            .Set("Input.Description", description)
            .SubmitAsync();
        var match = StepLocation().Match(created.RedirectLocation());
        Assert.True(match.Success, $"The new page redirected to {created.Location}, not to the first step.");
        Assert.Equal("commitment", match.Groups["section"].Value);
        return Guid.Parse(match.Groups["id"].Value);
    }

    /// <summary>Starts an assessment through the "new" page and answers every question well, so that it can be submitted.</summary>
    protected async Task<Guid> StartReadyAsync(string title = "Invoice matching assistant")
    {
        var id = await StartAsync(title);
        await Client.AnswerAsync(id, SampleAnswers.Ready());
        return id;
    }

    /// <summary>How many assessments the API lists.</summary>
    protected async Task<int> CountAssessmentsAsync()
    {
        using var response = await Client.GetAsync(new Uri("/api/assessments", UriKind.Relative));
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        return page.GetProperty("totalCount").GetInt32();
    }

    /// <summary>The answers of one section of <paramref name="answers"/> (API shapes) as form fields.</summary>
    protected static Dictionary<string, string[]> FormFields(IReadOnlyDictionary<string, object?> answers, string section) =>
        answers.Where(a => a.Key.StartsWith(section + ".", StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => FormValues(a.Value), StringComparer.Ordinal);

    /// <summary>An API-shaped answer as the values a form posts: yes/no for booleans, repeated values for a list.</summary>
    protected static string[] FormValues(object? answer) => answer switch
    {
        null => [],
        true => ["yes"],
        false => ["no"],
        string[] values => values,
        IEnumerable<string> values => [.. values],
        IFormattable number => [number.ToString(null, CultureInfo.InvariantCulture)],
        _ => [answer.ToString() ?? ""],
    };

    Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            session.Dispose();
        }

        return DisposeAsync();
    }

    [GeneratedRegex("^/assessments/(?<id>[0-9a-f-]{36})/steps/(?<section>[a-z-]+)$")]
    protected static partial Regex StepLocation();
}
