using PdfSharp.Drawing;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// The go/no-go report as a PDF (PDFsharp): what goes where. Page 1 serves the meeting on its own: the recommendation and
/// what it means, the ask (budget, prototype cost, their ratio, rollout date, leadership's decision), the fixes that raise
/// readiness most, the section scores and the gates. Then the description, every finding, the named people, the decision
/// record and every answer. <see cref="PdfFlow"/> lays it out; <see cref="ReportStyle"/> gives its colours and sizes.
/// </summary>
public static class PdfReport
{
    public static byte[] Render(ReportModel model, ReportPaper paper = ReportPaper.A4)
    {
        ArgumentNullException.ThrowIfNull(model);
        var fonts = new PdfFonts();
        using var flow = new PdfFlow(paper, fonts, new PdfPageTexts(
            model.Title,
            $"{ReportText.DocumentTitle} · assessment version {ReportText.Score(model.Revision)}",
            $"Generated {model.GeneratedText} by PilotReadiness"));
        flow.Info.Title = $"{model.Title}: {ReportText.DocumentTitle}";
        flow.Info.Subject = $"Readiness of the proposed AI pilot \"{model.Title}\" ({model.BusinessUnit})";
        flow.Info.Creator = "PilotReadiness";
        flow.Info.CreationDate = model.GeneratedAt.UtcDateTime;
        flow.Info.ModificationDate = model.GeneratedAt.UtcDateTime;
        new Writer(model, flow, fonts).Write();
        return flow.Save();
    }

    /// <summary>Writes one report's content into a flow.</summary>
    private sealed class Writer(ReportModel model, PdfFlow flow, PdfFonts fonts)
    {
        private static readonly XColor Ink = PdfFonts.Ink;
        private static readonly XColor Muted = PdfFonts.Muted;
        private static readonly XColor Accent = PdfFonts.Accent;
        private static readonly XColor AccentDark = PdfFonts.AccentDark;
        private static readonly XColor Bad = PdfFonts.Color(ReportTone.Bad);

        private double Width => flow.Width;

        public void Write()
        {
            flow.NewPage();
            WriteSummary();

            // The detail starts on page 2, unless page 1 already ran over.
            if (flow.PageCount == 1)
            {
                flow.NewPage();
            }

            WriteAbout();
            WriteFindings();
            WriteConfirmations();
            WriteDecisions();
            WriteAfterLaunch();
            flow.NewPage();
            WriteAppendix();
        }

        // ---- Page 1: what the meeting needs

        private void WriteSummary()
        {
            var intro = new Block { SpaceAfter = 8 };
            intro.Cell(0, Width).Add(ReportText.DocumentTitle.ToUpperInvariant(), fonts.SmallBold, Accent)
                .Add(model.Title, fonts.Title, Ink, spaceBefore: 2);
            flow.Draw(intro);

            Facts([0.32, 0.30, 0.38], ("Business unit", model.BusinessUnit, null), ("Sponsor", model.Sponsor, null), ("Generated", model.GeneratedText, null));
            Facts([0.32, 0.22, 0.46], ("Status", model.Status, null), ("Assessment version", ReportText.Score(model.Revision), null), ("Scored with", model.VersionsText, null));
            flow.Gap(12);

            flow.Draw(VerdictPanel());
            if (model.CappedByGates)
            {
                Paragraph(model.CappedText, fonts.Body, Muted, spaceAfter: 4);
            }

            if (model.PilotTheatre)
            {
                var theatre = new Block { Fill = PdfFonts.Color(ReportStyle.WashOf(ReportTone.Bad)), Bar = Bad, PadTop = 7, PadBottom = 7, SpaceBefore = 6 };
                theatre.Cell(14, Width - 22).Add(ReportText.PilotTheatreTitle, fonts.BodyBold, Bad).Add(ReportText.PilotTheatre, fonts.Body, Ink, spaceBefore: 1);
                flow.Draw(theatre);
            }

            WriteAsk();
            WriteTopFindings();

            SubHeading("Section scores", spaceBefore: 10);
            flow.Draw(BarChart());

            WriteGates();
        }

