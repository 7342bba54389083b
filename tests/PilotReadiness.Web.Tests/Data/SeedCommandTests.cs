using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tools;

namespace PilotReadiness.Web.Tests.Data;

/// <summary>What the seed command stores, read back from the database: the same checks for both providers.</summary>
internal static class SeededPortfolio
{
    /// <summary>Seeds <paramref name="options"/> through the command into the host's database and returns the command's output.</summary>
    public static async Task<string> SeedAsync(WebApplicationFactory<Program> host, SeedOptions options)
    {
        using var output = new StringWriter();
        Assert.Equal(0, await SeedCommand.RunAsync(host.Services, options, output, interactive: false));
        return output.ToString();
    }

    /// <summary>Checks the counts and recomputes every stored score from the stored answers.</summary>
    public static async Task AssertValidAsync(WebApplicationFactory<Program> host, int expected)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Assessments.AsNoTracking().ToListAsync();
        Assert.Equal(expected, all.Count);

        // Stored scores match a fresh scoring of the stored answers, as of each assessment's last change.
        foreach (var assessment in all)
        {
            var at = assessment.UpdatedAt;
            var expectedReadiness = Readiness.Of(assessment.Score(ShippedQuestionnaires.Catalog, at), assessment.ClaimStates(at).GetValueOrDefault(QuestionKeys.ProductionOwner));
            Assert.Equal(expectedReadiness, assessment.Readiness);
        }

        // Versions: one current version per pilot, numbered from 1, each pilot's first version being the pilot's id.
        var pilots = all.GroupBy(a => a.PilotId).ToList();
        Assert.All(pilots, p =>
        {
            Assert.Single(p, a => a.IsCurrent);
            Assert.Equal(Enumerable.Range(1, p.Count()), p.Select(a => a.Revision).Order());
            Assert.Equal(p.Key, p.Single(a => a.Revision == 1).Id);
        });
        Assert.Contains(pilots, p => p.Count() > 1);

        // Variety: drafts and submissions, every verdict, a skewed spread of business units, accented names,
        // answers missing here and there, dates over many months.
        Assert.Contains(all, a => a.Status == AssessmentStatus.Draft);
        Assert.Contains(all, a => a.Status == AssessmentStatus.Submitted);
        Assert.Equal(4, all.Select(a => a.Readiness.Verdict).Distinct().Count());
        Assert.True(all.Select(a => a.BusinessUnit).Distinct().Count() >= 8, "expected many business units");
        Assert.Contains(all, a => a.Sponsor.Any(c => c > 127));
        Assert.Contains(all, a => a.Answers.Count < ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Count());
        Assert.True((all.Max(a => a.CreatedAt) - all.Min(a => a.CreatedAt)).TotalDays > 180, "expected dates spread over months");
        Assert.All(all, a => Assert.True(a.CreatedAt <= a.UpdatedAt && (a.SubmittedAt is null || a.SubmittedAt >= a.CreatedAt)));

        // Decisions: each pilot's current decision is the one its current version shows; some conditional gos lapsed.
        var decisions = await db.Decisions.AsNoTracking().ToListAsync();
        Assert.NotEmpty(decisions);
        var current = all.Where(a => a.IsCurrent).ToDictionary(a => a.PilotId);
        foreach (var decision in decisions.Where(d => d.IsCurrent))
        {
            Assert.Equal(decision.Outcome, current[decision.PilotId].Decision);
            Assert.Equal(decision.OpenConditionsDue, current[decision.PilotId].ConditionsDue);
        }

        Assert.Equal(current.Values.Count(a => a.Decision is not null), decisions.Count(d => d.IsCurrent));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains(current.Values, a => a.IsLapsed(today));

        // The audit trail: every assessment's creation, every answer set.
        var audit = await db.AuditEntries.AsNoTracking().GroupBy(e => e.AssessmentId)
            .Select(g => new { g.Key, Created = g.Count(e => e.Kind == "created"), Answers = g.Count(e => e.Kind == "answer-set") })
            .ToDictionaryAsync(g => g.Key);
        Assert.All(all, a =>
        {
            Assert.Equal(1, audit[a.Id].Created);
            Assert.True(audit[a.Id].Answers >= (a.Revision == 1 ? a.Answers.Count : 0));
        });

        // The synthetic accounts own the pilots, and hold their roles.
        var owners = all.Select(a => a.OwnerId).Distinct().ToList();
        var sponsors = await db.Users.Where(u => owners.Contains(u.Id)).Select(u => u.Email).ToListAsync();
        Assert.Equal(owners.Count, sponsors.Count);
        Assert.All(sponsors, email => Assert.EndsWith("@" + SeedCommand.AccountDomain, email, StringComparison.Ordinal));
    }

    /// <summary>Everything about the portfolio that a seed decides (ids and exact times follow the clock), in a stable order.</summary>
    public static async Task<List<string>> FingerprintAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Assessments.AsNoTracking().ToListAsync();
        var decisions = (await db.Decisions.AsNoTracking().ToListAsync()).ToLookup(d => d.AssessmentId);
        return [.. all.Select(a => string.Join(" | ",
                a.Title, a.BusinessUnit, a.Sponsor, a.Description, a.Status, a.Revision, a.Readiness, a.Decision, a.Version,
                string.Join(";", a.Answers.OrderBy(x => x.QuestionKey, StringComparer.Ordinal).Select(x => $"{x.QuestionKey}={x.Value}")),
                string.Join(";", decisions[a.Id].Select(d => $"{d.Outcome}:{d.Rationale}:{d.Conditions.Count}:{d.Conditions.Count(c => c.MetAt is not null)}").Order(StringComparer.Ordinal))))
            .Order(StringComparer.Ordinal)];
    }
}

