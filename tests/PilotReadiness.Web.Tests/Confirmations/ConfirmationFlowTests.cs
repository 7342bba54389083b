using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using netDumbster.smtp;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Confirmations;

/// <summary>
/// The person a sponsor names for a role gets an email (through a real SMTP server inside the test) with a single-use,
/// expiring link, and confirms or declines without an account; the score and the results follow their answer.
/// </summary>
public sealed partial class ConfirmationFlowTests(PostgresAppFactory app) : PostgresTest(app), IDisposable
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(FreePort());

    [Fact]
    public async Task RequestedOwner_ConfirmsThroughTheEmailedLink_OnceOnly()
    {
        await using var host = WithSmtp();
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();

        using var request = await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" });
        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal("pending", Claim(await request.Content.ReadFromJsonAsync<JsonElement>(), "after-demo.production-owner"));

        var link = await LinkFromEmailAsync("owner@example.com");
        var page = new PageSession(host);
        var form = (await page.GetAsync(link)).Expect(HttpStatusCode.OK).Form();
        var answered = await form.Set("Input.Comment", "Yes <b>gladly</b>").ClickAsync("Input.Decision", "confirm");
        answered.Expect(HttpStatusCode.OK);
        Assert.Contains("Thank you", answered.Text, StringComparison.Ordinal);

        var score = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/score");
        Assert.Equal("confirmed", Claim(score, "after-demo.production-owner"));

        // The link is single-use: a second visit or answer is refused and changes nothing.
        (await page.GetAsync(link)).Expect(HttpStatusCode.Gone);
        var history = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "confirmation-confirmed" && h.GetProperty("actor").GetString() == "owner@example.com");
        page.Dispose();
    }

    [Fact]
    public async Task DeclinedProductionOwner_ClosesTheGateAgain()
    {
        await using var host = WithSmtp();
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();
        (await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" })).Dispose();

        var page = new PageSession(host);
        var form = (await page.GetAsync(await LinkFromEmailAsync("owner@example.com"))).Expect(HttpStatusCode.OK).Form();
        (await form.ClickAsync("Input.Decision", "decline")).Expect(HttpStatusCode.OK);

        var score = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/score");
        Assert.Equal("declined", Claim(score, "after-demo.production-owner"));
        Assert.Equal("not-ready", score.GetProperty("verdict").GetString());
        Assert.Contains(score.GetProperty("gates").EnumerateArray(), g => g.GetProperty("key").GetString() == "no-production-owner");
        page.Dispose();
    }

    [Fact]
    public async Task Link_ForOneClaim_CannotAnswerAnother_AndUnknownLinksAreGone()
    {
        await using var host = WithSmtp();
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();
        (await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.quality-reviewer", email = "qa@example.com" })).Dispose();
        (await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" })).Dispose();

        var page = new PageSession(host);
        var form = (await page.GetAsync(await LinkFromEmailAsync("qa@example.com"))).Expect(HttpStatusCode.OK).Form();
        (await form.ClickAsync("Input.Decision", "confirm")).Expect(HttpStatusCode.OK);

        var score = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/score");
        Assert.Equal("confirmed", Claim(score, "after-demo.quality-reviewer"));
        Assert.Equal("pending", Claim(score, "after-demo.production-owner"));
        (await page.GetAsync("/confirm/not-a-real-token")).Expect(HttpStatusCode.Gone);
        page.Dispose();
    }

    [Fact]
    public async Task Request_WhenTheMailServerIsDown_IsSavedAndSaysTheEmailFailed_NeverA500()
    {
        await using var host = App.WithWebHostBuilder(builder => builder
            .UseSetting("Smtp:Host", "127.0.0.1")
            .UseSetting("Smtp:Port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();

        using var request = await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" });

        var errors = await request.ReadValidationErrorsAsync("email");
        Assert.Contains("could not be sent", errors[0], StringComparison.Ordinal);
        var score = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/score");
        Assert.Equal("pending", Claim(score, "after-demo.production-owner"));
    }

    [Fact]
    public async Task ExpiredLink_IsRefused_AndTheClaimShowsExpired()
    {
        await using var host = WithSmtp();
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();
        (await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" })).Dispose();
        var link = await LinkFromEmailAsync("owner@example.com");

        // Fifteen days later (links last fourteen).
        await using (var connection = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new Npgsql.NpgsqlCommand(
                "UPDATE \"Confirmations\" SET \"RequestedAt\" = \"RequestedAt\" - interval '15 days', \"ExpiresAt\" = \"ExpiresAt\" - interval '15 days'", connection);
            Assert.Equal(1, await age.ExecuteNonQueryAsync());
        }

        using var page = new PageSession(host);
        var gone = (await page.GetAsync(link)).Expect(HttpStatusCode.Gone);
        Assert.Contains("can no longer be used", gone.Text, StringComparison.Ordinal);
        var score = await sponsor.GetFromJsonAsync<JsonElement>($"/api/assessments/{created.Id}/score");
        Assert.Equal("expired", Claim(score, "after-demo.production-owner"));
    }

    [Fact]
    public async Task Request_WithoutAValidEmailOrForAnotherQuestion_Is400AndSendsNothing()
    {
        await using var host = WithSmtp();
        using var sponsor = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await sponsor.CreateAssessmentAsync();
        (await sponsor.PutAnswersAsync(created.Id, SampleAnswers.Ready())).Dispose();

        using var badEmail = await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "nope" });
        await badEmail.ReadValidationErrorsAsync("email");
        using var badQuestion = await sponsor.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "commitment.what-then", email = "a@example.com" });
        await badQuestion.ReadValidationErrorsAsync("questionKey");
        using var reviewer = host.CreateClient().Authorize(App.TokenFor(TestUsers.Reviewer));
        using var forbidden = await reviewer.PostAsJsonAsync($"/api/assessments/{created.Id}/confirmations",
            new { questionKey = "after-demo.production-owner", email = "owner@example.com" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, _smtp.ReceivedEmailCount);
    }

    public void Dispose() => _smtp.Dispose();

    private WebApplicationFactory<Program> WithSmtp() => App.WithWebHostBuilder(builder => builder
        .UseSetting("Smtp:Host", "127.0.0.1")
        .UseSetting("Smtp:Port", _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private async Task<string> LinkFromEmailAsync(string to)
    {
        for (var i = 0; i < 50 && !_smtp.ReceivedEmail.Any(m => m.ToAddresses.Any(a => a.Address == to)); i++)
        {
            await Task.Delay(100);
        }

        var email = Assert.Single(_smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == to));
        var body = string.Join("\n", email.MessageParts.Select(p => p.BodyData));
        var match = ConfirmLink().Match(body);
        Assert.True(match.Success, $"No confirmation link in the email: {body}");
        return match.Groups["path"].Value;
    }

    private static string? Claim(JsonElement score, string key) =>
        score.GetProperty("claims").EnumerateArray().FirstOrDefault(c => c.GetProperty("questionKey").GetString() == key)
            .GetProperty("state").GetString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/confirm/[A-Za-z0-9_\-]+)")]
    private static partial Regex ConfirmLink();
}