        private void WriteAsk()
        {
            var ask = model.Ask;
            SubHeading("The ask", spaceBefore: 10);
            Facts([0.27, 0.19, 0.32, 0.22],
                ("Production budget", ask.ProductionBudgetText, ask.BudgetStatus),
                ("Prototype cost", ask.PrototypeCostText, null),
                ("Budget to prototype cost", ask.RatioText, ask.RatioNote),
                ("Rollout date", ask.RolloutText, null));
            var decision = model.LatestDecision;
            Facts([1.0], ("Leadership's decision", decision?.Heading ?? ReportText.NoDecision,
                decision is null ? null : $"{decision.DecidedByText} · {decision.ConditionsSummary}"));
        }

        private void WriteTopFindings()
        {
            SubHeading(model.TopFindingsHeading, spaceBefore: 10);
            if (model.TopFindings.Count == 0)
            {
                Paragraph(ReportText.NoFindings, fonts.Body, Ink);
                return;
            }

            var number = 0;
            foreach (var finding in model.TopFindings)
            {
                flow.Draw(Finding(++number, finding, brief: true));
            }

            if (model.TopFindingsNote.Length > 0)
            {
                Paragraph(model.TopFindingsNote, fonts.Small, Muted, spaceAfter: 4);
            }
        }

        private void WriteGates()
        {
            SubHeading("Gates triggered", spaceBefore: 6);
            if (model.Gates.Count == 0)
            {
                Paragraph(ReportText.NoGates, fonts.Body, Ink);
                return;
            }

            Paragraph(ReportText.GatesIntro, fonts.Small, Muted, spaceAfter: 4, keep: true);
            foreach (var gate in model.Gates)
            {
                var block = new Block { Bar = Bad, PadTop = 3, PadBottom = 4, SpaceAfter = 6 };
                var cell = block.Cell(12, Width - 14)
                    .Add(gate.Name, fonts.BodyBold, Bad)
                    .Add($"{gate.Section} · caps at {gate.Cap}", fonts.Small, Muted)
                    .Add(gate.Message, fonts.Body, Ink, spaceBefore: 2)
                    .Add("To clear it: " + gate.Action, fonts.Body, AccentDark, spaceBefore: 1);
                if (gate.Waived is { } waived)
                {
                    cell.Add(waived, fonts.BodyBold, Ink, spaceBefore: 1);
                }

                flow.Draw(block);
            }
        }

        /// <summary>Facts side by side (columns as fractions of the width): a small label over each value, and a note under it.</summary>
        private void Facts(double[] columns, params (string Label, string Value, string? Note)[] facts)
        {
            var row = new Block { PadTop = 4, PadBottom = 5, RuleBelow = new BlockRule(PdfFonts.Rule, 0.6) };
            double x = 0;
            for (var i = 0; i < facts.Length; i++)
            {
                var width = Width * columns[i];
                var cell = row.Cell(x, width - 10).Add(facts[i].Label, fonts.Small, Muted).Add(facts[i].Value, fonts.BodyBold, Ink);
                if (facts[i].Note is { Length: > 0 } note)
                {
                    cell.Add(note, fonts.Small, Muted);
                }

                x += width;
            }

            flow.Draw(row);
        }

        private Block VerdictPanel()
        {
            var (color, wash) = ReportStyle.Verdict(model.Verdict);
            return new Block
            {
                MinHeight = 80,
                SpaceAfter = 8,
                Paint = (gfx, box) =>
                {
                    var ink = PdfFonts.Color(color);
                    gfx.DrawRoundedRectangle(new XPen(ink, 1.5), new XSolidBrush(PdfFonts.Color(wash)), box, new XSize(10, 10));
                    var left = box.Left + 18;
                    PdfFlow.DrawText(gfx, "RECOMMENDATION", fonts.SmallBold, ink, left, box.Top + 12);
                    PdfFlow.DrawText(gfx, TextLayout.Fit(model.VerdictLabel, fonts.Verdict, box.Width * 0.6), fonts.Verdict, ink, left, box.Top + 26);
                    PdfFlow.DrawText(gfx, TextLayout.Fit(model.VerdictMeaning, fonts.Small, box.Width * 0.62), fonts.Small, Ink, left, box.Top + 59);

                    var score = ReportText.Score(model.Overall);
                    const string outOf = " / 100";
                    var right = box.Right - 18;
                    var outOfWidth = TextLayout.Width(outOf, fonts.BodyBold);
                    var scoreWidth = TextLayout.Width(score, fonts.Score);
                    PdfFlow.DrawText(gfx, outOf, fonts.BodyBold, Muted, right - outOfWidth, box.Top + 41);
                    PdfFlow.DrawText(gfx, score, fonts.Score, Ink, right - outOfWidth - scoreWidth - 2, box.Top + 17);
                    const string caption = "overall readiness score";
                    PdfFlow.DrawText(gfx, caption, fonts.Small, Muted, right - TextLayout.Width(caption, fonts.Small), box.Top + 59);
                },
            };
        }

