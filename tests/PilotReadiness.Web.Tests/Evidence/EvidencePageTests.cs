using System.Globalization;
using System.Net;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Reports;
using static PilotReadiness.Web.Tests.Infrastructure.EvidenceSamples;

namespace PilotReadiness.Web.Tests.Evidence;

/// <summary>Evidence on the pages: the review page's form, the evidence page, the results and the report with stale evidence.</summary>
public sealed class EvidencePageTests(PostgresAppFactory app) : PageTest(app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FormOf(string key) => $"form.evidence-form[action$='/evidence/{key}/add']";

    [Fact]
    public async Task Review_AddsAFileThroughItsForm_AndListsItWithItsDate()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);

        var added = await review.Form(FormOf(QuestionKey)).Set("date", Day(Today.AddDays(-2))).SubmitWithFileAsync("file", Pdf(), "owner's letter.pdf");

        Assert.Equal($"/assessments/{id}/review#evidence-after-demo-production-owner", added.RedirectLocation());
        var after = (await Browser.FollowAsync(added)).Expect(HttpStatusCode.OK);
        var listed = after.TextOf("#evidence-after-demo-production-owner .evidence-list");
        Assert.Contains("owner's letter.pdf", listed, StringComparison.Ordinal);
        Assert.Contains("dated " + Today.AddDays(-2).ToString("d MMM yyyy", CultureInfo.InvariantCulture), listed, StringComparison.Ordinal);
        Assert.Single(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task Review_RefusesAProgramNamedPdf_WithTheFieldsMessage_AndKeepsNothing()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);

        var refused = await review.Form(FormOf(QuestionKey)).SubmitWithFileAsync("file", Exe(), "report.pdf");

        refused.Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(EvidenceRules.WrongTypeMessage, refused.TextOf("#evidence-file-error"), StringComparison.Ordinal);
        Assert.Equal("true", refused.Find("#evidence-file").GetAttribute("aria-invalid"));
        Assert.Empty(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task Review_RefusesAJavascriptLink()
    {
        var id = await StartReadyAsync();
        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);

        var refused = await review.Form(FormOf(QuestionKey)).Set("url", "javascript:alert(document.cookie)").SubmitWithFileAsync("file", null);

        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(EvidenceRules.LinkMessage, refused.TextOf("#evidence-url-error"), StringComparison.Ordinal);
        Assert.Empty(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task EvidencePage_TooLargeAnUpload_Is413WithTheLimit()
    {
        var id = await StartReadyAsync();
        var page = (await Browser.GetAsync($"/assessments/{id}/evidence/{QuestionKey}")).Expect(HttpStatusCode.OK);

        var refused = await page.Form(FormOf(QuestionKey)).SubmitWithFileAsync("file", Pdf(padding: (int)EvidenceRules.MaxFileBytes), "huge.pdf");

        refused.Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10 MB", refused.TextOf("#evidence-file-error"), StringComparison.Ordinal);
        Assert.Empty(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task EvidencePage_UploadWithoutTheAntiforgeryToken_IsRefused()
    {
        var id = await StartReadyAsync();
        var page = (await Browser.GetAsync($"/assessments/{id}/evidence/{QuestionKey}")).Expect(HttpStatusCode.OK);
        var form = page.Form(FormOf(QuestionKey));

        var refused = await Browser.PostMultipartAsync(form.Action, form.Fields.Where(f => f.Key != PageSession.TokenField), "file", Pdf(), "letter.pdf");

        refused.Expect(HttpStatusCode.BadRequest);
        Assert.Empty(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task EvidencePage_RemovesEvidence_AndReadersSeeNoForms()
    {
        var id = await StartReadyAsync();
        await Client.AddFileAsync(id, fileName: "old-letter.pdf");
        var page = (await Browser.GetAsync($"/assessments/{id}/evidence/{QuestionKey}")).Expect(HttpStatusCode.OK);
        var reviewer = NewSession(TestUsers.Reviewer);
        var read = (await reviewer.GetAsync($"/assessments/{id}/evidence/{QuestionKey}")).Expect(HttpStatusCode.OK);
        Assert.Contains("old-letter.pdf", read.Text, StringComparison.Ordinal);
        Assert.Empty(read.Document.QuerySelectorAll("form.evidence-form, .evidence-list form"));

        var removed = await page.Form(".evidence-list form").SubmitAsync();

        Assert.Equal($"/assessments/{id}/evidence/{QuestionKey}", removed.RedirectLocation());
        Assert.Empty(await EvidenceApiTests.ListAsync(Client, id));
    }

    [Fact]
    public async Task StaleEvidence_IsFlaggedOnTheResults_ThePrintView_ThePdfAndTheWordDocument()
    {
        var id = await StartReadyAsync();
        await Client.AddFileAsync(id, fileName: "fresh.pdf", date: Day(Today.AddDays(-10)));
        await Client.AddFileAsync(id, fileName: "old-budget.pdf", date: Day(Today.AddDays(-181)));

        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);
        var stale = Assert.Single(results.Document.QuerySelectorAll("#evidence-heading ~ dl li.evidence-stale"));
        Assert.Contains("old-budget.pdf", stale.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stale: older than 180 days", stale.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 piece of evidence is older than 180 days", results.Text, StringComparison.Ordinal);

        var print = (await Browser.GetAsync($"/assessments/{id}/report")).Expect(HttpStatusCode.OK);
        Assert.Contains("Evidence: old-budget.pdf (PDF, 1 KB), dated", print.TextOf(".report-evidence-stale:not(p)"), StringComparison.Ordinal);
        Assert.DoesNotContain("Stale", string.Join(" ", print.Texts(".report-evidence:not(.report-evidence-stale)")), StringComparison.Ordinal);

        var pdf = PdfText.Read(await Client.GetByteArrayAsync(new Uri($"/api/assessments/{id}/report.pdf", UriKind.Relative))).All;
        Assert.Contains("old-budget.pdf", pdf, StringComparison.Ordinal);
        Assert.Contains("Stale: older than 180 days", pdf, StringComparison.Ordinal);

        var docx = await Client.GetByteArrayAsync(new Uri($"/api/assessments/{id}/report.docx", UriKind.Relative));
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Evidence: old-budget.pdf", text, StringComparison.Ordinal);
        Assert.Contains("Stale: older than 180 days", text, StringComparison.Ordinal);
        Assert.Contains("Evidence: fresh.pdf", text, StringComparison.Ordinal);
    }
}
