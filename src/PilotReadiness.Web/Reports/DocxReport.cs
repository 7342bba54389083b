using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// The go/no-go report as an editable Word document (Open XML): the same content as the PDF, with real Heading styles
/// (so the navigation pane and a table of contents work), tables for scores, gates, findings, people and answers, a
/// place for the sponsor's commentary, and "Page X of Y" in the footer.
/// </summary>
public static class DocxReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Calibri";

    private static readonly string Ink = ReportStyle.Ink.Hex;
    private static readonly string Muted = ReportStyle.Muted.Hex;
    private static readonly string AccentDark = ReportStyle.AccentDark.Hex;
    private static readonly string Bad = ReportStyle.Color(ReportTone.Bad).Hex;

    public static byte[] Render(ReportModel model, ReportPaper paper = ReportPaper.A4)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Header" }),
                TextRun(model.Title, bold: true),
                TextRun($"    {ReportText.DocumentTitle} · assessment version {ReportText.Score(model.Revision)}", color: Muted)));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }),
                TextRun($"Generated {model.GeneratedText} by PilotReadiness    ", color: Muted),
                TextRun("Page "),
                Field("PAGE", "1"),
                TextRun(" of "),
                Field("NUMPAGES", "1")));

            var body = new Body();
            WriteSummary(body, model);
            WriteDetail(body, model);
            var (width, height) = paper == ReportPaper.Letter ? (12240U, 15840U) : (11906U, 16838U);
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = width, Height = height },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);

            document.PackageProperties.Title = $"{model.Title}: {ReportText.DocumentTitle}";
            document.PackageProperties.Subject = $"Readiness of the proposed AI pilot \"{model.Title}\" ({model.BusinessUnit})";
            document.PackageProperties.Creator = "PilotReadiness";
            document.PackageProperties.Created = model.GeneratedAt.UtcDateTime;
        }

        return stream.ToArray();
    }

    /// <summary>What the meeting needs: the facts, the recommendation, the ask, the top fixes, the section scores and the gates.</summary>
    private static void WriteSummary(Body body, ReportModel model)
    {
        body.Append(Styled("Title", model.Title));
        body.Append(Styled("Subtitle", ReportText.DocumentTitle));
        body.Append(Table(null, [30, 70],
        [
            [Cell("Business unit", bold: true), Cell(model.BusinessUnit)],
            [Cell("Sponsor", bold: true), Cell(model.Sponsor)],
            [Cell("Status", bold: true), Cell(model.Status)],
            [Cell("Assessment version", bold: true), Cell(ReportText.Score(model.Revision))],
            [Cell("Generated", bold: true), Cell(model.GeneratedText)],
            [Cell("Scored with", bold: true), Cell(model.VersionsText)],
        ]));

        body.Append(Styled("Heading1", "Recommendation"));
        var (color, wash) = ReportStyle.Verdict(model.Verdict);
        body.Append(new Paragraph(
            new ParagraphProperties(new Shading { Val = ShadingPatternValues.Clear, Fill = wash.Hex, Color = "auto" }, new SpacingBetweenLines { After = "60" }),
            TextRun(model.VerdictLabel, bold: true, color: color.Hex, size: ReportStyle.VerdictSize),
            TextRun($"    {ReportText.Score(model.Overall)} / 100 overall readiness score", bold: true, size: 14)));
        body.Append(Plain(model.VerdictMeaning));
        if (model.CappedByGates)
        {
            body.Append(Plain(model.CappedText, Muted));
        }

        if (model.PilotTheatre)
        {
            body.Append(new Paragraph(TextRun(ReportText.PilotTheatreTitle + ". ", bold: true, color: Bad), TextRun(ReportText.PilotTheatre)));
        }

        var ask = model.Ask;
        var latest = model.LatestDecision;
        body.Append(Styled("Heading1", "The ask"));
        body.Append(Table(null, [30, 70],
        [
            [Cell("Production budget", bold: true), Cell(ask.ProductionBudgetText, note: ask.BudgetStatus)],
            [Cell("Prototype cost", bold: true), Cell(ask.PrototypeCostText)],
            [Cell("Budget to prototype cost", bold: true), Cell(ask.RatioText, note: ask.RatioNote)],
            [Cell("Rollout date", bold: true), Cell(ask.RolloutText)],
            [Cell("Leadership's decision", bold: true), Cell(latest?.Heading ?? ReportText.NoDecision, bold: true,
                note: latest is null ? null : $"{latest.DecidedByText} · {latest.ConditionsSummary}")],
        ]));

        body.Append(Styled("Heading1", model.TopFindingsHeading));
        if (model.TopFindings.Count == 0)
        {
            body.Append(Plain(ReportText.NoFindings));
        }
        else
        {
            body.Append(Table(["#", "Severity", "Section", "Recommended action", "Gain"], [5, 13, 22, 48, 12],
                [.. model.TopFindings.Select((f, i) => (CellText[])
                [
                    Cell(ReportText.Score(i + 1)), Cell(f.SeverityLabel, bold: true, color: ToneColor(f.Tone)), Cell(f.Section),
                    Cell(f.Action), Cell(f.GainText),
                ])]));
            if (model.TopFindingsNote.Length > 0)
            {
                body.Append(Plain(model.TopFindingsNote, Muted));
            }
        }

        body.Append(Styled("Heading1", "Section scores"));
        body.Append(Table(["Section", "Score (of 100)", "Weight"], [60, 20, 20],
            [.. model.Sections.Select(s => (CellText[])[Cell(s.Title), Cell(ReportText.Score(s.Score), bold: true), Cell($"{s.Weight}%")])]));

        body.Append(Styled("Heading1", "Gates triggered"));
        if (model.Gates.Count == 0)
        {
            body.Append(Plain(ReportText.NoGates));
        }
        else
        {
            body.Append(Plain(ReportText.GatesIntro, Muted));
            body.Append(Table(["Gate", "Caps at", "Why", "To clear it"], [20, 14, 33, 33],
                [.. model.Gates.Select(g => (CellText[])[Cell(g.Name, bold: true, color: Bad, note: g.Section), Cell(g.Cap), Cell(g.Message + (g.Waived is null ? "" : $" {g.Waived}")), Cell(g.Action)])]));
        }
    }

    /// <summary>The description, every finding, the named people, the decision record, the commentary and every answer.</summary>
    private static void WriteDetail(Body body, ReportModel model)
    {
        body.Append(Styled("Heading1", "About this pilot"));
        body.Append(model.Description.Length > 0 ? Plain(model.Description) : Plain(ReportText.NoDescription, Muted));

        body.Append(Styled("Heading1", "What to fix first"));
        if (model.Findings.Count == 0)
        {
            body.Append(Plain(ReportText.NoFindings));
        }
        else
        {
            body.Append(Plain(ReportText.FindingsIntro, Muted));
            body.Append(Table(["#", "Severity", "Section", "Finding", "Recommended action", "Gain"], [5, 13, 16, 29, 27, 10],
                [.. model.Findings.Select((f, i) => (CellText[])
                [
                    Cell(ReportText.Score(i + 1)), Cell(f.SeverityLabel, bold: true, color: ToneColor(f.Tone)), Cell(f.Section),
                    Cell(f.Message), Cell(f.Action), Cell(f.GainText),
                ])]));
        }

        body.Append(Styled("Heading1", "Named people"));
        if (model.Confirmations.Count == 0)
        {
            body.Append(Plain(ReportText.NoConfirmations));
        }
        else
        {
            body.Append(Plain(ReportText.ConfirmationsIntro, Muted));
            body.Append(Table(["Role", "Person", "State", "Responded", "Comment"], [28, 17, 13, 16, 26],
                [.. model.Confirmations.Select(c => (CellText[])
                [
                    Cell(c.Role, bold: true, note: c.Question), Cell(c.Person), Cell(c.StateLabel, bold: true, color: ToneColor(c.Tone)),
                    Cell(c.RespondedText), Cell(c.Comment ?? ""),
                ])]));
        }

        body.Append(Styled("Heading1", "Decision record"));
        if (model.Decisions.Count == 0)
        {
            body.Append(new Paragraph(TextRun(ReportText.NoDecision, bold: true)));
        }
        else
        {
            body.Append(Plain(ReportText.DecisionsIntro, Muted));
            foreach (var decision in model.Decisions)
            {
                body.Append(Styled("Heading2", decision.Heading));
                body.Append(Plain(decision.DecidedByText, Muted));
                body.Append(Labelled("Rationale: ", decision.Rationale));
                if (decision.KillCriteria is { Length: > 0 } kill)
                {
                    body.Append(Labelled("Kill criteria: ", kill));
                }

                foreach (var gate in decision.GatesAccepted)
                {
                    body.Append(Labelled("Goes ahead despite ", gate));
                }

                if (decision.Conditions.Count == 0)
                {
                    body.Append(Plain(decision.ConditionsSummary, Muted));
                    continue;
                }

                body.Append(Table(["Condition", "Owner", "Due", "State"], [46, 20, 20, 14],
                    [.. decision.Conditions.Select(c => (CellText[])
                    [
                        Cell(c.Description), Cell(c.Owner), Cell(c.DueText), Cell(c.StateLabel, bold: true, color: ToneColor(c.Tone)),
                    ])]));
            }
        }

        if (model.AfterLaunch is { } live)
        {
            body.Append(Styled("Heading1", "After launch"));
            body.Append(Labelled(live.State + ". ", live.Meaning));
            body.Append(Table(null, [28, 72], [.. live.Facts.Select(f => (CellText[])[Cell(f.Label, bold: true), Cell(f.Value)])]));
            body.Append(live.Alarms.Count == 0
                ? Plain("No alarm holds.", Muted)
                : Table(["Alarm", "Severity", "Evidence", "Action"], [22, 12, 40, 26],
                    [.. live.Alarms.Select(a => (CellText[])[Cell(a.Title, bold: true, note: "since " + a.Since), Cell(a.Severity), Cell(a.Evidence), Cell(a.Action)])]));
            body.Append(Plain($"Judged by monitoring model {live.ModelVersion} on the day of this report.", Muted));
        }

        body.Append(Styled("Heading1", "Sponsor's commentary"));
        body.Append(Plain(ReportText.CommentaryInvitation, Muted));
        body.Append(new Paragraph());

        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        body.Append(Styled("Heading1", "Appendix: every question and answer"));
        body.Append(Plain(ReportText.AppendixIntro, Muted));
        if (model.StaleEvidenceText.Length > 0)
        {
            body.Append(Plain(model.StaleEvidenceText, ReportStyle.Color(ReportTone.Caution).Hex));
        }

        foreach (var section in model.Appendix.GroupBy(a => a.Section))
        {
            body.Append(Styled("Heading2", section.Key));
            body.Append(Table(["Question", "Answer"], [45, 55],
                [.. section.Select(a => (CellText[])[Cell(a.Question), Cell(a.Answer, color: a.Answered ? null : Muted, note: a.EvidenceNote)])]));
        }
    }

    // ---- Building blocks

    /// <summary>A table cell's text; <see cref="Note"/>, when given, follows on its own line in grey.</summary>
    private sealed record CellText(string Text, bool Bold, string? Color, string? Note = null);

    private static CellText Cell(string text, bool bold = false, string? color = null, string? note = null) => new(text, bold, color, note);

    private static Paragraph Styled(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), TextRun(text));

    private static Paragraph Plain(string text, string? color = null) => new(TextRun(text, color: color));

    private static Paragraph Labelled(string label, string text) => new(TextRun(label, bold: true), TextRun(text));

    /// <summary>A run of text; line breaks in the text become line breaks in the document.</summary>
    private static Run TextRun(string text, bool bold = false, string? color = null, double? size = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        if (size is { } points)
        {
            properties.Append(new FontSize { Val = HalfPoints(points) });
        }

        var run = new Run(properties);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    /// <summary>A field Word computes when it lays the document out (PAGE, NUMPAGES), with a placeholder until then.</summary>
    private static SimpleField Field(string instruction, string placeholder) =>
        new(new Run(new Text(placeholder))) { Instruction = $" {instruction} \\* MERGEFORMAT " };

    /// <summary>A full-width table; <paramref name="headers"/> (when given) form a header row repeated on every page.</summary>
    private static Table Table(string[]? headers, int[] percents, IReadOnlyList<CellText[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportTable" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = headers is null ? "0400" : "04A0" }));
        var grid = new TableGrid();
        foreach (var percent in percents)
        {
            grid.Append(new GridColumn { Width = (percent * 97).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        table.Append(grid);
        if (headers is not null)
        {
            var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
            for (var i = 0; i < headers.Length; i++)
            {
                header.Append(TableCell(new CellText(headers[i], true, Muted), percents[i], ReportStyle.Wash.Hex));
            }

            table.Append(header);
        }

        foreach (var row in rows)
        {
            var tableRow = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Length; i++)
            {
                tableRow.Append(TableCell(row[i], percents[i], null));
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static TableCell TableCell(CellText cell, int percent, string? fill)
    {
        var properties = new TableCellProperties(new TableCellWidth
        {
            Type = TableWidthUnitValues.Pct,
            Width = (percent * 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (fill is not null)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = fill, Color = "auto" });
        }

        var paragraph = new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20" }),
            TextRun(cell.Text, cell.Bold, cell.Color));
        if (cell.Note is { Length: > 0 } note)
        {
            paragraph.Append(new Run(new Break()), TextRun(note, color: Muted, size: ReportStyle.SmallSize));
        }

        return new TableCell(properties, paragraph);
    }

    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new Color { Val = Ink }, new FontSize { Val = HalfPoints(ReportStyle.BodySize) }, new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "100", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(ParagraphStyle("Title", "Title", ReportStyle.TitleSize, AccentDark, before: 0, after: 60, outline: null));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", ReportStyle.SubheadingSize, Muted, before: 0, after: 240, outline: null));
        styles.Append(ParagraphStyle("Heading1", "heading 1", ReportStyle.HeadingSize, AccentDark, before: 360, after: 120, outline: 0));
        styles.Append(ParagraphStyle("Heading2", "heading 2", ReportStyle.SubheadingSize, AccentDark, before: 240, after: 80, outline: 1));
        styles.Append(ParagraphStyle("Header", "header", ReportStyle.SmallSize, Ink, before: 0, after: 0, outline: null, bold: false));
        styles.Append(ParagraphStyle("Footer", "footer", ReportStyle.SmallSize, Ink, before: 0, after: 0, outline: null, bold: false));
        styles.Append(new Style(
            new StyleName { Val = "Report Table" },
            new PrimaryStyle(),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = ReportStyle.Rule.Hex },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = ReportStyle.Rule.Hex },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = ReportStyle.Rule.Hex }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "ReportTable" });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, double size, string color, int before, int after, int? outline, bool bold = true)
    {
        var paragraph = new StyleParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        var run = new StyleRunProperties(new Color { Val = color }, new FontSize { Val = HalfPoints(size) });
        if (bold)
        {
            run.PrependChild(new Bold());
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            run)
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    /// <summary>A size in points as Word's half-points ("19" for 9.5 pt).</summary>
    private static string HalfPoints(double points) =>
        ((int)Math.Round(points * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ToneColor(ReportTone tone) => ReportStyle.Color(tone).Hex;
}
