using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Exports;

/// <summary>
/// The portfolio as an Excel workbook: a sheet of pilots and a sheet of the action plan (every finding with its
/// recommended action, and the conditions of current decisions with their owners and due dates). Text cells are
/// neutralised against formula injection; scores are numbers and dates are dates, so they sort and filter.
/// </summary>
public static class PortfolioXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's row limit, less the header and a note that the list was cut.</summary>
    public const int MaxActionRows = 1_048_576 - 2;

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint WrapStyle = 3;

    private static readonly string[] ActionHeader = ["Pilot", "Kind", "Section", "Severity", "Finding or condition", "Action", "Owner", "Due", "State"];

    /// <summary>Writes the workbook. The output must be seekable (a file or memory stream); the endpoint copies it on.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<PilotRecord> pilots, Questionnaire current, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pilots);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();

        var actions = new List<ActionLine>();
        var cut = false;
        var pilotsPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(pilotsPart))
        {
            StartSheet(writer, [44, 40, 9, 22, 24, 12, 20, 9, 12, 12, 12, 12, 12, 12, 30, 20, 9, 20, 12, 12, 16, 12, 12]);
            WriteRow(writer, [.. PortfolioCsv.Header(current).SkipLast(1).Select(h => Text(h, HeaderStyle))]);
            await foreach (var pilot in pilots.WithCancellation(ct))
            {
                var a = pilot.Assessment;
                WriteRow(writer,
                [
                    Text(a.Id.ToString()),
                    Text(a.Title),
                    Number(a.Revision),
                    Text(a.BusinessUnit),
                    Text(a.Sponsor),
                    Text(a.Status.ToLabel()),
                    Text(pilot.Score.Verdict.ToLabel()),
                    Number(pilot.Score.Overall),
                    .. pilot.Score.Sections.Select(s => Number(s.Score)),
                    Text(string.Join(", ", pilot.Score.Gates.Select(g => GateSetNames.FromKey(g.Key)?.ToLabel() ?? g.Key))),
                    Text(pilot.CurrentDecision?.Outcome.ToLabel() ?? ""),
                    Text(a.IsLapsed(today) ? "Lapsed" : ""),
                    Text(pilot.AfterLaunchLabel(today)),
                    Date(pilot.Live?.Plan.GoLiveDate),
                    Date(pilot.Live is { Ended: false } l ? l.NextCheckInDue : null),
                    Text(pilot.Live?.Outcome?.ToLabel() ?? ""),
                    Date(a.SubmittedAt is { } s ? s.Day() : null),
                    Date(a.UpdatedAt.Day()),
                ]);
                foreach (var line in ActionLine.Of(pilot, today))
                {
                    if (actions.Count < MaxActionRows)
                    {
                        actions.Add(line);
                    }
                    else
                    {
                        cut = true;
                    }
                }
            }

            EndSheet(writer);
        }

        var actionsPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(actionsPart))
        {
            StartSheet(writer, [40, 11, 30, 10, 60, 60, 24, 12, 10]);
            WriteRow(writer, [.. ActionHeader.Select(h => Text(h, HeaderStyle))]);
            foreach (var line in actions)
            {
                WriteRow(writer,
                [
                    Text(line.Pilot), Text(line.Kind), Text(line.Section), Text(line.Severity), Text(line.Text, WrapStyle),
                    Text(line.Action, WrapStyle), Text(line.Owner), Date(line.DueDate), Text(line.State),
                ]);
            }

            if (cut)
            {
                WriteRow(writer, [Text($"The list stops here: Excel holds at most {MaxActionRows:N0} rows. Export fewer pilots to see the rest.")]);
            }

            EndSheet(writer);
        }

        workbook.Workbook.AppendChild(new Sheets(
            new Sheet { Id = workbook.GetIdOfPart(pilotsPart), SheetId = 1, Name = "Pilots" },
            new Sheet { Id = workbook.GetIdOfPart(actionsPart), SheetId = 2, Name = "Findings and actions" }));
        workbook.Workbook.Save();
    }

    private static void StartSheet(OpenXmlWriter writer, double[] widths)
    {
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
    }

    private static void EndSheet(OpenXmlWriter writer)
    {
        writer.WriteEndElement(); // SheetData
        writer.WriteEndElement(); // Worksheet
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<Cell> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string text, uint style = 0) => new(new InlineString(new Text(CellText.Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = style == 0 ? null : style,
    };

    private static Cell Number(int value) => new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number };

    private static Cell Date(DateOnly? date) => date is { } d
        ? new Cell(new CellValue((d.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays.ToString(CultureInfo.InvariantCulture))) { StyleIndex = DateStyle }
        : Text("");

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true })
        { Count = 4 });
}
