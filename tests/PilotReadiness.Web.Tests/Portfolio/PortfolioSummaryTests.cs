using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Data.Configurations;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Domain;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary><c>GET /api/portfolio/summary</c> against PostgreSQL, checked on hand-made portfolios.</summary>
public sealed class PortfolioSummaryTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static readonly bool[] Booleans = [true, false];

    private static readonly string[] SectionKeys = ["commitment", "involvement", "after-demo", "integration", "workflow", "ownership"];

    private HttpClient? _reviewer;

    private HttpClient Reviewer => _reviewer ??= App.ClientFor(TestUsers.Reviewer);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// Five pilots, one per way of falling short: go (Finance), production owner declined (Finance, not-ready), nothing
    /// answered (Sales, no-go), production under-budgeted (Sales, go with conditions), integration not budgeted (IT, not-ready).
    /// </summary>
    private async Task ArrangeFiveAsync()
    {
        await Client.PilotAsync("A ready", "Finance", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DeclineAsync(App.Services, await Client.PilotAsync("B no owner", "Finance", answers: SampleAnswers.Ready(), submit: true));
        await Client.PilotAsync("C empty", "Sales");
        await Client.PilotAsync("D thin budget", "Sales", answers: SampleAnswers.ReadyWith("integration.production-budget", 60000));
        await Client.PilotAsync("E integration", "IT", answers: SampleAnswers.ReadyWith("integration.budgeted", false), submit: true);
    }

    [Fact]
    public async Task Summary_VerdictCountsAndSectionAverages_MatchTheHandMadePortfolio()
    {
        await ArrangeFiveAsync();
        var items = await ItemsAsync("");

        var summary = await Reviewer.GetJsonAsync("/api/portfolio/summary");

        Assert.Equal(5, summary.GetProperty("total").GetInt32());
        var verdicts = summary.GetProperty("verdicts");
        Assert.Equal(1, verdicts.GetProperty("go").GetInt32());
        Assert.Equal(1, verdicts.GetProperty("go-with-conditions").GetInt32());
        Assert.Equal(2, verdicts.GetProperty("not-ready").GetInt32());
        Assert.Equal(1, verdicts.GetProperty("no-go").GetInt32());
        // The averages are of submitted pilots (A, B, E) unless the view takes the drafts in.
        var submitted = items.Where(i => i.GetProperty("status").GetString() == "submitted").ToList();
        Assert.Equal(3, summary.GetProperty("averagedPilots").GetInt32());
        var withDrafts = await Reviewer.GetJsonAsync("/api/portfolio/summary?drafts=in");
        Assert.Equal(5, withDrafts.GetProperty("averagedPilots").GetInt32());
        foreach (var key in SectionKeys)
        {
            Assert.Equal(Math.Round(submitted.Average(i => i.GetProperty("sections").GetProperty(key).GetInt32()), 1),
                summary.GetProperty("sectionAverages").GetProperty(key).GetDouble());
            Assert.Equal(Math.Round(items.Average(i => i.GetProperty("sections").GetProperty(key).GetInt32()), 1),
                withDrafts.GetProperty("sectionAverages").GetProperty(key).GetDouble());
        }
    }

    [Fact]
    public async Task Summary_RolloutKillers_CountWeakSectionsAndTheirGates_AndNameTheMostCommon()
    {
        await ArrangeFiveAsync();
        var items = await ItemsAsync("");
        int Count(string section, params string[] gates) => items.Count(i =>
            i.GetProperty("sections").GetProperty(section).GetInt32() < 55
            || i.GetProperty("gates").EnumerateArray().Any(g => gates.Contains(g.GetString())));

        var killers = (await Reviewer.GetJsonAsync("/api/portfolio/summary")).GetProperty("killers");

        var counts = killers.GetProperty("counts").EnumerateArray().ToDictionary(k => k.GetProperty("key").GetString()!, k => k.GetProperty("count").GetInt32());
        Assert.Equal(["integration", "workflow", "ownership"], counts.Keys);
        Assert.Equal(Count("integration", "integration-not-budgeted", "production-under-budgeted"), counts["integration"]);
        Assert.Equal(Count("workflow", "users-not-involved"), counts["workflow"]);
        Assert.Equal(Count("ownership", "no-production-owner"), counts["ownership"]);
        // C (weak everywhere), D (under-budgeted) and E (not budgeted); C alone for workflow; B (no owner) and C for ownership.
        Assert.Equal(3, counts["integration"]);
        Assert.Equal(1, counts["workflow"]);
        Assert.Equal(2, counts["ownership"]);
        Assert.Equal("integration", killers.GetProperty("mostCommon").GetString());
    }

    [Fact]
    public async Task Summary_HeatMap_AveragesEachBusinessUnit_AndShowsThePilotsOfTheRequestedPage()
    {
        await ArrangeFiveAsync();
        var items = await ItemsAsync("");

        var heat = (await Reviewer.GetJsonAsync("/api/portfolio/summary?drafts=in&sort=title&dir=asc&pageSize=2&page=2")).GetProperty("heatMap");

        var units = heat.GetProperty("businessUnits").EnumerateArray().ToList();
        Assert.Equal(["Finance", "IT", "Sales"], units.Select(u => u.GetProperty("businessUnit").GetString()));
        foreach (var unit in units)
        {
            var name = unit.GetProperty("businessUnit").GetString();
            var mine = items.Where(i => i.GetProperty("businessUnit").GetString() == name).ToList();
            Assert.Equal(mine.Count, unit.GetProperty("pilots").GetInt32());
            foreach (var key in SectionKeys)
            {
                Assert.Equal(Math.Round(mine.Average(i => i.GetProperty("sections").GetProperty(key).GetInt32()), 1),
                    unit.GetProperty("sections").GetProperty(key).GetDouble());
            }
        }

        Assert.Equal(2, heat.GetProperty("page").GetInt32());
        Assert.Equal(["C empty", "D thin budget"], heat.GetProperty("pilots").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(6, heat.GetProperty("pilots")[0].GetProperty("sections").EnumerateObject().Count());
    }

    [Fact]
    public async Task Summary_Filters_NarrowEveryFigure()
    {
        await ArrangeFiveAsync();

        var summary = await Reviewer.GetJsonAsync("/api/portfolio/summary?bu=Finance");

        Assert.Equal(2, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("verdicts").GetProperty("go").GetInt32());
        Assert.Equal(1, summary.GetProperty("verdicts").GetProperty("not-ready").GetInt32());
        Assert.Equal(["Finance"], summary.GetProperty("heatMap").GetProperty("businessUnits").EnumerateArray().Select(u => u.GetProperty("businessUnit").GetString()));
        Assert.Equal("ownership", summary.GetProperty("killers").GetProperty("mostCommon").GetString());
    }

    [Fact]
    public async Task NeedsAttention_EachRule_ListsExactlyItsPilots_OldestFirst()
    {
        var now = DateTimeOffset.UtcNow;
        var waiting = await Client.PilotAsync("W1 waiting 20 days", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.SetAsync(App, waiting, "\"SubmittedAt\" = @at", ("at", now.AddDays(-20)));
        await Client.PilotAsync("W2 waiting 3 days", answers: SampleAnswers.Ready(), submit: true);
        var decidedLate = await Client.PilotAsync("W3 decided after 30 days", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.SetAsync(App, decidedLate, "\"SubmittedAt\" = @at", ("at", now.AddDays(-30)));
        await PortfolioData.DecideAsync(App.Services, decidedLate, DecisionOutcome.NoGo);

        var unconfirmed = await Client.PilotAsync("O1 go, owner silent", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, unconfirmed, DecisionOutcome.Go);
        var confirmed = await Client.PilotAsync("O2 go, owner confirmed", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, confirmed, DecisionOutcome.Go);
        await PortfolioData.SetAsync(App, confirmed, "\"Readiness_OwnerConfirmed\" = true");

        var lapsed = await Client.PilotAsync("L1 lapsed", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, lapsed, DecisionOutcome.GoWithConditions, Today.AddDays(10));
        await PortfolioData.SetAsync(App, lapsed, "\"ConditionsDue\" = @due", ("due", Today.AddDays(-1)));
        var open = await Client.PilotAsync("L2 conditions open", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, open, DecisionOutcome.GoWithConditions, Today.AddDays(10));

        var overridden = await Client.PilotAsync("G1 go despite gate", answers: SampleAnswers.Ready(), submit: true);
        await PortfolioData.DeclineAsync(App.Services, overridden);
        await PortfolioData.DecideAsync(App.Services, overridden, DecisionOutcome.Go);
        var aboveByScore = await Client.PilotAsync("G2 conditional go over not ready", answers: SampleAnswers.ReadyWith(QuestionKeys.InvolvementLevel, "consulted"), submit: true);
        await PortfolioData.DecideAsync(App.Services, aboveByScore, DecisionOutcome.GoWithConditions, Today.AddDays(10));

        var attention = (await Reviewer.GetJsonAsync("/api/portfolio/summary")).GetProperty("needsAttention").EnumerateArray()
            .ToDictionary(a => a.GetProperty("kind").GetString()!);

        Assert.Equal(["awaiting-decision", "owner-unconfirmed", "conditions-lapsed", "decided-above-recommendation", "orphaned", "decaying", "check-in-overdue"], attention.Keys);
        AssertKind(attention["awaiting-decision"], "W1 waiting 20 days");
        AssertKind(attention["owner-unconfirmed"], "O1 go, owner silent", "L1 lapsed", "L2 conditions open", "G1 go despite gate", "G2 conditional go over not ready");
        AssertKind(attention["conditions-lapsed"], "L1 lapsed");
        AssertKind(attention["decided-above-recommendation"], "G1 go despite gate", "G2 conditional go over not ready");
        Assert.Equal("Decided above the recommendation", attention["decided-above-recommendation"].GetProperty("label").GetString());
        Assert.Equal(Today.AddDays(-1), DateOnly.Parse(attention["conditions-lapsed"].GetProperty("items")[0].GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["no-production-owner"], attention["decided-above-recommendation"].GetProperty("items")[0].GetProperty("gates").EnumerateArray().Select(g => g.GetString()));

        var lapsedFlags = (await ItemsAsync("")).ToDictionary(i => i.GetProperty("title").GetString()!, i => i.GetProperty("lapsed").GetBoolean());
        Assert.True(lapsedFlags["L1 lapsed"]);
        Assert.Equal(1, lapsedFlags.Values.Count(l => l));
    }

    [Fact]
    public async Task NeedsAttention_ShowsTheFirstTenOldestFirst_AndCountsThemAll()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 12; i++)
        {
            var id = await Client.PilotAsync($"Waiting {i:D2}", answers: SampleAnswers.Ready(), submit: true);
            await PortfolioData.SetAsync(App, id, "\"SubmittedAt\" = @at", ("at", now.AddDays(-15 - i)));
        }

        var waiting = (await Reviewer.GetJsonAsync("/api/portfolio/summary")).GetProperty("needsAttention")[0];

        Assert.Equal(12, waiting.GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"Waiting {i:D2}"),
            waiting.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    private static void AssertKind(JsonElement group, params string[] titles)
    {
        Assert.Equal(titles.Length, group.GetProperty("count").GetInt32());
        Assert.Equal(titles, group.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(group.GetProperty("label").GetString()));
    }

    private async Task<List<JsonElement>> ItemsAsync(string query) =>
        [.. (await Reviewer.GetJsonAsync("/api/portfolio?pageSize=100&" + query)).GetProperty("items").EnumerateArray()];

    /// <summary>
    /// The needs-attention rule "decided above the recommendation" is written in SQL (PortfolioQueries) and in the
    /// domain (Assessment.DecidedAboveRecommendation): for every decision against every recommendation they agree.
    /// </summary>
    [Fact]
    public async Task DecidedAboveRecommendation_TheQueryAndTheDomainAgree_ForEveryDecisionAndRecommendation()
    {
        var pairs = (from outcome in Enum.GetValues<DecisionOutcome>() from verdict in Enum.GetValues<Verdict>() select (outcome, verdict)).ToList();
        foreach (var (outcome, verdict) in pairs)
        {
            var id = await Client.PilotAsync($"{outcome.ToKey()} over {verdict.ToKey()}");
            await PortfolioData.SetAsync(App, id, "\"Decision\" = @decision, \"DecisionRecommendation\" = @recommendation, \"DecidedAt\" = now()",
                ("decision", outcome.ToKey()), ("recommendation", verdict.ToKey()));
        }

        await Client.PilotAsync("not decided");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bySql = await db.Assessments.Where(PortfolioQueries.DecidedAboveRecommendation).Select(a => a.Title).OrderBy(t => t).ToListAsync();
        var byDomain = (await db.Assessments.AsNoTracking().ToListAsync()).Where(a => a.DecidedAboveRecommendation).Select(a => a.Title).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(byDomain, bySql);
        Assert.Equal(pairs.Where(p => p.outcome.IsAbove(p.verdict)).Select(p => $"{p.outcome.ToKey()} over {p.verdict.ToKey()}").Order(StringComparer.Ordinal), byDomain);
        Assert.Equal(5, byDomain.Count);
        var attention = (await Reviewer.GetJsonAsync("/api/portfolio/summary")).GetProperty("needsAttention").EnumerateArray()
            .Single(a => a.GetProperty("kind").GetString() == "decided-above-recommendation");
        Assert.Equal(5, attention.GetProperty("count").GetInt32());
    }

    /// <summary>
    /// The needs-attention rule "go without a confirmed owner" is written in SQL (PortfolioQueries.OwnerUnconfirmed) and in
    /// C# (PortfolioCounts.OwnerUnconfirmed, what the counters count): for every decision, confirmed or not, they agree.
    /// </summary>
    [Fact]
    public async Task OwnerUnconfirmed_TheQueryAndTheCountersAgree_ForEveryDecision()
    {
        var cases = (from outcome in Enum.GetValues<DecisionOutcome>().Select(o => (DecisionOutcome?)o).Append(null)
                     from confirmed in Booleans select (outcome, confirmed)).ToList();
        foreach (var (outcome, confirmed) in cases)
        {
            var id = await Client.PilotAsync($"{outcome?.ToKey() ?? "undecided"}, owner confirmed {confirmed}");
            await PortfolioData.SetAsync(App, id, "\"Decision\" = @decision, \"Readiness_OwnerConfirmed\" = @confirmed, \"DecidedAt\" = now()",
                ("decision", (object?)outcome?.ToKey() ?? DBNull.Value), ("confirmed", confirmed));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bySql = await db.Assessments.Where(PortfolioQueries.OwnerUnconfirmed).Select(a => a.Title).OrderBy(t => t).ToListAsync();

        Assert.Equal(cases.Where(c => PortfolioCounts.OwnerUnconfirmed(c.outcome, c.confirmed))
            .Select(c => $"{c.outcome?.ToKey() ?? "undecided"}, owner confirmed {c.confirmed}").Order(StringComparer.Ordinal), bySql);
        Assert.Equal(2, bySql.Count);
    }

    /// <summary>
    /// The sponsor filter's names (PortfolioQueries.SponsorsSql, a loose index scan) are the plain DISTINCT of the current
    /// versions' sponsors, in its order: names differing only in case stay apart, and a re-assessed pilot's earlier
    /// sponsor is not offered.
    /// </summary>
    [Fact]
    public async Task Sponsors_AreTheDistinctSponsorsOfCurrentVersions_InTheDatabasesOrder()
    {
        var first = await Client.PilotAsync("A first", sponsorName: "Zoë Łukasiewicz", answers: SampleAnswers.Ready(), submit: true);
        await Client.PilotAsync("B lower case", sponsorName: "amira haddad");
        await Client.PilotAsync("C twice", sponsorName: "Amira Haddad");
        await Client.PilotAsync("D twice", sponsorName: "Amira Haddad");
        await PortfolioData.ReassessAsync(App.Services, first);
        await PortfolioData.SetAsync(App, first, "\"Sponsor\" = @sponsor", ("sponsor", "Only Superseded"));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var distinct = await db.Assessments.AsNoTracking().Current().Select(a => a.Sponsor).Distinct().OrderBy(s => s).ToListAsync();
        var sponsors = await scope.ServiceProvider.GetRequiredService<PortfolioQueries>().SponsorsAsync(CancellationToken.None);

        Assert.Equal(3, distinct.Count);
        Assert.DoesNotContain("Only Superseded", distinct);
        Assert.Equal(distinct, sponsors);
    }

    /// <summary>
    /// The needs-attention lists read a partial index in its order (AssessmentConfiguration: the go decisions by
    /// decision date, the submitted pilots by submission) rather than sorting every decided or submitted pilot: the
    /// planner, told to avoid every other way, still finds the index usable, which it only is when the list's filter
    /// implies the index's.
    /// </summary>
    [Theory]
    [InlineData(AttentionKind.OwnerUnconfirmed, AssessmentConfiguration.GoDecisionsIndex)]
    [InlineData(AttentionKind.DecidedAboveRecommendation, AssessmentConfiguration.GoDecisionsIndex)]
    [InlineData(AttentionKind.AwaitingDecision, AssessmentConfiguration.SubmittedIndex)]
    public async Task AttentionLists_ReadTheirPartialIndex_InItsOrder(AttentionKind kind, string index)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var sql = PortfolioQueries.Attention(db.Assessments.AsNoTracking().Current(), db.LivePilots.AsNoTracking(), kind, now, now.Day()).Listed.Select(a => a.Id).ToQueryString();
        // ToQueryString declares each parameter in a comment line (-- @name='value' ...): put the values in their place.
        var lines = sql.Split('\n');
        foreach (var declaration in lines.Select(l => Regex.Match(l, "^-- (@\\w+)='([^']*)'")).Where(m => m.Success))
        {
            sql = Regex.Replace(sql, declaration.Groups[1].Value + "\\b", "'" + declaration.Groups[2].Value + "'");
        }

        sql = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "EXPLAIN " + sql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        // An index scan, or an index-only scan when every column the list reads is in the index.
        Assert.Contains(plan, line => Regex.IsMatch(line, "Index (Only )?Scan using \"" + index + "\""));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
    }
}

/// <summary>The figures cache (on by default, off in the other tests): the same selection is computed once per lifetime.</summary>
public sealed class PortfolioCacheTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Summary_WithTheCacheOn_IsReusedForTheSameSelection_AndSaysWhenItWasComputed()
    {
        await using var cached = App.WithWebHostBuilder(builder => builder.UseSetting("Portfolio:SummaryCacheSeconds", "60"));
        using var reviewer = cached.CreateClient().Authorize(App.TokenFor(TestUsers.Reviewer));
        await Client.PilotAsync("First pilot", "Finance");

        var before = await reviewer.GetJsonAsync("/api/portfolio/summary");
        await Client.PilotAsync("Second pilot", "Finance");
        var after = await reviewer.GetJsonAsync("/api/portfolio/summary");
        var list = await reviewer.GetJsonAsync("/api/portfolio");
        var otherSelection = await reviewer.GetJsonAsync("/api/portfolio/summary?bu=Finance");

        Assert.Equal(1, before.GetProperty("total").GetInt32());
        Assert.Equal(1, after.GetProperty("total").GetInt32());
        Assert.Equal(before.GetProperty("asOf").GetString(), after.GetProperty("asOf").GetString());
        // Rows are always read fresh; the list's total is its own count of the selection, first read here.
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(2, otherSelection.GetProperty("total").GetInt32());
    }
}

/// <summary>
/// The dashboard page is kept, per query string, for as long as the figures (ADR 0005): the same view shows the same
/// snapshot to every reviewer and admin, another view is read fresh, and the user's own name is never cached.
/// </summary>
public sealed class PortfolioPageCacheTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Dashboard_WithTheCacheOn_IsOneSnapshotPerView_AndTheLayoutStaysPersonal()
    {
        await using var cached = App.WithWebHostBuilder(builder => builder.UseSetting("Portfolio:SummaryCacheSeconds", "60"));
        using var reviewer = new PageSession(cached, TestUsers.Reviewer);
        using var admin = new PageSession(cached, TestUsers.Admin);
        await Client.PilotAsync("First pilot", "Finance");

        var before = (await reviewer.GetAsync("/portfolio")).Expect(HttpStatusCode.OK);
        await Client.PilotAsync("Second pilot", "Finance");
        var again = (await admin.GetAsync("/portfolio")).Expect(HttpStatusCode.OK);
        var sorted = (await reviewer.GetAsync("/portfolio?sort=title")).Expect(HttpStatusCode.OK);

        Assert.Contains("First pilot", before.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Second pilot", again.Text, StringComparison.Ordinal);
        Assert.Contains(TestUsers.Admin.Email, again.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUsers.Reviewer.Email, again.Text, StringComparison.Ordinal);
        Assert.Contains("Second pilot", sorted.Text, StringComparison.Ordinal);
    }
}