        /// <summary>The six sections' scores as bars with their weights, gridded at 0, 25, 50, 75 and 100.</summary>
        private Block BarChart()
        {
            const double labelWidth = 196;
            const double weightWidth = 52;
            const double scoreWidth = 26;
            const double barHeight = 10;
            var body = PdfFonts.LineHeight(fonts.Body);
            var rows = model.Sections.Select(s =>
            {
                var lines = TextLayout.Wrap(s.Title, fonts.Body, labelWidth - 6);
                return (Section: s, Lines: lines, Height: Math.Max(19, (lines.Count * body) + 6));
            }).ToList();
            var barsHeight = rows.Sum(r => r.Height);
            return new Block
            {
                MinHeight = barsHeight + 16,
                SpaceAfter = 6,
                Paint = (gfx, box) =>
                {
                    var barLeft = box.Left + labelWidth + weightWidth;
                    var barWidth = box.Width - labelWidth - weightWidth - scoreWidth - 8;
                    var bottom = box.Top + barsHeight;
                    var gridPen = new XPen(PdfFonts.Rule, 0.6);
                    for (var tick = 0; tick <= 100; tick += 25)
                    {
                        var x = barLeft + (barWidth * tick / 100);
                        gfx.DrawLine(gridPen, x, box.Top, x, bottom);
                        var text = ReportText.Score(tick);
                        PdfFlow.DrawText(gfx, text, fonts.Small, Muted, x - (TextLayout.Width(text, fonts.Small) / 2), bottom + 3);
                    }

                    var y = box.Top;
                    foreach (var (section, lines, height) in rows)
                    {
                        var textY = y + ((height - (lines.Count * body)) / 2);
                        foreach (var line in lines)
                        {
                            PdfFlow.DrawText(gfx, line, fonts.Body, Ink, box.Left, textY);
                            textY += body;
                        }

                        var weight = $"weight {section.Weight}%";
                        PdfFlow.DrawText(gfx, weight, fonts.Small, Muted, barLeft - 8 - TextLayout.Width(weight, fonts.Small),
                            y + ((height - PdfFonts.LineHeight(fonts.Small)) / 2));

                        var barY = y + ((height - barHeight) / 2);
                        gfx.DrawRectangle(new XSolidBrush(PdfFonts.Wash), barLeft, barY, barWidth, barHeight);
                        gfx.DrawRectangle(new XPen(PdfFonts.Rule, 0.5), barLeft, barY, barWidth, barHeight);
                        if (section.Score > 0)
                        {
                            gfx.DrawRectangle(new XSolidBrush(PdfFonts.Color(ReportStyle.ScoreBar(section.Score))), barLeft, barY, barWidth * section.Score / 100, barHeight);
                        }

                        var score = ReportText.Score(section.Score);
                        PdfFlow.DrawText(gfx, score, fonts.BodyBold, Ink, box.Right - TextLayout.Width(score, fonts.BodyBold),
                            y + ((height - PdfFonts.LineHeight(fonts.BodyBold)) / 2));
                        y += height;
                    }
                },
            };
        }

        // ---- The detail pages

        private void WriteAbout()
        {
            Heading("About this pilot");
            Paragraph(model.Description.Length > 0 ? model.Description : ReportText.NoDescription, fonts.Body,
                model.Description.Length > 0 ? Ink : Muted);
        }

        private void WriteFindings()
        {
            Heading("What to fix first");
            if (model.Findings.Count == 0)
            {
                Paragraph(ReportText.NoFindings, fonts.Body, Ink);
                return;
            }

            Paragraph(ReportText.FindingsIntro, fonts.Small, Muted, spaceAfter: 6, keep: true);
            var number = 0;
            foreach (var finding in model.Findings)
            {
                flow.Draw(Finding(++number, finding, brief: false));
            }
        }

