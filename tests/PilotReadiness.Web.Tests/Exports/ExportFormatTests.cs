using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Exports;

namespace PilotReadiness.Web.Tests.Exports;

/// <summary>The export formats read back with their own libraries: what goes in comes out, and no cell runs as a formula.</summary>
public sealed class ExportFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private const string AwkwardTitle = "Claims triage, \"phase 2\", Łódź";
    private const string Payload = "=HYPERLINK(\"http://example.invalid\",\"click\")";

    [Fact]
    public async Task Csv_is_utf8_with_a_bom_and_crlf_and_reads_back_field_for_field()
    {
        var pilots = new[] { Pilot(AwkwardTitle, "Zoë Łukasiewicz"), Pilot("Plain", Payload) };
        using var stream = new MemoryStream();
        await PortfolioCsv.WriteAsync(stream, pilots.ToAsyncEnumerable(), ShippedQuestionnaires.Catalog.Current.Questionnaire, Today, CancellationToken.None);

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        stream.Position = 0;
        using var reader = CsvReader.Create(stream, null, false);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        Assert.Equal(PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire), reader.Headers);
        Assert.Equal(2, rows.Count);
        var title = Array.IndexOf([.. PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire)], "Pilot");
        var sponsor = Array.IndexOf([.. PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire)], "Sponsor");
        Assert.Equal(AwkwardTitle, rows[0][title]);
        Assert.Equal("Zoë Łukasiewicz", rows[0][sponsor]);
        Assert.Equal("'" + Payload, rows[1][sponsor]);
        Assert.All(rows, r => Assert.Equal(PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire).Count, r.Length));
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', cell));
        Assert.Equal("go-with-conditions", rows[0][Array.IndexOf([.. PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire)], "Decision")]);
        var actions = rows[0][Array.IndexOf([.. PortfolioCsv.Header(ShippedQuestionnaires.Catalog.Current.Questionnaire)], "First actions")].Split('\n');
        Assert.Equal(PortfolioCsv.ActionsPerRow, actions.Length);
        Assert.StartsWith("1. ", actions[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_has_a_sheet_of_pilots_and_one_of_findings_and_conditions_and_no_formulas()
    {
        var pilots = new[] { Pilot(AwkwardTitle, Payload) };
        using var stream = new MemoryStream();
        await PortfolioXlsx.WriteAsync(stream, pilots.ToAsyncEnumerable(), ShippedQuestionnaires.Catalog.Current.Questionnaire, Today, CancellationToken.None);

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Pilots", "Findings and actions"], sheets.Select(s => s.Name!.Value!));

        var pilotRows = Rows(workbook, sheets[0]);
        Assert.Equal(2, pilotRows.Count);
        Assert.Equal(AwkwardTitle, pilotRows[1][1]);
        Assert.Equal("'" + Payload, pilotRows[1][4]);
        Assert.Equal("Go with conditions", pilotRows[1][15]);

        var actionRows = Rows(workbook, sheets[1]);
        Assert.Equal(["Pilot", "Kind", "Section", "Severity", "Finding or condition", "Action", "Owner", "Due", "State"], actionRows[0]);
        var condition = Assert.Single(actionRows, r => r[1] == "Condition");
        Assert.Equal("Integration signed off by IT", condition[4]);
        Assert.Equal("José Ñúñez", condition[6]);
        Assert.Equal(Today.AddDays(30), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(condition[7], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains(actionRows, r => r[1] == "Finding" && r[5].Length > 0);
        Assert.Empty(workbook.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()));
    }

    [Fact]
    public async Task Json_streams_every_pilot_with_its_decision_and_action_plan_unchanged()
    {
        var pilots = new[] { Pilot(AwkwardTitle, Payload), Pilot("Second", "José Ñúñez") };
        using var stream = new MemoryStream();
        await PortfolioJson.WriteAsync(stream, pilots.ToAsyncEnumerable(), Now, CancellationToken.None);

        using var json = JsonDocument.Parse(stream.ToArray());
        var items = json.RootElement.GetProperty("pilots").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(AwkwardTitle, items[0].GetProperty("title").GetString());
        Assert.Equal(Payload, items[0].GetProperty("sponsor").GetString());
        Assert.Equal("go-with-conditions", items[0].GetProperty("decision").GetProperty("outcome").GetString());
        Assert.Equal("open", items[0].GetProperty("decision").GetProperty("conditions")[0].GetProperty("state").GetString());
        Assert.True(items[0].GetProperty("actions").GetArrayLength() > 0);
        Assert.Equal(6, items[0].GetProperty("sections").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("Plain text", "Plain text")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_run_are_neutralised(string text, string expected) =>
        Assert.Equal(expected, CellText.Neutralise(text));

    private static PilotRecord Pilot(string title, string sponsor)
    {
        var questionnaire = ShippedQuestionnaires.Catalog.Current.Questionnaire;
        var assessment = new Assessment(new AssessmentDetails(title, "Claims", sponsor, null), ShippedQuestionnaires.Catalog.Get(questionnaire.Version), "owner-1", Now.AddDays(-3));
        var answers = ExampleAnswers.Read(questionnaire, ExampleAnswers.Ready(questionnaire.Version));
        assessment.SetAnswers(ShippedQuestionnaires.Catalog, answers.ToDictionary(a => a.Key, a => (Answer?)a.Value), Now.AddDays(-2));
        assessment.Submit(ShippedQuestionnaires.Catalog, Now.AddDays(-1));
        var decision = Decision.Record(assessment, ShippedQuestionnaires.Catalog, null, DecisionOutcome.GoWithConditions, "Worth it if IT signs off.", null,
            [new ConditionDraft("Integration signed off by IT", "José Ñúñez", Today.AddDays(30))], "reviewer-1", "Rita Reviewer", Now);
        return new PilotRecord(assessment, ShippedQuestionnaires.Catalog.Current, assessment.Score(ShippedQuestionnaires.Catalog, Now), [decision]);
    }

    private static List<string[]> Rows(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
            .Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? "").ToArray())];
    }
}
