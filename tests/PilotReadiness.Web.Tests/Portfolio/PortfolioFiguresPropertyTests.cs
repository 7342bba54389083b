using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Questionnaires;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Waivers;
using Xunit.Abstractions;

namespace PilotReadiness.Web.Tests.Portfolio;

/// <summary>
/// The portfolio's fast figures (counters kept with every save, and the one-pass aggregate for the filters they cannot
/// answer) against a recomputation from the domain's own properties, after random changes made through the domain and
/// saved as the app saves them: answers, questions marked not applicable, details, submissions, re-opening, decisions
/// with conditions, conditions met, re-assessments (onto the pilot's own questionnaire version or another one offered),
/// waivers of a gate approved until a day and lapsing (recorded by the waiver-expiry job), and a clock moving on so
/// decisions fall overdue, conditions lapse and live pilots' check-ins fall due.
/// </summary>
public sealed class PortfolioFiguresPropertyTests(PostgresAppFactory app, ITestOutputHelper output) : PostgresTest(app)
{
    private static readonly string[] Units = ["Finance", "Operations", "IT", "People & HR"];

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    [InlineData(47)]
    public async Task Figures_AfterRandomChanges_EqualARecomputationFromTheDomain_ForRandomFilters(int seed)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var (sponsorId, reviewer) = await AccountsAsync();
        await AddSyntheticPilotsAsync(seed, clock.GetUtcNow(), sponsorId, reviewer, count: 30);
        await PublishAnotherVersionAsync();

        for (var round = 0; round < 6; round++)
        {
            for (var step = 0; step < 12; step++)
            {
                await ChangeOneAsync(random, clock, sponsorId, reviewer);
            }

            clock.Advance(TimeSpan.FromDays(random.Next(0, 12)) + TimeSpan.FromHours(random.Next(24)));
            await CheckCountersAsync();
            await CheckFiguresAsync(PortfolioFilter.Default, clock);   // the whole portfolio: its own path for the live pilots
            for (var i = 0; i < 10; i++)
            {
                await CheckFiguresAsync(RandomFilter(random, await CurrentAsync()), clock);
            }
        }