        private void WriteConfirmations()
        {
            Heading("Named people");
            if (model.Confirmations.Count == 0)
            {
                Paragraph(ReportText.NoConfirmations, fonts.Body, Ink);
                return;
            }

            Paragraph(ReportText.ConfirmationsIntro, fonts.Small, Muted, spaceAfter: 6, keep: true);
            double[] columns = [0.34, 0.22, 0.14, 0.30];
            Table(["Role", "Person", "State", "Response"], columns, model.Confirmations.Select(c =>
            {
                var row = Block.Row(Width, columns);
                row.Cells[0].Add(c.Role, fonts.BodyBold, Ink).Add(c.Question, fonts.Small, Muted);
                row.Cells[1].Add(c.Person, fonts.Body, Ink);
                row.Cells[2].Add(c.StateLabel, fonts.BodyBold, PdfFonts.Color(c.Tone));
                if (c.RespondedText.Length > 0)
                {
                    row.Cells[3].Add(c.RespondedText, fonts.Body, Ink);
                }

                row.Cells[3].Add(c.Comment is { Length: > 0 } comment ? "“" + comment + "”" : c.RespondedText.Length > 0 ? "" : "No response yet",
                    fonts.Body, c.Comment is { Length: > 0 } ? Ink : Muted);
                return row;
            }));
        }

        private void WriteDecisions()
        {
            Heading("Decision record");
            if (model.Decisions.Count == 0)
            {
                Paragraph(ReportText.NoDecision, fonts.BodyBold, Ink, spaceAfter: 2);
                Paragraph(ReportText.NoDecisionYet, fonts.Small, Muted);
                return;
            }

            Paragraph(ReportText.DecisionsIntro, fonts.Small, Muted, spaceAfter: 6, keep: true);
            foreach (var decision in model.Decisions)
            {
                var block = new Block { Bar = decision.Superseded ? PdfFonts.Rule : Accent, PadTop = 5, PadBottom = 6 };
                var main = block.Cell(12, Width - 14)
                    .Add(decision.Heading, fonts.Subheading, decision.Superseded ? Muted : Ink)
                    .Add(decision.DecidedByText, fonts.Small, Muted)
                    .Add("Rationale: " + decision.Rationale, fonts.Body, Ink, spaceBefore: 3);
                if (decision.KillCriteria is { Length: > 0 } kill)
                {
                    main.Add("Kill criteria: " + kill, fonts.Body, Ink, spaceBefore: 2);
                }

                foreach (var gate in decision.GatesAccepted)
                {
                    main.Add("Goes ahead despite " + gate, fonts.Body, Ink, spaceBefore: 2);
                }

                if (decision.Conditions.Count == 0)
                {
                    main.Add(decision.ConditionsSummary, fonts.Small, Muted, spaceBefore: 2);
                }

                flow.Draw(block);
                if (decision.Conditions.Count > 0)
                {
                    flow.Gap(4);
                    double[] columns = [0.44, 0.20, 0.22, 0.14];
                    Table(["Condition", "Owner", "Due", "State"], columns, decision.Conditions.Select(c =>
                    {
                        var row = Block.Row(Width, columns);
                        row.Cells[0].Add(c.Description, fonts.Body, Ink);
                        row.Cells[1].Add(c.Owner, fonts.Body, Ink);
                        row.Cells[2].Add(c.DueText, fonts.Body, Ink);
                        row.Cells[3].Add(c.StateLabel, fonts.BodyBold, PdfFonts.Color(c.Tone));
                        return row;
                    }));
                }

                flow.Gap(10);
            }
        }

        private void WriteAfterLaunch()
        {
            if (model.AfterLaunch is not { } live)
            {
                return;
            }

            Heading("After launch");
            Paragraph(live.State + ". " + live.Meaning, fonts.BodyBold, Ink, spaceAfter: 4, keep: true);
            double[] factColumns = [0.30, 0.70];
            Table(["Plan", ""], factColumns, live.Facts.Select(f =>
            {
                var row = Block.Row(Width, factColumns);
                row.Cells[0].Add(f.Label, fonts.BodyBold, Ink);
                row.Cells[1].Add(f.Value, fonts.Body, Ink);
                return row;
            }));
            flow.Gap(6);
            if (live.Alarms.Count == 0)
            {
                Paragraph("No alarm holds.", fonts.Body, Muted, spaceAfter: 2);
            }
            else
            {
                double[] columns = [0.22, 0.12, 0.40, 0.26];
                Table(["Alarm", "Severity", "Evidence", "Action"], columns, live.Alarms.Select(a =>
                {
                    var row = Block.Row(Width, columns);
                    row.Cells[0].Add(a.Title, fonts.BodyBold, Ink).Add("since " + a.Since, fonts.Small, Muted);
                    row.Cells[1].Add(a.Severity, fonts.Body, Ink);
                    row.Cells[2].Add(a.Evidence, fonts.Body, Ink);
                    row.Cells[3].Add(a.Action, fonts.Body, Ink);
                    return row;
                }));
            }

            Paragraph($"Judged by monitoring model {live.ModelVersion} on the day of this report.", fonts.Small, Muted);
        }

