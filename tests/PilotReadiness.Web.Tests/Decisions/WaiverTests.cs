using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Reminders;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Reminders;
using PilotReadiness.Web.Tests.Security;
using PilotReadiness.Web.Waivers;

namespace PilotReadiness.Web.Tests.Decisions;

/// <summary>
/// Waivers of a gate through the API on PostgreSQL: a sponsor asks, a reviewer approves or refuses; the verdict, the stored
/// columns and the audit trail follow; at expiry (a later clock) the job brings the cap back, and a reminder goes out once.
/// </summary>
public sealed class WaiverTests(PostgresAppFactory app) : SecurityTest(app)
{
    private const string Gate = "integration-not-budgeted";

    private async Task<Guid> GatedAsync(string title = "Forecasting assistant") =>
        await DecisionSupport.SubmittedAsync(Client, title, SampleAnswers.ReadyWith(QuestionKeys.IntegrationBudgeted, false));

    private async Task<Guid> RequestedAsync(Guid id)
    {
        using var response = await Client.RequestWaiverAsync(id, Gate, "The connector is paid from the platform budget this year.");
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<(string Verdict, Verdict Stored, int Audit)> StateAsync(Guid id)
    {
        var score = await Client.GetScoreAsync(id);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id);
        var audit = await db.AuditEntries.CountAsync(e => e.AssessmentId == id && e.Kind.StartsWith("waiver-"));
        return (score.GetProperty("verdict").GetString()!, assessment.Readiness.Verdict, audit);
    }

    [Fact]
    public async Task RequestAndApprove_LiftTheCap_TheGateStillShowsWaived_AndBothAreAudited()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await GatedAsync();
        Assert.Equal(("not-ready", Verdict.NotReady, 0), await StateAsync(id));