        var current = await CurrentAsync();
        output.WriteLine($"{current.Count} current versions: {current.Count(a => a.Status == AssessmentStatus.Submitted)} submitted, " +
            $"{current.Sum(a => a.NotApplicable.Count)} not-applicable marks, {current.Sum(a => a.Waivers.Count(w => w.Status == WaiverStatus.Approved))} waivers approved " +
            $"({current.Sum(a => a.Waivers.Count(w => w.LapseRecordedAt is not null))} lapses recorded), {current.Count(a => a.Revision > 1)} re-assessed, " +
            $"on questionnaire versions {string.Join(", ", current.Select(a => a.QuestionnaireVersion).Distinct().Order())}");
    }

    private async Task<(string SponsorId, (string Id, string Name) Reviewer)> AccountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sponsor = await users.FindByEmailAsync(TestUsers.Sponsor.Email);
        var reviewer = await users.FindByEmailAsync(TestUsers.Reviewer.Email);
        return (sponsor!.Id, (reviewer!.Id, TestUsers.Reviewer.Name));
    }

    /// <summary>
    /// Realistic pilots (drafts, submissions, decisions with conditions, re-assessments, live pilots with their check-ins)
    /// made by the seed's generator, saved through EF.
    /// </summary>
    private async Task AddSyntheticPilotsAsync(int seed, DateTimeOffset now, string sponsorId, (string Id, string Name) reviewer, int count)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var portfolio = new SyntheticPortfolio(seed, now, new SyntheticAccounts([sponsorId], [reviewer]), scope.ServiceProvider.GetRequiredService<IQuestionnaireCatalog>());
        for (var i = 0; i < count; i++)
        {
            var pilot = portfolio.Pilot(i);
            db.Assessments.AddRange(pilot.Versions);
            db.Decisions.AddRange(pilot.Decisions);
            if (pilot.Life.Live is { } live)
            {
                db.LivePilots.Add(live);
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Publishes questionnaire version 3 (integration weighs twice as much), so re-assessments can move onto it.</summary>
    private async Task PublishAnotherVersionAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var drafts = scope.ServiceProvider.GetRequiredService<QuestionnaireDrafts>();
        var v2 = QuestionnaireDefinition.Of(ShippedQuestionnaires.V2);
        var v3 = v2 with { Version = 3, Sections = [.. v2.Sections.Select(s => s.Key == SectionKeys.Integration ? s with { Weight = s.Weight * 2 } : s)] };
        var imported = await drafts.ImportAsync(v3.ToJson(), TestUsers.Admin.Name, CancellationToken.None);
        var published = await drafts.PublishAsync(imported.Draft!.Revision, TestUsers.Admin.Name, CancellationToken.None);
        Assert.True(published.Refusal is null && published.Problems.Count == 0, published.Message);
    }

    private async Task<List<Assessment>> CurrentAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Assessments.AsNoTracking().Current().ToListAsync();
    }

    /// <summary>One random change to one random current version, through the domain, in one save (a refusal changes nothing).</summary>
    private async Task ChangeOneAsync(Random random, FakeTimeProvider clock, string sponsorId, (string Id, string Name) reviewer)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<IQuestionnaireCatalog>();
        var ids = await db.Assessments.Current().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        var id = ids[random.Next(ids.Count)];
        var otherId = ids[random.Next(ids.Count)];
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        try
        {
            switch (random.Next(11))
            {
                case 0 or 1:
                    // Answers copied from another pilot: the score, verdict and gates move.
                    var other = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == otherId);
                    var answers = other.ReadAnswers(catalog);
                    var changes = answers.Where(_ => random.NextDouble() < 0.5).ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value);
                    foreach (var key in answers.Keys.Where(_ => random.NextDouble() < 0.1))
                    {
                        changes[key] = null;
                    }

                    assessment.SetAnswers(catalog, changes, now);
                    break;
                case 2:
                    assessment.UpdateDetails(new AssessmentDetails(assessment.Title, Units[random.Next(Units.Length)], assessment.Sponsor, assessment.Description), now);
                    break;
                case 3:
                    if (assessment.Status == AssessmentStatus.Draft)
                    {
                        assessment.Submit(catalog, now);
                    }
                    else
                    {
                        assessment.Reopen(catalog, now);
                    }

                    break;
                case 4 or 5:
                    var current = await db.Decisions.Current().SingleOrDefaultAsync(d => d.PilotId == assessment.PilotId);
                    var outcome = (DecisionOutcome)random.Next(3);
                    var today = now.Day();
                    var conditions = outcome == DecisionOutcome.GoWithConditions
                        ? Enumerable.Range(0, random.Next(1, 3)).Select(i => new ConditionDraft($"Condition {i + 1}", "Sofia Lindqvist", today.AddDays(random.Next(1, 15)))).ToList()
                        : [];
                    var reasons = Decision.GatesAccepted(assessment.Score(catalog, now), outcome).ToDictionary(g => g.Key, _ => "Accepted in a test.");
                    db.Decisions.Add(Decision.Record(assessment, catalog, current, outcome, "Decided in a test.", null, conditions, reviewer.Id, reviewer.Name, now, reasons));
                    break;
                case 6:
                    var decision = await db.Decisions.Current().SingleOrDefaultAsync(d => d.PilotId == assessment.PilotId);
                    if (decision?.Conditions.FirstOrDefault(c => decision.WhyNotMarkMet(c.Id) is null) is { } condition)
                    {
                        decision.MarkConditionMet(condition.Id, assessment, reviewer.Name, now);
                    }

                    break;
                case 7:
                    // Onto its own questionnaire version, or another one the domain offers.
                    var onto = assessment.ReassessOnto(catalog);
                    db.Assessments.Add(assessment.Reassess(catalog, now, onto.Count == 0 ? null : onto[random.Next(onto.Count)]));
                    break;
                case 8:
                    // A question the model lets go marked not applicable (it leaves its section's denominator), or the mark taken away.
                    if (assessment.Status == AssessmentStatus.Submitted)
                    {
                        assessment.Reopen(catalog, now);
                    }

                    var version = assessment.VersionIn(catalog);
                    var questions = version.Questionnaire.Questions.Where(q => version.Model.WhyNotApplicable(q) is null).ToList();
                    if (questions.Count > 0)
                    {
                        assessment.SetAnswers(catalog, new Dictionary<string, Answer?>
                        {
                            [questions[random.Next(questions.Count)].Key] = random.Next(3) == 0 ? null : new NotApplicableAnswer("Does not apply to this pilot in a test."),
                        }, now);
                    }

                    break;
                case 9:
                    // A waiver of a triggered gate, asked for and approved until a day soon: the stored verdict moves.
                    var gates = assessment.WaivableGates(catalog, now);
                    if (gates.Count > 0)
                    {
                        var waiver = assessment.RequestWaiver(catalog, gates[random.Next(gates.Count)].Key, "Handled elsewhere, in a test.", sponsorId, "Sponsor", now);
                        assessment.ApproveWaiver(catalog, waiver.Id, now.Day().AddDays(random.Next(1, 10)), null, reviewer.Id, reviewer.Name, now);
                    }

                    break;
                default:
                    // The waiver-expiry job on the test's clock: lapsed waivers bring the stored verdicts back, saved by the job.
                    db.ChangeTracker.Clear();
                    await new WaiverExpiry(db, catalog, clock, NullLogger<WaiverExpiry>.Instance).RunAsync(CancellationToken.None);
                    return;
            }

            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is RefusedException or FieldErrorsException or ArgumentException)
        {
            // The domain refused this change for this pilot; nothing was saved.
            output.WriteLine($"refused: {e.Message}");
        }
    }

    /// <summary>The counters equal the same figures computed again from every current version.</summary>
    private async Task CheckCountersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.PortfolioCounts.AsNoTracking().ToListAsync();
        Assert.All(stored.Where(c => c.Count == 0), c => Assert.True(c.IsZero, $"An empty counter row still counts something: {Describe(c)}"));
        var recomputed = await PortfolioCounts.Aggregate(db.Assessments.AsNoTracking().Current()).ToListAsync();
        Assert.Equal(recomputed.Select(Describe).Order(StringComparer.Ordinal), stored.Where(c => c.Count > 0).Select(Describe).Order(StringComparer.Ordinal));
    }

    private static string Describe(PortfolioCount c) =>
        $"{c.BusinessUnit}|{c.Status}|{c.Verdict}|{c.Gates}: {c.Count} {c.Commitment} {c.Involvement} {c.AfterDemo} {c.Integration} {c.Workflow} {c.Ownership} " +
        $"{c.IntegrationKiller} {c.WorkflowKiller} {c.OwnershipKiller} {c.OwnerUnconfirmed} {c.DecidedAbove} {c.AwaitingDecision} {c.WithConditionsDue}";

    private async Task CheckFiguresAsync(PortfolioFilter filter, FakeTimeProvider clock)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var queries = new PortfolioQueries(db, scope.ServiceProvider.GetRequiredService<PortfolioCache>(), clock);
        var summary = await queries.SummaryAsync(filter, CancellationToken.None);
        var now = clock.GetUtcNow();
        var today = now.Day();
        var live = await db.LivePilots.AsNoTracking().ToDictionaryAsync(l => l.PilotId);
        LivePilot? LiveOf(Assessment a) => live.GetValueOrDefault(a.PilotId);
        var selected = (await db.Assessments.AsNoTracking().Current().ToListAsync()).Where(a => Selects(filter, a, LiveOf(a)?.HealthOn(today))).ToList();
        var because = $"filter '{filter.ToQueryString()}' (counters: {PortfolioQueries.CountersAnswer(filter)})";

        Assert.True(selected.Count == summary.Total, because);
        Assert.True(selected.Count == await queries.CountAsync(filter, CancellationToken.None), because);
        foreach (var (verdict, count) in summary.Verdicts)
        {
            Assert.True(selected.Count(a => a.Readiness.Verdict == verdict) == count, $"{verdict}: {because}");
        }

        // Averages of submitted pilots only, unless the view takes drafts in.
        var averaged = selected.Where(a => filter.DraftsInAverages || a.Status == AssessmentStatus.Submitted).ToList();
        Assert.True(averaged.Count == summary.Averaged, because);
        Assert.Equal([.. SectionKeys.All.Select(key => Average(averaged, key))], summary.SectionAverages.Select(s => s.Average));
        Assert.Equal([.. RolloutKillers.All.Select(k => selected.Count(a => k.Has(a.Readiness)))], summary.Killers.Select(k => k.Count));

        var units = averaged.GroupBy(a => a.BusinessUnit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [.. units.Take(PortfolioQueries.HeatMapBusinessUnits).Select(g => $"{g.Key} {g.Count()} {string.Join(" ", SectionKeys.All.Select(k => Average([.. g], k)))}")],
            summary.BusinessUnits.Select(u => $"{u.BusinessUnit} {u.Pilots} {string.Join(" ", u.Sections.Select(s => (double?)s))}"));

        var expected = new Dictionary<AttentionKind, List<Assessment>>
        {
            [AttentionKind.AwaitingDecision] = [.. selected.Where(a => a.AwaitsDecision && a.SubmittedAt < now.AddDays(-PortfolioQueries.AwaitingDecisionDays))],
            [AttentionKind.OwnerUnconfirmed] = [.. selected.Where(a => a.Decision is DecisionOutcome.Go or DecisionOutcome.GoWithConditions && !a.Readiness.OwnerConfirmed)],
            [AttentionKind.ConditionsLapsed] = [.. selected.Where(a => a.IsLapsed(today))],
            [AttentionKind.DecidedAboveRecommendation] = [.. selected.Where(a => a.DecidedAboveRecommendation)],
            [AttentionKind.Orphaned] = [.. selected.Where(a => LiveOf(a)?.HealthOn(today) == LiveHealth.Orphaned)],
            [AttentionKind.Decaying] = [.. selected.Where(a => LiveOf(a)?.HealthOn(today) == LiveHealth.Decaying)],
            [AttentionKind.CheckInOverdue] = [.. selected.Where(a => LiveOf(a) is { Ended: false } l && l.NextCheckInDue < today)],
        };
        foreach (var group in summary.Attention)
        {
            var matching = expected[group.Kind];
            Assert.True(matching.Count == group.Count, $"{group.Kind}: {matching.Count} expected, {group.Count} counted; {because}");
            Assert.Equal(Math.Min(PortfolioQueries.AttentionItems, matching.Count), group.Items.Count);
            Assert.All(group.Items, item => Assert.Contains(item.Id, matching.Select(a => a.Id)));
        }

        // The After launch panel: the monitored live pilots by health, and the first few, the worst health first.
        var monitored = selected.Where(a => LiveOf(a) is { Ended: false }).Select(a => (Pilot: a, Health: LiveOf(a)!.HealthOn(today))).ToList();
        var worstFirst = LiveNames.AllHealth.Reverse().ToList();
        Assert.Equal([.. worstFirst.Select(h => (h, monitored.Count(m => m.Health == h)))], summary.AfterLaunch.Counts);
        var listed = summary.AfterLaunch.Pilots;
        Assert.Equal(Math.Min(PortfolioQueries.AttentionItems, monitored.Count), listed.Count);
        Assert.All(listed, item => Assert.Contains((item.PilotId, item.Health), monitored.Select(m => (m.Pilot.PilotId, m.Health))));
        Assert.Equal([.. listed.OrderBy(i => worstFirst.IndexOf(i.Health)).ThenBy(i => i.NextCheckInDue)], listed);
        foreach (var worse in worstFirst.TakeWhile(h => listed.Count > 0 && worstFirst.IndexOf(h) < worstFirst.IndexOf(listed[^1].Health)))
        {
            Assert.True(monitored.Count(m => m.Health == worse) == listed.Count(i => i.Health == worse), $"a {worse} pilot is left out of the panel; {because}");
        }
    }

    private static double? Average(List<Assessment> assessments, string sectionKey) =>
        assessments.Count == 0 ? null : Math.Round(assessments.Average(a => (double)a.Readiness.SectionScore(sectionKey)), 1);

    /// <summary>The filter as the dashboard describes it, restated over loaded assessments.</summary>
    private static bool Selects(PortfolioFilter filter, Assessment a, LiveHealth? health)
    {
        static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
        return (filter.Health is null || health == filter.Health)
            && (filter.BusinessUnit is null || a.BusinessUnit == filter.BusinessUnit)
            && (filter.Status is null || a.Status == filter.Status)
            && (filter.Verdict is null || a.Readiness.Verdict == filter.Verdict)
            && (filter.Sponsor is null || Contains(a.Sponsor, filter.Sponsor))
            && (filter.Gate is null || (a.Readiness.Gates & filter.Gate) != GateSet.None)
            && (filter.From is null || a.UpdatedAt >= Start(filter.From.Value))
            && (filter.To is null || a.UpdatedAt < Start(filter.To.Value.AddDays(1)))
            && (filter.Search is not { } search || Contains(a.Title, search) || Contains(a.BusinessUnit, search) || Contains(a.Sponsor, search));
    }

    /// <summary>A random combination of the dashboard's filters, with values the portfolio holds (and sometimes not).</summary>
    private static PortfolioFilter RandomFilter(Random random, List<Assessment> current)
    {
        T? Sometimes<T>(double p, Func<T> value) => random.NextDouble() < p ? value() : default;
        Assessment Any() => current[random.Next(current.Count)];
        var from = Sometimes(0.2, () => (DateOnly?)Any().UpdatedAt.Day().AddDays(-random.Next(30)));
        var title = Any().Title;
        var start = random.Next(Math.Max(1, title.Length - 4));
        return new PortfolioFilter
        {
            BusinessUnit = Sometimes(0.4, () => random.NextDouble() < 0.9 ? Any().BusinessUnit : "No such unit"),
            Status = Sometimes(0.4, () => (AssessmentStatus?)(random.Next(2) == 0 ? AssessmentStatus.Draft : AssessmentStatus.Submitted)),
            Verdict = Sometimes(0.4, () => (Verdict?)(Verdict)random.Next(4)),
            Gate = Sometimes(0.3, () => (GateSet?)GateSetNames.All[random.Next(GateSetNames.All.Count)]),
            Sponsor = Sometimes(0.1, () => Any().Sponsor),
            From = from,
            To = Sometimes(0.2, () => (DateOnly?)(from ?? Any().UpdatedAt.Day()).AddDays(random.Next(60))),
            Health = Sometimes(0.15, () => (LiveHealth?)LiveNames.AllHealth[random.Next(LiveNames.AllHealth.Count)]),
            Search = Sometimes(0.15, () => title.Substring(start, Math.Min(4, title.Length - start)).ToUpperInvariant()),
            DraftsInAverages = random.Next(3) == 0,
        };
    }
}