        private void WriteAppendix()
        {
            Heading("Appendix: every question and answer");
            Paragraph(ReportText.AppendixIntro, fonts.Small, Muted, spaceAfter: 4, keep: true);
            if (model.StaleEvidenceText.Length > 0)
            {
                Paragraph(model.StaleEvidenceText, fonts.Small, PdfFonts.Color(ReportTone.Caution), spaceAfter: 4, keep: true);
            }

            double[] columns = [0.46, 0.54];
            foreach (var section in model.Appendix.GroupBy(a => a.Section))
            {
                SubHeading(section.Key, spaceBefore: 10);
                Table(["Question", "Answer"], columns, section.Select(answer =>
                {
                    var row = Block.Row(Width, columns);
                    row.Cells[0].Add(answer.Question, fonts.Body, Ink);
                    row.Cells[1].Add(answer.Answer, fonts.Body, answer.Answered ? Ink : Muted);
                    foreach (var evidence in answer.EvidenceItems)
                    {
                        row.Cells[1].Add(evidence.Line, fonts.Small, evidence.Stale ? PdfFonts.Color(ReportTone.Caution) : Muted, spaceBefore: 2);
                    }

                    return row;
                }));
            }
        }

        // ---- Building blocks

        /// <summary>
        /// A numbered finding with a bar in its severity's colour under "1. CRITICAL · Integration budgeted? · +4.5 points":
        /// brief (the action only, for page 1) or whole (what was found, then the action).
        /// </summary>
        private Block Finding(int number, ReportFinding finding, bool brief)
        {
            var color = PdfFonts.Color(finding.Tone);
            var block = new Block { Bar = color, PadTop = brief ? 3 : 5, PadBottom = brief ? 4 : 6, SpaceAfter = brief ? 4 : 5 };
            var meta = $"{number}. {finding.SeverityLabel.ToUpperInvariant()} · {finding.Section}" + (finding.GainText.Length > 0 ? " · " + finding.GainText : "");
            var cell = block.Cell(12, Width - 14).Add(meta, fonts.SmallBold, color);
            if (brief)
            {
                cell.Add(finding.Action, fonts.Body, Ink, spaceBefore: 1);
            }
            else
            {
                cell.Add(finding.Message, fonts.Body, Ink, spaceBefore: 1).Add("Action: " + finding.Action, fonts.Body, AccentDark, spaceBefore: 2);
            }

            return block;
        }

        /// <summary>A heading with a rule under it, kept with the start of what follows.</summary>
        private void Heading(string text)
        {
            var block = new Block { PadBottom = 4, SpaceBefore = 14, SpaceAfter = 8, RuleBelow = new BlockRule(Accent, 1.2) };
            block.Cell(0, Width).Add(text, fonts.Heading, AccentDark);
            flow.Keep(block);
        }

        private void SubHeading(string text, double spaceBefore)
        {
            var block = new Block { PadBottom = 4, SpaceBefore = spaceBefore };
            block.Cell(0, Width).Add(text, fonts.Subheading, AccentDark);
            flow.Keep(block);
        }

        /// <summary>A paragraph across the width; <paramref name="keep"/> holds it with what follows (an introduction).</summary>
        private void Paragraph(string text, XFont font, XColor color, double spaceAfter = 8, bool keep = false)
        {
            var block = new Block { SpaceAfter = spaceAfter };
            block.Cell(0, Width).Add(text, font, color);
            if (keep)
            {
                flow.Keep(block);
            }
            else
            {
                flow.Draw(block);
            }
        }

        /// <summary>A table with a header row of <paramref name="headers"/>, kept with its first rows and repeated on each page.</summary>
        private void Table(string[] headers, double[] columns, IEnumerable<Block> rows)
        {
            var header = Block.Row(Width, columns);
            header.Fill = PdfFonts.Wash;
            for (var i = 0; i < headers.Length; i++)
            {
                header.Cells[i].Add(headers[i], fonts.SmallBold, Muted);
            }

            flow.Table(header, rows);
            flow.Gap(4);
        }
    }
}
