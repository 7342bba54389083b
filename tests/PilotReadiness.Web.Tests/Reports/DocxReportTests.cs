using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>The Word document opened with the Open XML SDK: valid, with real headings, tables and page numbers.</summary>
public sealed class DocxReportTests
{
    [Fact]
    public void Docx_IsValidOpenXml()
    {
        using var document = Open(DocxReport.Render(ReportSamples.Model(decisions: ReportSamples.Decisions())));

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Docx_Headings_UseHeadingStylesWithOutlineLevels()
    {
        using var document = Open(DocxReport.Render(ReportSamples.Model(decisions: ReportSamples.Decisions())));
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.Equal(
            ["Recommendation", "The ask", "The three fixes that raise readiness most", "Section scores", "Gates triggered", "About this pilot",
             "What to fix first", "Named people", "Decision record", "Sponsor's commentary", "Appendix: every question and answer"],
            ParagraphsWithStyle(body, "Heading1"));
        Assert.Equal(
            ["Go with conditions", "No-go (superseded)", .. ReportSamples.Model().Sections.Select(s => s.Title)],
            ParagraphsWithStyle(body, "Heading2"));
        Assert.Equal([ReportSamples.Title], ParagraphsWithStyle(body, "Title"));

        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal("heading 1", styles["Heading1"].StyleName!.Val!.Value);
    }

    [Fact]
    public void Docx_Content_MatchesTheReport()
    {
        var model = ReportSamples.Model();
        using var document = Open(DocxReport.Render(model));
        var body = document.MainDocumentPart!.Document.Body!;
        var text = body.InnerText;

        Assert.Contains(ReportSamples.Sponsor, text, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Owner, text, StringComparison.Ordinal);
        Assert.Contains("Claims & Customer Care", text, StringComparison.Ordinal);
        Assert.Contains("Not ready", text, StringComparison.Ordinal);
        Assert.Contains($"{model.Overall} / 100 overall readiness score", text, StringComparison.Ordinal);
        Assert.Contains(ReportText.NoDecision, text, StringComparison.Ordinal);
        Assert.Contains(ReportText.CommentaryInvitation, text, StringComparison.Ordinal);

        var tables = body.Elements<Table>().ToList();
        var sections = Rows(tables.Single(t => HeaderOf(t).SequenceEqual(["Section", "Score (of 100)", "Weight"])));
        Assert.Equal(model.Sections.Select(s => new[] { s.Title, s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{s.Weight}%" }), sections);

        var findings = Rows(tables.Single(t => HeaderOf(t).SequenceEqual(["#", "Severity", "Section", "Finding", "Recommended action", "Gain"])));
        Assert.Equal(model.Findings.Count, findings.Count);
        Assert.Equal(model.Findings.Select(f => f.Message), findings.Select(r => r[3]));
        Assert.Equal(model.Findings.Select(f => f.Action), findings.Select(r => r[4]));

        // Each gate by its own name, with its section under it.
        var gates = Rows(tables.Single(t => HeaderOf(t).SequenceEqual(["Gate", "Caps at", "Why", "To clear it"])));
        Assert.Equal(
            ["Integration not budgetedIntegration budgeted?", "Daily users not involvedDaily users involved from the start?", "Production under-budgetedIntegration budgeted?"],
            gates.Select(r => r[0]));

        var people = Rows(tables.Single(t => HeaderOf(t)[0] == "Role"));
        Assert.Contains(people, r => r[0] == "Owner of the system in productionWho owns it in production?" && r[1] == ReportSamples.Owner
            && r[2] == "Confirmed" && r[3] == "19 November 2026" && r[4].Contains("Zoë Łukasiewicz", StringComparison.Ordinal));

        var answers = tables.Where(t => HeaderOf(t).SequenceEqual(["Question", "Answer"])).SelectMany(t => Rows(t)).ToList();
        Assert.Equal(model.Appendix.Select(a => a.Answer), answers.Select(r => r[1]));

        // Header rows repeat on every page a table runs onto.
        Assert.All(tables.Where(t => t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>() is not null), t => Assert.NotEmpty(Rows(t)));
    }

    [Fact]
    public void Docx_Summary_StatesTheVersionsTheMeaningTheAskTheTopFixesAndTheDecision()
    {
        var model = ReportSamples.Model(decisions: ReportSamples.Decisions());
        using var document = Open(DocxReport.Render(model));
        var body = document.MainDocumentPart!.Document.Body!;
        var tables = body.Elements<Table>().ToList();

        Assert.Contains(["Scored with", "Questionnaire 2 · scoring model 2"], Rows(tables[0], skipHeader: false));
        Assert.DoesNotContain("Version 1 and version 1", body.InnerText, StringComparison.Ordinal);
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == ReportText.VerdictMeaning(model.Verdict));
        Assert.Equal(
            [
                ["Production budget", "EUR 60,000Requested, not yet approved"],
                ["Prototype cost", "EUR 40,000"],
                ["Budget to prototype cost", "1.5×Production usually needs 3× the prototype or more."],
                ["Rollout date", "1 April 2027"],
                ["Leadership's decision", "Go with conditionsDecided by Amara Okafor (Chief Operating Officer) on 26 November 2026 · 3 conditions: 1 open, 1 met, 1 lapsed"],
            ],
            Rows(tables[1], skipHeader: false));
        var top = Rows(tables.Single(t => HeaderOf(t).SequenceEqual(["#", "Severity", "Section", "Recommended action", "Gain"])));
        Assert.Equal(model.Findings.Take(3).Select(f => f.Action), top.Select(r => r[3]));
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == $"All {model.Findings.Count} findings are listed under What to fix first.");
    }

    [Fact]
    public void Docx_WithDecisions_ListsThemWithConditions()
    {
        using var document = Open(DocxReport.Render(ReportSamples.Model(decisions: ReportSamples.Decisions())));
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.DoesNotContain(ReportText.NoDecision, body.InnerText, StringComparison.Ordinal);
        Assert.Contains("Kill criteria: Stop if fewer than half the handlers use it weekly three months after rollout.", body.InnerText, StringComparison.Ordinal);
        var conditions = Rows(body.Elements<Table>().Single(t => HeaderOf(t)[0] == "Condition"));
        Assert.Equal(
            [
                ["Budget the CRM and ticketing integration in the production plan", "Ingrid Olsen", "15 January 2027", "Open"],
                ["Run the pilot on a month of real, unfiltered claims", "José Ñúñez", "20 December 2026", "Met"],
                ["Agree the training plan with the handlers' team leads", "Marek Nowak", "1 November 2026", "Lapsed"],
            ],
            conditions);
    }

    [Fact]
    public void Docx_Footer_NumbersThePages_AndTheHeaderNamesThePilot()
    {
        using var document = Open(DocxReport.Render(ReportSamples.Model()));
        var main = document.MainDocumentPart!;

        var footer = Assert.Single(main.FooterParts).Footer!;
        var fields = footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim()).ToList();
        Assert.Contains(fields, f => f.StartsWith("PAGE ", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("NUMPAGES ", StringComparison.Ordinal));
        Assert.Contains("Page 1 of 1", footer.InnerText, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Title, Assert.Single(main.HeaderParts).Header!.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportPaper.A4, 11906, 16838)]
    [InlineData(ReportPaper.Letter, 12240, 15840)]
    public void Docx_Paper_SetsThePageSize(ReportPaper paper, uint width, uint height)
    {
        using var document = Open(DocxReport.Render(ReportSamples.Model(), paper));
        var size = document.MainDocumentPart!.Document.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;

        Assert.Equal(width, size.Width!.Value);
        Assert.Equal(height, size.Height!.Value);
    }

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);

    private static List<string> ParagraphsWithStyle(Body body, string style) =>
        [.. body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];

    private static string[] HeaderOf(Table table) =>
        [.. table.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText)];

    private static List<string[]> Rows(Table table, bool skipHeader = true) =>
        [.. table.Elements<TableRow>().Skip(skipHeader ? 1 : 0).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())];
}
