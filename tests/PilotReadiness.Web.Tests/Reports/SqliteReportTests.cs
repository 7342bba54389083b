using System.Net;
using PilotReadiness.Web.Reports;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>The reports on the embedded provider: the same query and files as on PostgreSQL.</summary>
public sealed class SqliteReportTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task Reports_OnSqlite_AreServed()
    {
        var id = await ReportSeed.CreateAsync(Client);

        using var pdf = await Client.GetAsync(new Uri($"/api/assessments/{id}/report.pdf?paper=letter", UriKind.Relative));
        using var docx = await Client.GetAsync(new Uri($"/api/assessments/{id}/report.docx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = PdfText.Read(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(ReportSeed.Title, text.Pages[0].Text, StringComparison.Ordinal);
        Assert.Equal(612, text.Pages[0].Width, 0.5);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(DocxReport.ContentType, docx.Content.Headers.ContentType?.MediaType);
    }
}