public sealed class SeedCommandArgumentTests
{
    [Theory]
    [InlineData("--assessments", "abc")]
    [InlineData("--assessments")]
    [InlineData("--assessments", "0")]
    [InlineData("--assessments", "-5")]
    [InlineData("--assessments", "10000", "--seed", "x")]
    [InlineData("--assessments", "10", "--batch-size", "0")]
    [InlineData("--assessments", "10", "--bogus")]
    [InlineData("10000")]
    [InlineData]
    public void Parse_BadArguments_ExitsNonZeroWithAMessage(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var options = SeedCommand.Parse(args, output, error, out var exitCode);

        Assert.Null(options);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("seed: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("seed --help", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Help_PrintsUsageAndExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Null(SeedCommand.Parse(["--help"], output, error, out var exitCode));

        Assert.Equal(0, exitCode);
        Assert.Contains("seed --assessments N", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData(new[] { "--assessments", "10000" }, 10000, SeedCommand.DefaultSeed, true)]
    [InlineData(new[] { "--assessments=1,000", "--seed", "-3", "--no-copy" }, 1000, -3, false)]
    public void Parse_GoodArguments_ReadsThem(string[] args, int assessments, int seed, bool copy)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var options = SeedCommand.Parse(args, output, error, out var exitCode);

        Assert.Equal(0, exitCode);
        Assert.Equal(new SeedOptions(assessments, seed, SeedCommand.DefaultBatchSize, null, copy), options);
    }

    [Fact]
    public void IsSeed_OnlyTheFirstArgument_Counts()
    {
        Assert.True(SeedCommand.IsSeed(["seed", "--assessments", "5"]));
        Assert.False(SeedCommand.IsSeed([]));
        Assert.False(SeedCommand.IsSeed(["--urls", "seed"]));
    }
}

public sealed class SeedCommandPostgresTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Seed_FreshPostgresDatabase_StoresExactlyNValidAssessments()
    {
        await using var host = await FreshDatabaseAsync("_seed");

        var output = await SeededPortfolio.SeedAsync(host.Host, new SeedOptions(400, Seed: 7, BatchSize: 150));

        Assert.Contains("binary COPY", output, StringComparison.Ordinal);
        Assert.Contains("Added 400 assessments", output, StringComparison.Ordinal);
        await SeededPortfolio.AssertValidAsync(host.Host, 400);
    }

    [Fact]
    public async Task Seed_SameSeedTwice_SamePortfolio_WhetherCopiedOrSaved()
    {
        await using var copied = await FreshDatabaseAsync("_seed_a");
        await using var saved = await FreshDatabaseAsync("_seed_b");
        await using var other = await FreshDatabaseAsync("_seed_c");

        await SeededPortfolio.SeedAsync(copied.Host, new SeedOptions(150, Seed: 11));
        await SeededPortfolio.SeedAsync(saved.Host, new SeedOptions(150, Seed: 11, BatchSize: 40, Copy: false));
        await SeededPortfolio.SeedAsync(other.Host, new SeedOptions(150, Seed: 12));

        var expected = await SeededPortfolio.FingerprintAsync(copied.Host);
        Assert.Equal(expected, await SeededPortfolio.FingerprintAsync(saved.Host));
        Assert.NotEqual(expected, await SeededPortfolio.FingerprintAsync(other.Host));
        await SeededPortfolio.AssertValidAsync(saved.Host, 150);
    }

    [Fact]
    public async Task Seed_WithPassword_SyntheticReviewerCanSignIn()
    {
        await using var host = await FreshDatabaseAsync("_seed_pw");
        await SeededPortfolio.SeedAsync(host.Host, new SeedOptions(20, Password: "synthetic-pass-1"));

        using var client = host.Host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login",
            new { email = $"reviewer01@{SeedCommand.AccountDomain}", password = "synthetic-pass-1" });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The app on a database of its own, dropped when the test ends.</summary>
    private async Task<OwnDatabase> FreshDatabaseAsync(string suffix)
    {
        var name = PostgresAppFactory.DatabaseName + suffix;
        var connectionString = await TestHost.RecreatePostgresDatabaseAsync(name);
        return new OwnDatabase(App.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:Postgres", connectionString)), name);
    }

    private sealed class OwnDatabase(WebApplicationFactory<Program> host, string name) : IAsyncDisposable
    {
        public WebApplicationFactory<Program> Host => host;

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await TestHost.DropPostgresDatabaseAsync(name);
        }
    }
}

public sealed class SeedCommandSqliteTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task Seed_FreshSqliteFile_StoresExactlyNValidAssessments()
    {
        await using var host = App.WithWebHostBuilder(builder =>
            builder.UseSetting("ConnectionStrings:Sqlite", App.NewDatabaseConnectionString("seeded")));

        var output = await SeededPortfolio.SeedAsync(host, new SeedOptions(250, Seed: 5, BatchSize: 100));

        Assert.Contains("SaveChanges", output, StringComparison.Ordinal);
        await SeededPortfolio.AssertValidAsync(host, 250);
    }
}
