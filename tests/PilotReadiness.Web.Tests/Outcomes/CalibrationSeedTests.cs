using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Data;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tools;

namespace PilotReadiness.Web.Tests.Outcomes;

/// <summary>
/// The calibration page's figures on a seeded history whose outcomes were drawn from known chances
/// (<see cref="SyntheticOdds"/>): the counts are exactly those of the stored outcomes, and each share agrees with the
/// chances it was drawn from. The seed, its random seed and the clock are fixed, so the run is the same every time.
/// </summary>
public sealed class CalibrationSeedTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How far an observed count may be from the count the chances predict: 3.5 standard deviations of that count (a sum
    /// of independent draws, each with its own chance), plus one for rounding. A history drawn as the seed says falls
    /// outside it for a given row about once in 2,000.
    /// </summary>
    private const double Tolerance = 3.5;

    private sealed record Case(GateSet Gates, IReadOnlyList<int> Sections, OutcomeKind Kind, Verdict Verdict);

    [Fact]
    public async Task Calibration_OfASeededHistory_CountsTheStoredOutcomes_AndAgreesWithTheChancesTheyWereDrawnFrom()
    {
        var name = PostgresAppFactory.DatabaseName + "_calibration";
        var connectionString = await TestHost.RecreatePostgresDatabaseAsync(name);
        var clock = new FakeTimeProvider(Now);
        var host = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        try
        {
            var output = await SeededPortfolio.SeedAsync(host, new SeedOptions(3000, Seed: 42));
            Assert.Contains("live pilots with", output, StringComparison.Ordinal);
            await TestUsers.EnsureAsync(host.Services);
            using var reviewer = host.CreateClient().Authorize(await TestUsers.LoginAsync(host, TestUsers.Reviewer));
            using var response = await reviewer.GetAsync(new Uri("/api/calibration", UriKind.Relative));
            var figures = await response.ReadJsonAsync(HttpStatusCode.OK);
            var cases = await CasesAsync(host);
            var launched = cases.Where(c => c.Kind.Launched()).ToList();

            // Enough history to weigh: hundreds of launched pilots, every kind of outcome.
            Assert.True(launched.Count >= 300, $"only {launched.Count} launched pilots with an outcome");
            Assert.Equal(OutcomeNames.All.Order(), cases.Select(c => c.Kind).Distinct().Order());
            Assert.Equal(cases.Count, figures.GetProperty("pilots").GetInt32());
            Assert.Equal(launched.Count, figures.GetProperty("launched").GetInt32());

            // Verdict against outcome: exact counts.
            foreach (var row in figures.GetProperty("verdicts").EnumerateArray())
            {
                var verdict = VerdictNames.FromKey(row.GetProperty("verdict").GetString())!.Value;
                foreach (var kind in OutcomeNames.All)
                {
                    Assert.Equal(cases.Count(c => c.Verdict == verdict && c.Kind == kind), row.GetProperty("outcomes").GetProperty(kind.ToKey()).GetInt32());
                }
            }

            // Gates and section bands: exact counts, and agreement with the chances.
            var rows = new List<(string What, JsonElement Rate, List<Case> Group)>();
            foreach (var row in figures.GetProperty("gates").EnumerateArray())
            {
                var gate = GateSetNames.FromKey(row.GetProperty("key").GetString())!.Value;
                rows.Add(($"gate {gate} with", row.GetProperty("with"), [.. launched.Where(c => (c.Gates & gate) != 0)]));
                rows.Add(($"gate {gate} without", row.GetProperty("without"), [.. launched.Where(c => (c.Gates & gate) == 0)]));
            }

            foreach (var section in figures.GetProperty("sections").EnumerateArray())
            {
                var index = SectionKeys.All.ToList().IndexOf(section.GetProperty("key").GetString()!);
                foreach (var row in section.GetProperty("bands").EnumerateArray())
                {
                    var band = ScoreBands.All.Single(b => b.Key == row.GetProperty("key").GetString());
                    rows.Add(($"{SectionKeys.All[index]} {band.Key} in", row.GetProperty("with"), [.. launched.Where(c => band.Contains(c.Sections[index]))]));
                    rows.Add(($"{SectionKeys.All[index]} {band.Key} outside", row.GetProperty("without"), [.. launched.Where(c => !band.Contains(c.Sections[index]))]));
                }
            }

            Assert.Equal(6 * 2 + (6 * 5 * 2), rows.Count);
            var judged = 0;
            var covered = 0;
            foreach (var (what, rate, group) in rows)
            {
                var wrong = group.Count(c => c.Kind.WentWrong());
                Assert.True(group.Count == rate.GetProperty("pilots").GetInt32(), $"{what}: pilots");
                Assert.True(wrong == rate.GetProperty("wentWrong").GetInt32(), $"{what}: went wrong");
                if (group.Count < Calibration.MinimumPilots)
                {
                    Assert.True(rate.GetProperty("tooFewToTell").GetBoolean(), what);
                    Assert.Equal(JsonValueKind.Null, rate.GetProperty("low").ValueKind);
                    Assert.EndsWith("too few to tell", rate.GetProperty("reading").GetString(), StringComparison.Ordinal);
                    continue;
                }

                var chances = group.Select(c => SyntheticOdds.WentWrongChance(c.Gates)).ToList();
                var expected = chances.Sum();
                var spread = Math.Sqrt(chances.Sum(p => p * (1 - p)));
                Assert.True(Math.Abs(wrong - expected) <= (Tolerance * spread) + 1,
                    $"{what}: {wrong} of {group.Count} went wrong; the chances predict {expected:F1} ± {spread:F1}");
                var (low, high) = (rate.GetProperty("low").GetDouble(), rate.GetProperty("high").GetDouble());
                Assert.True(low <= (double)wrong / group.Count && (double)wrong / group.Count <= high, what);
                judged++;
                covered += low <= expected / group.Count && expected / group.Count <= high ? 1 : 0;
            }

            // 90% intervals hold the share the chances give about nine times in ten; well under that means they are wrong.
            Assert.True(judged >= 30, $"only {judged} rows with enough pilots");
            Assert.True(covered >= 0.75 * judged, $"the 90% intervals held the expected share in {covered} of {judged} rows");
            // Daily users not involved raises the chance a lot, and there are enough such pilots to see it.
            var notInvolved = figures.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("key").GetString() == GateSet.UsersNotInvolved.ToKey());
            Assert.True(notInvolved.GetProperty("with").GetProperty("low").GetDouble() > notInvolved.GetProperty("without").GetProperty("high").GetDouble());

            // The page and the CSV say the same, as counts with intervals.
            var page = (await new PageSession(host, TestUsers.Reviewer).GetAsync("/calibration")).Expect(HttpStatusCode.OK);
            Assert.Contains(notInvolved.GetProperty("with").GetProperty("reading").GetString()!.Split(" (")[0], page.TextOf("#gates-heading ~ div"), StringComparison.Ordinal);
            Assert.Contains("too few to tell", page.Text, StringComparison.Ordinal);
            using var csv = await reviewer.GetAsync(new Uri("/api/calibration/export?format=csv", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Table,Key,Label,Group,Count,Pilots,Interval low (90%),Interval high (90%),Reading", lines[0]);
            Assert.Equal((4 * OutcomeNames.All.Count) + rows.Count, lines.Length - 1);
            var gateRow = rows.First(r => r.What.StartsWith("gate UsersNotInvolved with", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"gate,users-not-involved,Daily users not involved,with,{gateRow.Rate.GetProperty("wentWrong").GetInt32()},{gateRow.Group.Count},0.", StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await TestHost.DropPostgresDatabaseAsync(name);
        }
    }

    /// <summary>Every pilot's current outcome with what it was weighed against, read straight from the table.</summary>
    private static async Task<List<Case>> CasesAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outcomes = await db.PilotOutcomes.AsNoTracking().Where(o => o.SupersededAt == null).ToListAsync();
        return [.. outcomes.Select(o => new Case(o.Assessed.Gates, o.Assessed.SectionScores, o.Kind, o.Assessed.Verdict))];
    }
}
