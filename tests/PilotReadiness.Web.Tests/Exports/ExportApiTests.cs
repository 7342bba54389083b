using PilotReadiness.Domain.Questionnaires;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Web.Api;
using PilotReadiness.Web.Exports;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Portfolio;
using PilotReadiness.Web.Tests.Reports;

namespace PilotReadiness.Web.Tests.Exports;

/// <summary><c>GET /api/portfolio/export</c> and <c>/api/portfolio/reports.zip</c> against PostgreSQL, read back with their own libraries.</summary>
public sealed class ExportApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private const string Payload = "=cmd|' /C calc'!A0";

    private HttpClient? _reviewer;

    private HttpClient Reviewer => _reviewer ??= App.ClientFor(TestUsers.Reviewer);

    /// <summary>Three pilots: two in Finance (one decided with a condition, one named "-1, \"odd\""), one in Sales whose sponsor is a formula.</summary>
    private async Task<Guid> ArrangeAsync()
    {
        var decided = await Client.PilotAsync("Alpha invoice matching", "Finance", "Zoë Łukasiewicz", SampleAnswers.Ready(), submit: true);
        await PortfolioData.DecideAsync(App.Services, decided, DecisionOutcome.GoWithConditions, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20));
        await Client.PilotAsync("-1, \"odd\" expense checks", "Finance", "José Ñúñez");
        await Client.PilotAsync("Bravo sales notes", "Sales", Payload);
        return decided;
    }

    [Fact]
    public async Task Csv_HoldsTheFilteredPortfolio_ReadsBack_AndNeutralisesFormulas()
    {
        await ArrangeAsync();

        using var response = await Reviewer.GetAsync("/api/portfolio/export?format=csv&sort=title&dir=asc&pageSize=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var rows = ReadCsv(bytes);
        Assert.Equal(3, rows.Count); // paging is ignored: every pilot the filters select
        Assert.Equal(["'-1, \"odd\" expense checks", "Alpha invoice matching", "Bravo sales notes"], rows.Select(r => r["Pilot"]));
        Assert.Equal("José Ñúñez", rows[0]["Sponsor"]);
        Assert.Equal("Zoë Łukasiewicz", rows[1]["Sponsor"]);
        Assert.Equal("go-with-conditions", rows[1]["Decision"]);
        Assert.Equal("'" + Payload, rows[2]["Sponsor"]);
        Assert.Contains('\n', rows[2]["First actions"]);
    }

    [Fact]
    public async Task Csv_AppliesTheDashboardsFilters()
    {
        await ArrangeAsync();

        using var response = await Reviewer.GetAsync("/api/portfolio/export?format=csv&bu=Finance&status=submitted");
        var rows = ReadCsv(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(["Alpha invoice matching"], rows.Select(r => r["Pilot"]));
    }

    [Fact]
    public async Task Xlsx_HasPilotsAndTheActionPlanWithOwnersAndDueDates()
    {
        await ArrangeAsync();

        using var response = await Reviewer.GetAsync("/api/portfolio/export?format=xlsx&sort=title&dir=asc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PortfolioXlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Pilots", "Findings and actions"], sheets.Select(s => s.Name!.Value!));
        var pilots = Cells(workbook, sheets[0]);
        Assert.Equal(4, pilots.Count);
        Assert.Equal("'-1, \"odd\" expense checks", pilots[1][1]);
        Assert.Equal("'" + Payload, pilots[3][4]);
        var actions = Cells(workbook, sheets[1]);
        var condition = Assert.Single(actions, r => r[1] == "Condition");
        Assert.Equal("Sofia Lindqvist", condition[6]);
        Assert.Equal("Open", condition[8]);
        Assert.Contains(actions, r => r[0] == "Bravo sales notes" && r[1] == "Finding" && r[6] == "'" + Payload);
        Assert.Empty(workbook.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()));
    }

    [Fact]
    public async Task Json_GivesEveryPilotWithDecisionAndActions()
    {
        await ArrangeAsync();

        using var response = await Reviewer.GetAsync("/api/portfolio/export?format=json&sort=title&dir=asc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var pilots = json.RootElement.GetProperty("pilots").EnumerateArray().ToList();
        Assert.Equal(["-1, \"odd\" expense checks", "Alpha invoice matching", "Bravo sales notes"], pilots.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(Payload, pilots[2].GetProperty("sponsor").GetString());
        var decision = pilots[1].GetProperty("decision");
        Assert.Equal("go-with-conditions", decision.GetProperty("outcome").GetString());
        Assert.Equal("Sofia Lindqvist", decision.GetProperty("conditions")[0].GetProperty("owner").GetString());
        Assert.True(pilots[2].GetProperty("actions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Zip_HoldsOneReadableReportPerPilot_AndSaysHowMany()
    {
        await ArrangeAsync();

        using var response = await Reviewer.GetAsync("/api/portfolio/reports.zip?bu=Finance&paper=letter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportEndpoints.ZipContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2", response.Headers.GetValues(ExportEndpoints.ReportCountHeader).Single());
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal(2, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.FullName, StringComparison.Ordinal));
        var texts = new List<PdfText>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            texts.Add(PdfText.Read(copy.ToArray()));
        }

        var alpha = Assert.Single(texts, t => t.All.Contains("Alpha invoice matching", StringComparison.Ordinal));
        Assert.Contains("Zoë Łukasiewicz", alpha.All, StringComparison.Ordinal);
        Assert.Contains("Go with conditions", alpha.All, StringComparison.Ordinal);
        Assert.Equal(612, alpha.Pages[0].Width, 0); // US Letter: 8.5 in
        Assert.Contains(texts, t => t.All.Contains("José Ñúñez", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/portfolio/export", "format")]
    [InlineData("/api/portfolio/export?format=pdf", "format")]
    [InlineData("/api/portfolio/export?format=csv&verdict=maybe", "verdict")]
    [InlineData("/api/portfolio/reports.zip?paper=a3", "paper")]
    [InlineData("/api/portfolio/reports.zip?sort=colour", "sort")]
    public async Task BadInput_Is400NamingTheField(string url, string field)
    {
        using var response = await Reviewer.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ApiClientExtensions.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task AnEmptySelection_GivesAHeaderOnlyCsvAndAnEmptyZip()
    {
        await ArrangeAsync();

        using var csv = await Reviewer.GetAsync("/api/portfolio/export?format=csv&bu=Legal");
        Assert.Empty(ReadCsv(await csv.Content.ReadAsByteArrayAsync()));
        using var zipResponse = await Reviewer.GetAsync("/api/portfolio/reports.zip?bu=Legal");
        Assert.Equal("0", zipResponse.Headers.GetValues(ExportEndpoints.ReportCountHeader).Single());
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Empty(zip.Entries);
    }

    private static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), null, false);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var headers = reader.Headers;
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(i => headers[i], reader.GetString, StringComparer.Ordinal));
        }

        Assert.Equal(PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire), reader.Headers);
        return rows;
    }

    private static List<string[]> Cells(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
            .Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "").ToArray())];
    }
}
