using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using PilotReadiness.Web.Reports;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>GET /api/assessments/{id}/report.pdf and .docx on PostgreSQL: who gets what, in which format, on which paper.</summary>
public sealed class ReportEndpointTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Pdf_Owner_GetsTheReportAsAnAttachment()
    {
        var id = await ReportSeed.CreateAsync(Client);

        using var response = await Client.GetAsync(new Uri($"/api/assessments/{id}/report.pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Pilote-de-tri-des-reclamations-Zoe-Lukasiewicz-go-no-go-report.pdf", disposition.FileName);
        Assert.Equal("Pilote de tri des réclamations — Zoë Łukasiewicz - go-no-go report.pdf", disposition.FileNameStar);
        var raw = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.True(raw.StartsWith("attachment; filename=\"Pilote-de-tri-des-reclamations-Zoe-Lukasiewicz-go-no-go-report.pdf\"; filename*=UTF-8''Pilote%20de%20tri%20des%20r%C3%A9clamations", StringComparison.OrdinalIgnoreCase), raw);
        Assert.True(raw.All(char.IsAscii), raw);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        var pdf = PdfText.Read(await response.Content.ReadAsByteArrayAsync());
        var first = pdf.Pages[0];
        Assert.Contains(ReportSeed.Title, first.Text, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Sponsor, first.Text, StringComparison.Ordinal);
        Assert.Equal("Go", first.LargeText(22).Split(' ').Single(w => !int.TryParse(w, out _)));
        Assert.Contains(ReportSamples.Owner, pdf.All, StringComparison.Ordinal);
        Assert.Contains(ReportText.NoDecision, pdf.All, StringComparison.Ordinal);
        Assert.Equal(595, first.Width, 0.5);
    }

    [Fact]
    public async Task Docx_Reviewer_GetsAWordDocument()
    {
        var id = await ReportSeed.CreateAsync(Client);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        using var response = await reviewer.GetAsync(new Uri($"/api/assessments/{id}/report.docx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocxReport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Pilote-de-tri-des-reclamations-Zoe-Lukasiewicz-go-no-go-report.docx", response.Content.Headers.ContentDisposition?.FileName);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), isEditable: false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(ReportSeed.Title, text, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Owner, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.pdf", "letter", 612, 792)]
    [InlineData("report.pdf", "LETTER", 612, 792)]
    [InlineData("report.pdf", "a4", 595, 842)]
    [InlineData("report.pdf", "", 595, 842)]
    public async Task Pdf_PaperParameter_ChoosesThePageSize(string file, string paper, double width, double height)
    {
        var id = await ReportSeed.CreateAsync(Client);

        using var response = await Client.GetAsync(new Uri($"/api/assessments/{id}/{file}?paper={paper}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = PdfText.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.All(pdf.Pages, p => Assert.Equal((width, height), (Math.Round(p.Width), Math.Round(p.Height))));
    }

    [Theory]
    [InlineData("report.pdf", "a3")]
    [InlineData("report.docx", "legal")]
    [InlineData("report.pdf", "a4,letter")]
    public async Task Report_UnknownPaper_Is400NamingTheField(string file, string paper)
    {
        var id = await ReportSeed.CreateAsync(Client);

        using var response = await Client.GetAsync(new Uri($"/api/assessments/{id}/{file}?paper={Uri.EscapeDataString(paper)}", UriKind.Relative));

        var messages = await response.ReadValidationErrorsAsync("paper");
        Assert.Equal([ReportPaperNames.QueryHelp], messages);
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("report.docx")]
    public async Task Report_SomeoneElsesOrUnknownAssessment_Is404(string file)
    {
        var id = await ReportSeed.CreateAsync(Client);
        using var other = App.ClientFor(TestUsers.OtherSponsor);

        using var theirs = await other.GetAsync(new Uri($"/api/assessments/{id}/{file}", UriKind.Relative));
        using var unknown = await Client.GetAsync(new Uri($"/api/assessments/{Guid.NewGuid()}/{file}", UriKind.Relative));

        await theirs.ReadProblemAsync(HttpStatusCode.NotFound);
        await unknown.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Report_Anonymous_Is401()
    {
        var id = await ReportSeed.CreateAsync(Client);
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync(new Uri($"/api/assessments/{id}/report.pdf", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesBothReports()
    {
        using var response = await Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.ReadJsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var (path, operation, contentType) in new[]
        {
            ("/api/assessments/{id}/report.pdf", "GetReportPdf", "application/pdf"),
            ("/api/assessments/{id}/report.docx", "GetReportDocx", DocxReport.ContentType),
        })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(operation, get.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
            Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty(contentType, out _));
            Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "paper");
        }
    }
}

/// <summary>An assessment made through the API whose title, sponsor and named owner are written in several scripts.</summary>
internal static class ReportSeed
{
    public const string Title = "Pilote de tri des réclamations — Zoë Łukasiewicz";

    public static async Task<Guid> CreateAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/assessments", new
        {
            title = Title,
            businessUnit = "Claims & Customer Care",
            sponsor = ReportSamples.Sponsor,
            description = "Suggests a category and a priority for each incoming claim.",
        });
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var answers = SampleAnswers.ReadyWith("after-demo.production-owner", ReportSamples.Owner);
        answers["commitment.what-then-owner"] = ReportSamples.Owner;
        await client.AnswerAsync(id, answers);
        return id;
    }
}
