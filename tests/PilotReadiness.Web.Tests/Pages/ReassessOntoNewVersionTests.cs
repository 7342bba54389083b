using System.Net;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>
/// An admin imports, previews and publishes version 3 (integration weighs 30, a new workflow question); a sponsor's
/// submitted assessment on version 2 is offered the move, with what changed, and re-assesses onto it.
/// </summary>
public sealed class ReassessOntoNewVersionTests(PostgresAppFactory app) : PageTest(app)
{
    private const string NewQuestion = "workflow.support-hours";

    private static string V3Json()
    {
        var v2 = QuestionnaireDefinition.Of(ShippedQuestionnaires.V2);
        return (v2 with
        {
            Version = 3,
            Sections = [.. v2.Sections.Select(s => s.Key switch
            {
                SectionKeys.Integration => s with { Weight = 30 },
                SectionKeys.Workflow => s with
                {
                    Questions = [.. s.Questions, new QuestionDefinition(NewQuestion, "yes-no", "Is support staffed during working hours?",
                        "Someone has to answer when it misbehaves.", "Agree who answers during working hours.",
                        [new OptionDefinition("yes", "Yes", 10, false), new OptionDefinition("no", "No", 0, false)], 0, false, 1, false, null)],
                },
                _ => s,
            })],
        }).ToJson();
    }

    [Fact]
    public async Task Publish_ThenReassess_OffersTheNewVersionWithWhatChanged_AndMovesOntoIt()
    {
        var id = await StartReadyAsync();
        using (var submit = await Client.PostActionAsync(id, "submit"))
        {
            await submit.ReadJsonAsync(HttpStatusCode.OK);
        }

        var admin = NewSession(TestUsers.Admin);
        using var adminApi = App.ClientFor(TestUsers.Admin);
        using (var imported = await adminApi.PostAsync("/api/questionnaires/draft", new StringContent(V3Json(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        }

        var preview = (await admin.GetAsync("/admin/questionnaires/draft?preview=true")).Expect(HttpStatusCode.OK);
        Assert.Contains("1 current assessments re-scored on this draft", preview.Text, StringComparison.Ordinal);
        var published = await preview.Form("form[action*='handler=Publish']").SubmitAsync();
        Assert.Equal("/admin/questionnaires", published.RedirectLocation());

        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        Assert.Contains("Which questionnaire should the re-assessment use?", results.Text, StringComparison.Ordinal);
        var changes = results.Texts(".version-changes li");
        Assert.Contains("New question: \"Is support staffed during working hours?\"", changes);
        Assert.Contains("\"Integration budgeted?\" weighs 30 instead of 15.", changes);

        using (var wrong = await Client.PostAsync($"/api/assessments/{id}/reassess?questionnaireVersion=1", content: null))
        {
            var problem = await wrong.ReadJsonAsync(HttpStatusCode.BadRequest);
            Assert.Contains("version 3 or 2", problem.GetProperty("errors").GetProperty("questionnaireVersion")[0].GetString(), StringComparison.Ordinal);
        }

        var refused = await results.Form("form.reassess").Set("onto", "1").SubmitAsync();
        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Contains("not 1", refused.TextOf("#onto-error"), StringComparison.Ordinal);

        var started = await refused.Form("form.reassess").Set("onto", "3").SubmitAsync();
        var next = Guid.Parse(started.RedirectLocation().Split('/')[2]);
        var moved = await Client.GetAssessmentAsync(next);
        Assert.Equal(3, moved.Body.GetProperty("questionnaireVersion").GetInt32());
        Assert.False(moved.Answers.TryGetProperty(NewQuestion, out _));
        var score = await Client.GetScoreAsync(next);
        Assert.Equal(30, score.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == SectionKeys.Integration).GetProperty("weight").GetInt32());
        Assert.Contains(score.GetProperty("findings").EnumerateArray(), f => f.GetProperty("questionKey").GetString() == NewQuestion);
    }

    [Fact]
    public async Task Preview_ADraftThatDropsAGate_CountsAndListsTheVerdictsItWouldChange_AndWritesNothing()
    {
        await StartReadyAsync("Ready pilot");
        var gated = await StartAsync("Unbudgeted pilot");
        await Client.AnswerAsync(gated, SampleAnswers.ReadyWith(QuestionKeys.IntegrationBudgeted, false));
        var untouched = await StartAsync("Half-answered pilot");
        await Client.AnswerAsync(untouched, new Dictionary<string, object?> { ["involvement.level"] = "involved" });
        var before = (await Client.GetScoreAsync(gated)).GetProperty("verdict").GetString();
        Assert.Equal("not-ready", before);

        var v2 = QuestionnaireDefinition.Of(ShippedQuestionnaires.V2);
        var withoutGate = (v2 with
        {
            Version = 3,
            Scoring = v2.Scoring with { Gates = [.. v2.Scoring.Gates.Where(g => g != "integration-not-budgeted")] },
        }).ToJson();
        using var adminApi = App.ClientFor(TestUsers.Admin);
        using (var imported = await adminApi.PostAsync("/api/questionnaires/draft", new StringContent(withoutGate, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        }

        var preview = (await NewSession(TestUsers.Admin).GetAsync("/admin/questionnaires/draft?preview=true")).Expect(HttpStatusCode.OK);

        Assert.Contains("3 current assessments re-scored on this draft", preview.Text, StringComparison.Ordinal);
        Assert.Contains("1 would get another recommended verdict", preview.Text, StringComparison.Ordinal);
        var row = Assert.Single(preview.Texts("#preview-title ~ .table-scroll tbody tr"));
        Assert.StartsWith("Unbudgeted pilot", row, StringComparison.Ordinal);
        Assert.Contains("Not ready", row, StringComparison.Ordinal);
        Assert.Contains("Go", row, StringComparison.Ordinal);
        Assert.Equal(before, (await Client.GetScoreAsync(gated)).GetProperty("verdict").GetString());
        Assert.Equal(2, (await Client.GetAssessmentAsync(gated)).Body.GetProperty("questionnaireVersion").GetInt32());
    }
}
