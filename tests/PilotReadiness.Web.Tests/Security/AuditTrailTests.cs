using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>
/// Every kind of change the app can make to an assessment leaves an audit row with who (user id and email; for a
/// confirmation link, the address it was sent to) and when; the API and the history page show them; the app's
/// DbContext refuses to change or delete them.
/// </summary>
public sealed class AuditTrailTests(PostgresAppFactory app, SmtpFixture smtp) : SecurityTest(app), IClassFixture<SmtpFixture>
{
    private const string Person = "commitment.executive-sponsor";

    /// <summary>The app instance that emails confirmation links to <see cref="SmtpFixture.Server"/>, on the same database.</summary>
    private WebApplicationFactory<Program> Host => smtp.HostFor(App);

    [Fact]
    public async Task EveryKindOfChange_IsRecordedWithTheSignedInActorAndTime()
    {
        var (id, before, after, expected) = await MakeEveryKindOfChangeAsync();

        var rows = await AuditRowsAsync(id);

        Assert.Equal(expected.Select(e => e.Kind), rows.Select(r => r.Kind));
        foreach (var (row, want) in rows.Zip(expected))
        {
            var what = $"{row.Kind} #{row.Id}";
            Assert.True(row.ActorId == want.ActorId, $"{what}: actor id {row.ActorId}, expected {want.ActorId}");
            Assert.True(row.ActorName == want.ActorName, $"{what}: actor {row.ActorName}, expected {want.ActorName}");
            Assert.True(row.Subject == want.Subject, $"{what}: subject {row.Subject}, expected {want.Subject}");
            Assert.True(row.OldValue == want.Old, $"{what}: old value {row.OldValue}, expected {want.Old}");
            Assert.True(row.NewValue == want.New, $"{what}: new value {row.NewValue}, expected {want.New}");
            Assert.InRange(row.At, before, after);
        }

        Assert.Equal(rows.Select(r => r.At).Order(), rows.Select(r => r.At));
    }