        var waiverId = await RequestedAsync(id);
        Assert.Equal(("not-ready", Verdict.NotReady, 1), await StateAsync(id));
        var until = DecisionSupport.Today.AddDays(30);
        using var approved = await reviewer.AnswerWaiverAsync(id, waiverId, "approve", new { until = DecisionSupport.Day(until), note = "Until the budget round." });
        var dto = await approved.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(("approved", true), (dto.GetProperty("status").GetString(), dto.GetProperty("holds").GetBoolean()));
        Assert.Equal(("go", Verdict.Go, 2), await StateAsync(id));
        var gate = (await Client.GetScoreAsync(id)).GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("key").GetString() == Gate);
        Assert.Equal(DecisionSupport.Day(until), gate.GetProperty("waivedUntil").GetString());
        Assert.False(string.IsNullOrEmpty(gate.GetProperty("waivedBy").GetString()));

        var results = await (await Client.GetAsync(new Uri($"/assessments/{id}/results", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Waived by", results, StringComparison.Ordinal);
        using var pdf = await Client.GetAsync(new Uri($"/api/assessments/{id}/report.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var print = await (await Client.GetAsync(new Uri($"/assessments/{id}/report", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Waived by", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_KeepsTheCap_NeedsANote_AndASecondAnswerIs409()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await GatedAsync();
        var waiverId = await RequestedAsync(id);

        using (var noNote = await reviewer.AnswerWaiverAsync(id, waiverId, "refuse", new { note = "" }))
        {
            var problem = await noNote.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));
        }

        using (var refused = await reviewer.AnswerWaiverAsync(id, waiverId, "refuse", new { note = "Budget the connector first." }))
        {
            Assert.Equal("refused", (await refused.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        }

        Assert.Equal(("not-ready", Verdict.NotReady, 2), await StateAsync(id));
        using var again = await reviewer.AnswerWaiverAsync(id, waiverId, "approve", new { until = DecisionSupport.Day(DecisionSupport.Today.AddDays(3)) });
        await again.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string?, string?, string> BadRequests() => new()
    {
        // who answers, gate, reason, the field named
        { "request", null, "Why", "gate" },
        { "request", "pilot-theatre", "Not triggered here.", "gate" },
        { "request", "blocker-unanswered", "Essential.", "gate" },
        { "request", Gate, "", "reason" },
        { "approve", "yesterday", null, "until" },
        { "approve", "today", null, "until" },
        { "approve", "not-a-date", null, "until" },
        { "approve", null, null, "until" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_Answers400_NamingTheField_AndChangesNothing(string action, string? value, string? reason, string field)
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await GatedAsync();
        HttpResponseMessage response;
        if (action == "request")
        {
            response = await Client.RequestWaiverAsync(id, value, reason);
        }
        else
        {
            var waiverId = await RequestedAsync(id);
            var until = value switch
            {
                "yesterday" => DecisionSupport.Day(DecisionSupport.Today.AddDays(-1)),
                "today" => DecisionSupport.Day(DecisionSupport.Today),
                _ => value,
            };
            response = await reviewer.AnswerWaiverAsync(id, waiverId, "approve", new { until });
        }

        using (response)
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Equal(action == "request" ? 0 : 1, (await StateAsync(id)).Audit);
    }

    [Fact]
    public async Task Concurrency_WithoutIfMatch428_StaleIfMatch412_ADraft409_AnotherRole403()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await GatedAsync();
        var etag = (await Client.GetAssessmentAsync(id)).ETag;
        var waiverId = await RequestedAsync(id);

        using (var stale = await reviewer.AnswerWaiverAsync(id, waiverId, "refuse", new { note = "No." }, ifMatch: etag))
        {
            await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        using (var none = await Client.PostAsync(new Uri($"/api/assessments/{id}/waivers", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { gate = Gate, reason = "x" })))
        {
            await none.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        }

        using (var sponsorApproves = await Client.AnswerWaiverAsync(id, waiverId, "approve", new { until = DecisionSupport.Day(DecisionSupport.Today.AddDays(3)) }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, sponsorApproves.StatusCode);
        }

        using (var unknown = await reviewer.AnswerWaiverAsync(id, Guid.NewGuid(), "refuse", new { note = "No." }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var draft = await Client.CreateAssessmentAsync("A draft");
        using var onDraft = await Client.RequestWaiverAsync(draft.Id, Gate, "Too early.");
        await onDraft.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Expiry_TheJobRestoresTheCapAndTheStoredVerdict_Once_AndAReminderIsEnqueuedOnceBefore()
    {
        using var reviewer = App.ClientFor(TestUsers.Reviewer);
        var id = await GatedAsync();
        var waiverId = await RequestedAsync(id);
        var until = DecisionSupport.Today.AddDays(2);
        (await reviewer.AnswerWaiverAsync(id, waiverId, "approve", new { until = DecisionSupport.Day(until) })).Dispose();
        Assert.Equal(("go", Verdict.Go, 2), await StateAsync(id));

        // Within the week before the last day: one reminder per recipient, enqueued once however often the scan runs.
        await using (var soon = AppInstanceHost.Start(App, SecurityUsers.FreePort(), OutboxData.Now().AddDays(1)))
        {
            Assert.Equal(0, await soon.InScopeAsync((WaiverExpiry expiry) => expiry.RunAsync(CancellationToken.None)));
            await soon.ScanAsync();
            await soon.ScanAsync();
        }

        var reminders = (await OutboxData.AllAsync(App.Services)).Where(r => r.Kind == WaiverExpiryReminders.Kind).ToList();
        Assert.Equal([TestUsers.Reviewer.Email, TestUsers.Sponsor.Email], reminders.Select(r => r.Recipient).Order());
        Assert.All(reminders, r => Assert.Equal($"{waiverId}/{DecisionSupport.Day(until)}", r.Key));

        // After the last day: live scores cap at once; the job brings the stored verdict back, audited, and only once.
        var after = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(1);
        await using var later = AppInstanceHost.Start(App, SecurityUsers.FreePort(), after);
        var live = await later.InScopeAsync(async (AppDbContext db) =>
        {
            var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id);
            return (assessment.Score(later.Services.GetRequiredService<IQuestionnaireCatalog>(), after).Verdict, assessment.Readiness.Verdict);
        });
        Assert.Equal((Verdict.NotReady, Verdict.Go), live);
        await using (var scope = later.Services.CreateAsyncScope())
        {
            var ids = await WaiverExpiry.LapsedQuery(scope.ServiceProvider.GetRequiredService<AppDbContext>(), after).Select(a => a.Id).ToListAsync();
            Assert.Equal([id], ids);
        }

        Assert.Equal(1, await later.InScopeAsync((WaiverExpiry expiry) => expiry.RunAsync(CancellationToken.None)));
        Assert.Equal(0, await later.InScopeAsync((WaiverExpiry expiry) => expiry.RunAsync(CancellationToken.None)));
        var (_, stored, audit) = await StateAsync(id);
        Assert.Equal((Verdict.NotReady, 3), (stored, audit));
        await using var check = App.Services.CreateAsyncScope();
        var entry = await check.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(e => e.AssessmentId == id && e.Kind == "waiver-lapsed");
        Assert.Equal(AuditInterceptor.SystemActor, entry.ActorId);
        await using var past = AppInstanceHost.Start(App, SecurityUsers.FreePort(), after.AddDays(1));
        await past.ScanAsync();
        Assert.Equal(2, (await OutboxData.AllAsync(App.Services)).Count(r => r.Kind == WaiverExpiryReminders.Kind));
    }
}
