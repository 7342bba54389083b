using System.Net;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Security;

/// <summary>The organisation's currency: set by an admin on /admin/settings, then read and shown with every amount.</summary>
public sealed class CurrencySettingTests(PostgresAppFactory app) : SecurityTest(app)
{
    [Fact]
    public async Task Settings_NotACurrencyCode_Is400WithTheMessageUnderTheField_AndNothingChanges()
    {
        var admin = await CreateUserAsync(Roles.Admin);
        using var browser = new PageSession(App, admin);
        var form = (await browser.GetAsync("/admin/settings")).Expect(HttpStatusCode.OK).Form();
        Assert.Equal("EUR", form.Value("Input.CurrencyCode"));

        var refused = await form.Set("Input.CurrencyCode", "EURO").Set("Input.RequireTwoFactorForStaff", "false").SubmitAsync();

        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Equal(Currency.CodeMessage, refused.TextOf("#currency-error"));
        Assert.Equal([Currency.CodeMessage], refused.Texts(".error-summary li"));
        Assert.Equal("EURO", refused.Form().Value("Input.CurrencyCode"));
        Assert.Equal("EUR", (await browser.GetAsync("/admin/settings")).Form().Value("Input.CurrencyCode"));
    }

    [Fact]
    public async Task Settings_Currency_IsShownWithAmounts_AndPastedAmountsAreReadInIt()
    {
        var admin = await CreateUserAsync(Roles.Admin);
        using var adminBrowser = new PageSession(App, admin);
        var form = (await adminBrowser.GetAsync("/admin/settings")).Expect(HttpStatusCode.OK).Form();
        var saved = await form.Set("Input.CurrencyCode", " usd ").Set("Input.RequireTwoFactorForStaff", "false").SubmitAsync();
        Assert.Equal("/admin/settings", saved.RedirectLocation());
        Assert.Equal("USD", (await adminBrowser.GetAsync("/admin/settings")).Form().Value("Input.CurrencyCode"));

        using var sponsor = new PageSession(App, TestUsers.Sponsor);
        var id = (await Client.CreateAssessmentAsync()).Id;
        var step = (await sponsor.GetAsync($"/assessments/{id}/steps/integration")).Expect(HttpStatusCode.OK);
        Assert.Equal("USD", step.TextOf("#q-integration-prototype-cost-currency"));

        var next = await step.Form().Set("integration.prototype-cost", "$40,000").Set("integration.production-budget", "160 000 USD").ClickAsync("nav", "next");
        Assert.Equal($"/assessments/{id}/steps/workflow", next.RedirectLocation());
        var answers = (await Client.GetAssessmentAsync(id)).Answers;
        Assert.Equal((40000m, 160000m), (answers.GetProperty("integration.prototype-cost").GetDecimal(), answers.GetProperty("integration.production-budget").GetDecimal()));

        var euro = await (await sponsor.GetAsync($"/assessments/{id}/steps/integration")).Form().Set("integration.prototype-cost", "€40,000").ClickAsync("nav", "next");
        euro.Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Amounts here are in USD; \"€\" is another currency. Enter the amount in USD.", euro.TextOf("#q-integration-prototype-cost-block .field-error"));

        var review = (await sponsor.GetAsync($"/assessments/{id}/review")).Expect(HttpStatusCode.OK);
        Assert.Contains("USD 160,000", review.Text, StringComparison.Ordinal);
        var report = (await sponsor.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);
        Assert.Contains("USD 160,000", report.TextOf(".report-ask"), StringComparison.Ordinal);
    }
}