    [Fact]
    public async Task HistoryApiAndPage_ShowEveryChangeNewestFirst()
    {
        var (id, _, _, expected) = await MakeEveryKindOfChangeAsync();
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        using var response = await reviewer.GetAsync(new Uri($"/api/assessments/{id}/history", UriKind.Relative));
        var lines = (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        using var browser = new PageSession(App, TestUsers.Reviewer);
        var page = (await browser.GetAsync($"/assessments/{id}/history")).Expect(HttpStatusCode.OK);

        var newestFirst = expected.AsEnumerable().Reverse().ToList();
        Assert.Equal(newestFirst.Select(e => e.Kind), lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(newestFirst.Select(e => e.ActorName), lines.Select(l => l.GetProperty("actor").GetString()));
        var rows = page.Document.QuerySelectorAll("main table tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(newestFirst.Select(e => e.ActorName), rows.Select(r => r[1]));
        Assert.Equal(lines.Select(l => l.GetProperty("what").GetString()), rows.Select(r => r[2]));
        var collaborator = $"{SecurityUsers.Collaborator.Name} ({SecurityUsers.Collaborator.Email})";
        Assert.Equal(["Re-opened as a draft", "Submitted for review"], rows.Take(2).Select(r => r[2]));
        Assert.Contains($"Added {collaborator} as a collaborator", rows.Select(r => r[2]));
        Assert.Contains($"Removed {collaborator} as a collaborator", rows.Select(r => r[2]));
        Assert.Contains(rows, r => r[2].StartsWith("Confirmed the role in \"", StringComparison.Ordinal) && r[4] == "Happy to own it");
        Assert.Contains(rows, r => r[2].StartsWith("Declined the role in \"", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[2].StartsWith("Cleared \"", StringComparison.Ordinal) && r[3] == "Marek Nowak" && r[4] == "");
        Assert.Contains(rows, r => r[2].StartsWith("Answered \"", StringComparison.Ordinal) && r[3] == "Helena Marsh" && r[4] == "Marek Nowak");
        Assert.Contains(rows, r => r[2] == "Started the assessment");
    }

    [Fact]
    public async Task AuditRow_ModifiedThroughTheAppsDbContext_SaveThrowsAndNothingChanges()
    {
        var (id, _, _, _) = await MakeEveryKindOfChangeAsync();
        var original = await AuditRowsAsync(id);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.AuditEntries.SingleAsync(e => e.Id == original[1].Id);
        var assessment = await db.Assessments.SingleAsync(a => a.Id == id);

        db.Entry(row).Property(e => e.NewValue).CurrentValue = "tampered";
        db.Entry(row).Property(e => e.ActorName).CurrentValue = "someone-else@security.test";
        assessment.Submit(ShippedQuestionnaires.Catalog, DateTimeOffset.UtcNow); // a legitimate change in the same save is not written either

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Equivalent(original, await AuditRowsAsync(id), strict: true);
        Assert.Equal("draft", (await Client.GetAssessmentAsync(id)).Status);
    }

    [Fact]
    public async Task AuditRow_DeletedThroughTheAppsDbContext_SaveThrowsAndNothingChanges()
    {
        var (id, _, _, _) = await MakeEveryKindOfChangeAsync();
        var original = await AuditRowsAsync(id);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        db.AuditEntries.RemoveRange(await db.AuditEntries.Where(e => e.AssessmentId == id).ToListAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Equivalent(original, await AuditRowsAsync(id), strict: true);
    }

    private sealed record ExpectedRow(string Kind, string ActorId, string ActorName, string? Subject = null, string? Old = null, string? New = null);

    /// <summary>
    /// Every kind of change, through the API (bearer token), the review page (cookie) and confirmation links (no account):
    /// created; answer-set (new, then changed); answer-cleared; collaborator-added; an answer by the collaborator;
    /// collaborator-removed; confirmation-requested, -confirmed and -declined; submitted; reopened.
    /// </summary>
    private async Task<(Guid Id, DateTimeOffset Before, DateTimeOffset After, IReadOnlyList<ExpectedRow> Expected)> MakeEveryKindOfChangeAsync()
    {
        var owner = await SecurityUsers.IdOfAsync(App.Services, TestUsers.Sponsor.Email);
        var collaboratorId = await SecurityUsers.CreateAsync(App.Services, SecurityUsers.Collaborator);
        var ownerEmail = TestUsers.Sponsor.Email;
        var collaboratorEmail = SecurityUsers.Collaborator.Email;
        var productionOwnerEmail = NewEmail("owner");
        var reviewerEmail = NewEmail("reviewer");
        using var api = Host.CreateClient().Authorize(await TestUsers.LoginAsync(App, TestUsers.Sponsor));
        using var collaborator = Host.CreateClient().Authorize(await TestUsers.LoginAsync(App, SecurityUsers.Collaborator));
        var before = DateTimeOffset.UtcNow;

        var id = (await api.CreateAssessmentAsync("Audited pilot")).Id;
        await api.AnswerAsync(id, new Dictionary<string, object?> { [Person] = "Helena Marsh" });
        await api.AnswerAsync(id, new Dictionary<string, object?> { [Person] = "Marek Nowak" });
        await api.AnswerAsync(id, new Dictionary<string, object?> { [Person] = null });
        using (var added = await api.PostAsJsonAsync($"/api/assessments/{id}/collaborators", new { email = collaboratorEmail }))
        {
            await added.ReadJsonAsync(HttpStatusCode.OK);
        }

        await collaborator.AnswerAsync(id, new Dictionary<string, object?> { [QuestionKeys.ProductionOwner] = "Sofia Lindqvist" });
        using (var removed = await api.DeleteAsync(new Uri($"/api/assessments/{id}/collaborators/{collaboratorId}", UriKind.Relative)))
        {
            await removed.ReadJsonAsync(HttpStatusCode.OK);
        }

        await api.AnswerAsync(id, new Dictionary<string, object?> { [QuestionKeys.QualityReviewer] = "Daniel Abara" });
        await AskToConfirmAsync(api, id, QuestionKeys.ProductionOwner, productionOwnerEmail);
        await AskToConfirmAsync(api, id, QuestionKeys.QualityReviewer, reviewerEmail);
        await AnswerConfirmationAsync(productionOwnerEmail, "confirm", "Happy to own it");
        await AnswerConfirmationAsync(reviewerEmail, "decline", "");
        // The questions required to proceed, so that it can be submitted.
        var ready = SampleAnswers.Ready();
        var required = RequiredKeys.ToDictionary(key => key, key => ready[key]);
        await api.AnswerAsync(id, required);
        using var browser = new PageSession(Host, TestUsers.Sponsor);
        var submitted = await (await browser.GetAsync($"/assessments/{id}/review")).Form().ClickAsync("button[formaction*='handler=Submit']");
        var reopened = await (await browser.FollowAsync(submitted)).Form().ClickAsync("button[formaction*='handler=Reopen']");
        Assert.Equal($"/assessments/{id}/review", reopened.RedirectLocation());
        var after = DateTimeOffset.UtcNow;

        return (id, before, after,
        [
            new("created", owner, ownerEmail, New: "Audited pilot"),
            new("answer-set", owner, ownerEmail, Person, null, "Helena Marsh"),
            new("answer-set", owner, ownerEmail, Person, "Helena Marsh", "Marek Nowak"),
            new("answer-cleared", owner, ownerEmail, Person, "Marek Nowak"),
            new("collaborator-added", owner, ownerEmail, collaboratorId),
            new("answer-set", collaboratorId, collaboratorEmail, QuestionKeys.ProductionOwner, null, "Sofia Lindqvist"),
            new("collaborator-removed", owner, ownerEmail, collaboratorId),
            new("answer-set", owner, ownerEmail, QuestionKeys.QualityReviewer, null, "Daniel Abara"),
            new("confirmation-requested", owner, ownerEmail, QuestionKeys.ProductionOwner, null, $"Sofia Lindqvist <{productionOwnerEmail}>"),
            new("confirmation-requested", owner, ownerEmail, QuestionKeys.QualityReviewer, null, $"Daniel Abara <{reviewerEmail}>"),
            new("confirmation-confirmed", LinkActor, productionOwnerEmail, QuestionKeys.ProductionOwner, null, "Happy to own it"),
            new("confirmation-declined", LinkActor, reviewerEmail, QuestionKeys.QualityReviewer),
            .. RequiredKeys.Select(key => new ExpectedRow("answer-set", owner, ownerEmail, key, null, Stored(key, required[key]))),
            new("submitted", owner, ownerEmail, Old: "draft", New: "submitted"),
            new("reopened", owner, ownerEmail, Old: "submitted", New: "draft"),
        ]);
    }

    /// <summary>The questions required to proceed that the audited pilot answers last, in questionnaire order.</summary>
    private static readonly string[] RequiredKeys =
    [
        QuestionKeys.Adoption, QuestionKeys.IntegrationBuilt, QuestionKeys.WhatThenOwner, QuestionKeys.SuccessCriteria,
        QuestionKeys.InvolvementLevel, QuestionKeys.IntegrationSystems,
    ];

    /// <summary>An answer in the API's shape as it is stored (and audited).</summary>
    private static string Stored(string key, object? value) => value switch
    {
        IEnumerable<string> list when value is not string => System.Text.Json.JsonSerializer.Serialize(list),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The actor id of a change made through a confirmation link, by someone without an account.</summary>
    private const string LinkActor = "link";

    private static async Task AskToConfirmAsync(HttpClient api, Guid id, string questionKey, string email)
    {
        using var asked = await api.PostAsJsonAsync($"/api/assessments/{id}/confirmations", new { questionKey, email });
        await asked.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>The named person opens the link from their email, without an account, and answers.</summary>
    private async Task AnswerConfirmationAsync(string email, string decision, string comment)
    {
        var link = SecurityUsers.FirstLink((await smtp.EmailToAsync(email)).TextBody ?? "");
        using var person = new PageSession(Host);
        var page = (await person.GetAsync(link.PathAndQuery)).Expect(HttpStatusCode.OK);
        var answered = await page.Form().Set("Input.Comment", comment).ClickAsync("Input.Decision", decision);
        answered.Expect(HttpStatusCode.OK);
    }

    private async Task<List<AuditEntry>> AuditRowsAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.AssessmentId == id).OrderBy(e => e.Id).ToListAsync();
    }
}
