using System.Globalization;
using System.Net;
using System.Text.Json;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary><c>GET /api/portfolio</c> against PostgreSQL: every filter, the search, sorting on every column, paging.</summary>
public sealed class PortfolioApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private HttpClient? _reviewer;

    private HttpClient Reviewer => _reviewer ??= App.ClientFor(TestUsers.Reviewer);

    /// <summary>
    /// Three pilots: Alpha (Finance, Amira, every answer at its best, submitted: go); Bravo (Sales, Grace, nothing
    /// answered, draft: no-go with every gate); Charlie (Finance, Grace, submitted, then its production owner declined:
    /// not-ready).
    /// </summary>
    private async Task ArrangeThreeAsync()
    {
        await Client.PilotAsync("Alpha invoice matching", "Finance", "Amira Haddad", SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("Bravo sales notes", "Sales", "Grace Okafor");
        var charlie = await Client.PilotAsync("Charlie expense checks", "Finance", "Grace Okafor", SampleAnswers.Ready(), submit: true);
        await PortfolioData.DeclineAsync(App.Services, charlie);
    }

    [Theory]
    [InlineData("", "Alpha invoice matching|Bravo sales notes|Charlie expense checks")]
    [InlineData("bu=Finance", "Alpha invoice matching|Charlie expense checks")]
    [InlineData("bu=Sales", "Bravo sales notes")]
    [InlineData("status=draft", "Bravo sales notes")]
    [InlineData("status=submitted", "Alpha invoice matching|Charlie expense checks")]
    [InlineData("verdict=go", "Alpha invoice matching")]
    [InlineData("verdict=not-ready", "Charlie expense checks")]
    [InlineData("verdict=no-go", "Bravo sales notes")]
    [InlineData("verdict=go-with-conditions", "")]
    [InlineData("sponsor=Grace%20Okafor", "Bravo sales notes|Charlie expense checks")]
    [InlineData("sponsor=grace", "Bravo sales notes|Charlie expense checks")]
    [InlineData("sponsor=Okafor%20X", "")]
    [InlineData("gate=no-production-owner", "Bravo sales notes|Charlie expense checks")]
    [InlineData("gate=pilot-theatre", "Bravo sales notes")]
    [InlineData("gate=integration-not-budgeted", "")]
    [InlineData("bu=Finance&status=submitted&verdict=not-ready&sponsor=Grace%20Okafor&gate=no-production-owner", "Charlie expense checks")]
    [InlineData("q=finance", "Alpha invoice matching|Charlie expense checks")]
    [InlineData("q=GRACE", "Bravo sales notes|Charlie expense checks")]
    [InlineData("q=notes", "Bravo sales notes")]
    public async Task List_EachFilter_SelectsExactlyItsPilots(string query, string expected)
    {
        await ArrangeThreeAsync();

        var titles = await Reviewer.TitlesAsync(query + "&sort=title&dir=asc");

        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), titles);
    }

    [Fact]
    public async Task List_DateRange_IsInclusiveOnTheDayOfTheLastChange()
    {
        await ArrangeThreeAsync();
        var items = (await Reviewer.GetJsonAsync("/api/portfolio?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var ids = items.ToDictionary(i => i.GetProperty("title").GetString()!, i => i.GetProperty("id").GetGuid());
        await PortfolioData.SetAsync(App, ids["Alpha invoice matching"], "\"UpdatedAt\" = @at", ("at", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        await PortfolioData.SetAsync(App, ids["Bravo sales notes"], "\"UpdatedAt\" = @at", ("at", new DateTimeOffset(2026, 3, 10, 23, 59, 59, TimeSpan.Zero)));
        await PortfolioData.SetAsync(App, ids["Charlie expense checks"], "\"UpdatedAt\" = @at", ("at", new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(["Alpha invoice matching", "Bravo sales notes"], await Reviewer.TitlesAsync("from=2026-03-01&to=2026-03-10&sort=title&dir=asc"));
        Assert.Equal(["Bravo sales notes", "Charlie expense checks"], await Reviewer.TitlesAsync("from=2026-03-02&sort=title&dir=asc"));
        Assert.Equal(["Alpha invoice matching"], await Reviewer.TitlesAsync("to=2026-03-09"));
        Assert.Equal(["Charlie expense checks"], await Reviewer.TitlesAsync("from=2026-03-11&to=2026-03-11"));
        Assert.Empty(await Reviewer.TitlesAsync("from=2026-03-02&to=2026-03-09"));
    }

    [Fact]
    public async Task List_BusinessUnitWithNoPilots_IsAnEmptyPageNotAnError()
    {
        await ArrangeThreeAsync();

        var page = await Reviewer.GetJsonAsync("/api/portfolio?bu=Legal");
        var summary = await Reviewer.GetJsonAsync("/api/portfolio/summary?bu=Legal");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(0, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("totalPages").GetInt32());
        Assert.Equal(0, summary.GetProperty("total").GetInt32());
        Assert.All(summary.GetProperty("verdicts").EnumerateObject(), v => Assert.Equal(0, v.Value.GetInt32()));
        Assert.All(summary.GetProperty("sectionAverages").EnumerateObject(), v => Assert.Equal(JsonValueKind.Null, v.Value.ValueKind));
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("killers").GetProperty("mostCommon").ValueKind);
        Assert.Empty(summary.GetProperty("heatMap").GetProperty("businessUnits").EnumerateArray());
    }

    [Theory]
    [InlineData("%", "Cut costs by 50% \"fast\"")]
    [InlineData("50%", "Cut costs by 50% \"fast\"")]
    [InlineData("_", "Route tickets_by_queue")]
    [InlineData("s_b", "Route tickets_by_queue")]
    [InlineData("\"fast\"", "Cut costs by 50% \"fast\"")]
    [InlineData("\"", "Cut costs by 50% \"fast\"")]
    [InlineData("'", "O'Brien's ledger bot")]
    [InlineData("\\", "Path C:\\reports parser")]
    [InlineData("c:\\r", "Path C:\\reports parser")]
    [InlineData("% \"", "Cut costs by 50% \"fast\"")]
    [InlineData("[a-z]", "")]
    public async Task Search_QuotesPercentUnderscoreAndBackslash_AreLiteral(string q, string expected)
    {
        foreach (var title in new[]
        {
            "Cut costs by 50% \"fast\"", "Cut costs by 500 fast", "Route tickets_by_queue", "Route ticketsXbyXqueue",
            "O'Brien's ledger bot", "Path C:\\reports parser", "Path C:/reports parser",
        })
        {
            await Client.PilotAsync(title);
        }

        var titles = await Reviewer.TitlesAsync("q=" + Uri.EscapeDataString(q));

        Assert.Equal(expected.Length == 0 ? [] : [expected], titles);
    }

    /// <summary>Sort keys and how to read each from an item, for checking the order the API returns.</summary>
    public static TheoryData<string, string> Sorts()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in new[]
        {
            "title", "business-unit", "sponsor", "status", "verdict", "overall", "commitment", "involvement", "after-demo",
            "integration", "workflow", "ownership", "decision", "updated", "submitted",
        })
        {
            data.Add(key, "asc");
            data.Add(key, "desc");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Sort_EveryColumnInBothDirections_OrdersByItThenById(string sort, string dir)
    {
        await ArrangeSortableAsync();

        var items = (await Reviewer.GetJsonAsync($"/api/portfolio?pageSize=100&sort={sort}&dir={dir}")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(6, items.Count);
        var descending = dir == "desc";
        for (var i = 1; i < items.Count; i++)
        {
            var (before, after) = (SortValue(items[i - 1], sort, descending), SortValue(items[i], sort, descending));
            var order = Comparer<IComparable>.Default.Compare(before, after);
            if (order == 0)
            {
                // Ties are broken by the id, in the same direction (PostgreSQL orders uuids as their text).
                order = string.CompareOrdinal(items[i - 1].GetProperty("id").GetString(), items[i].GetProperty("id").GetString());
            }

            Assert.True(descending ? order > 0 : order < 0,
                $"sort={sort}&dir={dir}: item {i - 1} ({before}) and item {i} ({after}) are out of order.");
        }
    }

    [Fact]
    public async Task Sort_Submitted_PutsNeverSubmittedLastInBothDirections()
    {
        await ArrangeSortableAsync();

        foreach (var dir in new[] { "asc", "desc" })
        {
            var items = (await Reviewer.GetJsonAsync($"/api/portfolio?pageSize=100&sort=submitted&dir={dir}")).GetProperty("items").EnumerateArray();
            var submitted = items.Select(i => i.GetProperty("submittedAt").ValueKind != JsonValueKind.Null).ToList();
            Assert.Equal(submitted.OrderByDescending(s => s), submitted);
        }
    }

    [Fact]
    public async Task Paging_PagesOfEverySizeTogether_AreTheWholeListOnceInOrder()
    {
        await ArrangeSortableAsync();
        await Client.PilotAsync("Twin A", answers: SampleAnswers.Ready());
        await Client.PilotAsync("Twin B", answers: SampleAnswers.Ready());

        foreach (var sort in new[] { "overall", "verdict", "business-unit", "updated" })
        {
            var all = (await Reviewer.GetJsonAsync($"/api/portfolio?pageSize=100&sort={sort}")).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(8, all.Count);
            foreach (var size in new[] { 1, 3, 5 })
            {
                var paged = new List<Guid>();
                for (var page = 1; ; page++)
                {
                    var body = await Reviewer.GetJsonAsync($"/api/portfolio?pageSize={size}&page={page}&sort={sort}");
                    Assert.Equal(8, body.GetProperty("total").GetInt32());
                    Assert.Equal((8 + size - 1) / size, body.GetProperty("totalPages").GetInt32());
                    var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
                    if (ids.Count == 0)
                    {
                        break;
                    }

                    Assert.True(ids.Count <= size);
                    paged.AddRange(ids);
                }

                Assert.Equal(all, paged);
            }
        }
    }

    [Fact]
    public async Task List_PagePastTheEnd_IsEmptyWithTheTotal()
    {
        await ArrangeThreeAsync();

        var body = await Reviewer.GetJsonAsync("/api/portfolio?page=5&pageSize=2");

        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.Equal(5, body.GetProperty("page").GetInt32());
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal(2, body.GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task List_SupersededVersions_AreNotInThePortfolio()
    {
        var first = await Client.PilotAsync("Versioned pilot", answers: SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("Other pilot");
        var second = await PortfolioData.ReassessAsync(App.Services, first);

        var body = await Reviewer.GetJsonAsync("/api/portfolio?pageSize=100&q=versioned");
        var summary = await Reviewer.GetJsonAsync("/api/portfolio/summary");

        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(second, item.GetProperty("id").GetGuid());
        Assert.Equal(first, item.GetProperty("pilotId").GetGuid());
        Assert.Equal(2, item.GetProperty("revision").GetInt32());
        Assert.Equal("draft", item.GetProperty("status").GetString());
        Assert.Equal(2, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, (await Reviewer.GetJsonAsync("/api/portfolio")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_Item_CarriesTheStoredScoreGatesAndDecision()
    {
        var id = await Client.PilotAsync("Shape check", "Operations", "Priya Raman", SampleAnswers.Ready(), submit: true);
        await PortfolioData.DeclineAsync(App.Services, id);
        await PortfolioData.DecideAsync(App.Services, id, DecisionOutcome.Go);
        var score = await Client.GetScoreAsync(id);

        var item = Assert.Single((await Reviewer.GetJsonAsync("/api/portfolio")).GetProperty("items").EnumerateArray());

        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal("Operations", item.GetProperty("businessUnit").GetString());
        Assert.Equal("Priya Raman", item.GetProperty("sponsor").GetString());
        Assert.Equal("submitted", item.GetProperty("status").GetString());
        Assert.Equal(score.GetProperty("verdict").GetString(), item.GetProperty("verdict").GetString());
        Assert.Equal(score.GetProperty("overall").GetInt32(), item.GetProperty("overall").GetInt32());
        foreach (var section in score.GetProperty("sections").EnumerateArray())
        {
            Assert.Equal(section.GetProperty("score").GetInt32(), item.GetProperty("sections").GetProperty(section.GetProperty("key").GetString()!).GetInt32());
        }

        Assert.Equal(["no-production-owner"], item.GetProperty("gates").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("go", item.GetProperty("decision").GetString());
        Assert.False(item.GetProperty("lapsed").GetBoolean());
        Assert.Equal(JsonValueKind.String, item.GetProperty("submittedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, item.GetProperty("updatedAt").ValueKind);
    }

    [Theory]
    [InlineData("verdict=maybe", "verdict")]
    [InlineData("status=decided", "status")]
    [InlineData("gate=no-owner", "gate")]
    [InlineData("sort=colour", "sort")]
    [InlineData("dir=up", "dir")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-10&to=2026-03-09", "to")]
    [InlineData("q=%00", "q")]
    public async Task BadQuery_Answers400NamingTheField_OnBothEndpoints(string query, string field)
    {
        foreach (var path in new[] { "/api/portfolio", "/api/portfolio/summary" })
        {
            using var response = await Reviewer.GetAsync(new Uri($"{path}?{query}", UriKind.Relative));
            var messages = await response.ReadValidationErrorsAsync(field);
            Assert.DoesNotContain(messages, m => m.Contains("Exception", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BadQuery_TooLongSearch_Answers400()
    {
        using var response = await Reviewer.GetAsync(new Uri("/api/portfolio?q=" + new string('x', 201), UriKind.Relative));
        await response.ReadValidationErrorsAsync("q");
    }

    [Fact]
    public async Task Portfolio_SponsorIsForbidden_AnonymousMustSignIn_AdminMayRead()
    {
        using var anonymous = App.CreateClient();
        using var admin = App.ClientFor(TestUsers.Admin);
        foreach (var path in new[] { "/api/portfolio", "/api/portfolio/summary" })
        {
            using var asSponsor = await Client.GetAsync(new Uri(path, UriKind.Relative));
            using var asAnonymous = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            using var asAdmin = await admin.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, asSponsor.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        }
    }

    /// <summary>Six pilots differing in every sortable column, with some ties (the id must break them).</summary>
    private async Task ArrangeSortableAsync()
    {
        var go = await Client.PilotAsync("delta ready", "Operations", "Priya Raman", SampleAnswers.Ready(), submit: true);
        var conditional = await Client.PilotAsync("Echo budget", "Finance", "Amira Haddad",
            SampleAnswers.ReadyWith("integration.production-budget", 60000), submit: true);
        var gated = await Client.PilotAsync("Foxtrot owner", "Sales", "Grace Okafor", SampleAnswers.Ready(), submit: true);
        await PortfolioData.DeclineAsync(App.Services, gated);
        await Client.PilotAsync("Golf empty", "Finance", "Zoe Zhang");
        await Client.PilotAsync("alpha partial", "IT", "Chen Wei", new Dictionary<string, object?>
        {
            ["commitment.purpose"] = "de-risk",
            ["involvement.level"] = "involved",
            ["workflow.mapped-with-users"] = true,
        });
        await Client.PilotAsync("Hotel theatre", "Operations", "Amira Haddad", SampleAnswers.ReadyWith(QuestionKeys.Adoption, "tbd"));
        await PortfolioData.DecideAsync(App.Services, go, DecisionOutcome.Go);
        await PortfolioData.DecideAsync(App.Services, conditional, DecisionOutcome.GoWithConditions, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
        await PortfolioData.DecideAsync(App.Services, gated, DecisionOutcome.NoGo);
    }

    private static IComparable SortValue(JsonElement item, string sort, bool descending) => sort switch
    {
        "title" => Ordinal(item.GetProperty("title").GetString()!),
        "business-unit" => Ordinal(item.GetProperty("businessUnit").GetString()!),
        "sponsor" => Ordinal(item.GetProperty("sponsor").GetString()!),
        "status" => item.GetProperty("status").GetString() == "submitted" ? 1 : 0,
        "verdict" => Array.IndexOf(["no-go", "not-ready", "go-with-conditions", "go"], item.GetProperty("verdict").GetString()),
        "overall" => item.GetProperty("overall").GetInt32(),
        "decision" => Array.IndexOf([null, "no-go", "go-with-conditions", "go"], item.GetProperty("decision").GetString()),
        "updated" => item.GetProperty("updatedAt").GetDateTimeOffset(),
        // Never submitted: last in both directions.
        "submitted" => item.GetProperty("submittedAt").ValueKind == JsonValueKind.Null
            ? (descending ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue)
            : item.GetProperty("submittedAt").GetDateTimeOffset(),
        _ => item.GetProperty("sections").GetProperty(sort).GetInt32(),
    };

    /// <summary>Text compared as PostgreSQL's C collation does: by code point.</summary>
    private static string Ordinal(string text) => string.Join(" ", text.Select(c => ((int)c).ToString("D5", CultureInfo.InvariantCulture)));
}
