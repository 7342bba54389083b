using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// The go/no-go report as a PDF (PDFsharp, drawn by hand). Page 1 answers the question at a glance; then the
/// findings, the named people, the decision record and every answer. Text is wrapped by measured width and pages break
/// between blocks (or, for a block taller than a page, between its lines), so nothing is cut at a page break.
/// </summary>
public static class PdfReport
{
    /// <summary>Unicode encoding, so that any character the fonts have prints and can be copied back out.</summary>
    internal static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);

    public static byte[] Render(ReportModel model, ReportPaper paper = ReportPaper.A4)
    {
        ArgumentNullException.ThrowIfNull(model);
        ReportFonts.EnsureRegistered();
        using var writer = new PdfWriter(model, paper);
        writer.Write();
        return writer.Save();
    }

    /// <summary>Lays out and draws one report; one instance per document, used by one thread.</summary>
    private sealed class PdfWriter : IDisposable
    {
        private const double MarginX = 56.7;
        private const double ContentTop = 70;
        private const double HeaderTop = 28;

        private static readonly XColor Ink = Hex(0x1c2430);
        private static readonly XColor Muted = Hex(0x4f5b6b);
        private static readonly XColor Rule = Hex(0xd5dbe3);
        private static readonly XColor Wash = Hex(0xf4f6f9);
        private static readonly XColor Accent = Hex(0x0b5d6b);
        private static readonly XColor AccentDark = Hex(0x073f49);
        private static readonly XColor Red = Hex(0xa11d2b);
        private static readonly XColor RedWash = Hex(0xfbe3e6);
        private static readonly XColor Amber = Hex(0x8a5a00);
        private static readonly XColor AmberBar = Hex(0xb7791f);
        private static readonly XColor Green = Hex(0x17623a);

        private readonly ReportModel _model;
        private readonly PdfDocument _document = new();
        private readonly List<PdfPage> _pages = [];
        private readonly double _pageWidth;
        private readonly double _pageHeight;
        private readonly XFont _body = Font(9.5, bold: false);
        private readonly XFont _bodyBold = Font(9.5, bold: true);
        private readonly XFont _small = Font(8, bold: false);
        private readonly XFont _smallBold = Font(8, bold: true);
        private readonly XFont _heading = Font(14, bold: true);
        private readonly XFont _subheading = Font(11, bold: true);
        private readonly XFont _title = Font(18, bold: true);
        private readonly XFont _verdict = Font(24, bold: true);
        private readonly XFont _score = Font(32, bold: true);
        private XGraphics? _gfx;
        private double _y;

        /// <summary>The header row of the table being drawn, repeated at the top of each page the table runs onto.</summary>
        private Block? _tableHeader;

        public PdfWriter(ReportModel model, ReportPaper paper)
        {
            _model = model;
            (_pageWidth, _pageHeight) = paper.SizeInPoints();
            _document.Info.Title = $"{model.Title}: {ReportText.DocumentTitle}";
            _document.Info.Subject = $"Readiness of the proposed AI pilot \"{model.Title}\" ({model.BusinessUnit})";
            _document.Info.Creator = "PilotReadiness";
            _document.Info.CreationDate = model.GeneratedAt.UtcDateTime;
            _document.Info.ModificationDate = model.GeneratedAt.UtcDateTime;
        }

        private static double Left => MarginX;

        private double Width => _pageWidth - (2 * MarginX);

        private double Bottom => _pageHeight - 56;

        private double Remaining => Bottom - _y;

        private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page has been started.");

        public void Write()
        {
            NewPage();
            WriteSummary();

            // The detail starts on page 2, unless page 1 already ran over.
            if (_pages.Count == 1)
            {
                NewPage();
            }

            WriteAbout();
            WriteFindings();
            WriteConfirmations();
            WriteDecisions();
            NewPage();
            WriteAppendix();
        }

        public byte[] Save()
        {
            _gfx?.Dispose();
            _gfx = null;
            for (var i = 0; i < _pages.Count; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                DrawFooter(gfx, i + 1, _pages.Count);
            }

            using var stream = new MemoryStream();
            _document.Save(stream, closeStream: false);
            return stream.ToArray();
        }

        public void Dispose()
        {
            _gfx?.Dispose();
            _document.Dispose();
        }

        // ---- Page 1: the answer at a glance

        private void WriteSummary()
        {
            var intro = new Block();
            intro.Main(Width).Add(ReportText.DocumentTitle.ToUpperInvariant(), _smallBold, Accent)
                .Add(_model.Title, _title, Ink, spaceBefore: 2);
            Draw(intro);
            _y += 8;

            Facts(
                ("Business unit", _model.BusinessUnit), ("Sponsor", _model.Sponsor), ("Generated", _model.GeneratedText),
                ("Status", _model.Status), ("Assessment version", ReportText.Score(_model.Revision)),
                ("Questionnaire and scoring model", $"Version {_model.QuestionnaireVersion} and version {_model.ModelVersion}"));
            _y += 12;

            VerdictPanel();

            if (_model.CappedByGates)
            {
                Paragraph($"The score alone would say {_model.ScoreVerdictLabel}; the gates below hold it at {_model.VerdictLabel}.",
                    _body, Muted, spaceAfter: 4);
            }

            if (_model.PilotTheatre)
            {
                var theatre = new Block { Fill = RedWash, Bar = Red, PadTop = 7, PadBottom = 7 };
                theatre.Main(Width - 22, x: 14).Add("Pilot theatre", _bodyBold, Red)
                    .Add("Nobody has written down what happens if this pilot works, so a good result has nowhere to go. " +
                         "Answer \"If this works, what do we do then?\" before anything else.", _body, Ink, spaceBefore: 1);
                _y += 6;
                Draw(theatre);
            }

            SubHeading("Section scores", spaceBefore: 12);
            BarChart();

            SubHeading("Gates triggered", spaceBefore: 6);
            if (_model.Gates.Count == 0)
            {
                Paragraph(ReportText.NoGates, _body, Ink);
                return;
            }

            Paragraph(ReportText.GatesIntro, _small, Muted, spaceAfter: 4);
            foreach (var gate in _model.Gates)
            {
                var block = new Block { Bar = Red, PadTop = 3, PadBottom = 4 };
                block.Main(Width - 14, x: 12)
                    .Add($"{gate.Name.ToUpperInvariant()} · caps at {gate.Cap} · {gate.Section}", _smallBold, Red)
                    .Add(gate.Message, _body, Ink, spaceBefore: 1)
                    .Add("To clear it: " + gate.Action, _body, AccentDark, spaceBefore: 1);
                Draw(block);
                _y += 6;
            }
        }

        /// <summary>Facts in three columns: a small label over each value.</summary>
        private void Facts(params (string Label, string Value)[] facts)
        {
            double[] columns = [0.32, 0.30, 0.38];
            for (var i = 0; i < facts.Length; i += columns.Length)
            {
                var row = new Block { PadTop = 4, PadBottom = 5, RuleBelow = true };
                double x = 0;
                for (var j = i; j < Math.Min(i + columns.Length, facts.Length); j++)
                {
                    var width = Width * columns[j - i];
                    row.Cell(x, width - 10).Add(facts[j].Label, _small, Muted).Add(facts[j].Value, _bodyBold, Ink);
                    x += width;
                }

                Draw(row);
            }
        }

        private void VerdictPanel()
        {
            var (color, wash) = VerdictColors(_model.Verdict);
            const double height = 80;
            EnsureSpace(height);
            var gfx = Gfx;
            var box = new XRect(Left, _y, Width, height);
            gfx.DrawRoundedRectangle(new XPen(color, 1.5), new XSolidBrush(wash), box, new XSize(10, 10));

            var brush = new XSolidBrush(color);
            gfx.DrawString("RECOMMENDATION", _smallBold, brush, Left + 18, _y + 12, XStringFormats.TopLeft);
            var label = TextLayout.Fit(_model.VerdictLabel, _verdict, Width * 0.6);
            gfx.DrawString(label, _verdict, brush, Left + 18, _y + 26, XStringFormats.TopLeft);
            gfx.DrawString(VerdictMeaning(_model.Verdict), _small, new XSolidBrush(Ink), Left + 18, _y + 59, XStringFormats.TopLeft);

            var score = ReportText.Score(_model.Overall);
            var outOf = " / 100";
            var right = Left + Width - 18;
            var outOfWidth = TextLayout.Width(outOf, _bodyBold);
            var scoreWidth = TextLayout.Width(score, _score);
            gfx.DrawString(outOf, _bodyBold, new XSolidBrush(Muted), right - outOfWidth, _y + 41, XStringFormats.TopLeft);
            gfx.DrawString(score, _score, new XSolidBrush(Ink), right - outOfWidth - scoreWidth - 2, _y + 17, XStringFormats.TopLeft);
            const string caption = "overall readiness score";
            gfx.DrawString(caption, _small, new XSolidBrush(Muted), right - TextLayout.Width(caption, _small), _y + 59, XStringFormats.TopLeft);
            _y += height + 8;
        }

        private void BarChart()
        {
            const double labelWidth = 196;
            const double weightWidth = 52;
            const double scoreWidth = 26;
            var barLeft = Left + labelWidth + weightWidth;
            var barWidth = Width - labelWidth - weightWidth - scoreWidth - 8;
            var rows = _model.Sections.Select(s =>
            {
                var lines = TextLayout.Wrap(s.Title, _body, labelWidth - 6);
                return (Section: s, Lines: lines, Height: Math.Max(21, (lines.Count * LineHeight(_body)) + 8));
            }).ToList();
            var chartHeight = rows.Sum(r => r.Height) + 16;
            EnsureSpace(chartHeight);
            var gfx = Gfx;
            var top = _y;
            var bottom = top + rows.Sum(r => r.Height);

            // Grid lines at 0, 25, 50, 75 and 100, labelled under the chart.
            var gridPen = new XPen(Rule, 0.6);
            for (var tick = 0; tick <= 100; tick += 25)
            {
                var x = barLeft + (barWidth * tick / 100);
                gfx.DrawLine(gridPen, x, top, x, bottom);
                var text = ReportText.Score(tick);
                DrawText(gfx, text, _small, Muted, x - (TextLayout.Width(text, _small) / 2), bottom + 3);
            }

            var y = top;
            foreach (var (section, lines, height) in rows)
            {
                var textY = y + ((height - (lines.Count * LineHeight(_body))) / 2);
                foreach (var line in lines)
                {
                    DrawText(gfx, line, _body, Ink, Left, textY);
                    textY += LineHeight(_body);
                }

                var weight = $"weight {section.Weight}%";
                DrawText(gfx, weight, _small, Muted, barLeft - 8 - TextLayout.Width(weight, _small), y + ((height - LineHeight(_small)) / 2));

                const double barHeight = 10;
                var barY = y + ((height - barHeight) / 2);
                gfx.DrawRectangle(new XSolidBrush(Wash), barLeft, barY, barWidth, barHeight);
                gfx.DrawRectangle(new XPen(Rule, 0.5), barLeft, barY, barWidth, barHeight);
                if (section.Score > 0)
                {
                    gfx.DrawRectangle(new XSolidBrush(BarColor(section.Score)), barLeft, barY, barWidth * section.Score / 100, barHeight);
                }

                var score = ReportText.Score(section.Score);
                DrawText(gfx, score, _bodyBold, Ink, Left + Width - TextLayout.Width(score, _bodyBold), y + ((height - LineHeight(_bodyBold)) / 2));
                y += height;
            }

            _y = bottom + 18;
        }

        // ---- The detail pages

        private void WriteAbout()
        {
            Heading("About this pilot");
            Paragraph(_model.Description.Length > 0 ? _model.Description : "No description was given.", _body,
                _model.Description.Length > 0 ? Ink : Muted);
        }

        private void WriteFindings()
        {
            Heading("What to fix first");
            if (_model.Findings.Count == 0)
            {
                Paragraph(ReportText.NoFindings, _body, Ink);
                return;
            }

            Paragraph(ReportText.FindingsIntro, _small, Muted, spaceAfter: 6);
            var number = 0;
            foreach (var finding in _model.Findings)
            {
                number++;
                var color = SeverityColor(finding.Severity);
                var block = new Block { Bar = color, PadTop = 5, PadBottom = 6, RuleBelow = false };
                var meta = $"{number}. {finding.SeverityLabel.ToUpperInvariant()} · {finding.Section}" +
                    (finding.GainText.Length > 0 ? " · " + finding.GainText : "");
                block.Main(Width - 14, x: 12)
                    .Add(meta, _smallBold, color)
                    .Add(finding.Message, _body, Ink, spaceBefore: 1)
                    .Add("Action: " + finding.Action, _body, AccentDark, spaceBefore: 2);
                Draw(block);
                _y += 5;
            }
        }

        private void WriteConfirmations()
        {
            Heading("Named people");
            if (_model.Confirmations.Count == 0)
            {
                Paragraph(ReportText.NoConfirmations, _body, Ink);
                return;
            }

            Paragraph(ReportText.ConfirmationsIntro, _small, Muted, spaceAfter: 6);
            double[] columns = [0.34, 0.22, 0.14, 0.30];
            Table(["Role", "Person", "State", "Response"], columns, _model.Confirmations.Select(c =>
            {
                var row = Row(columns);
                row[0].Add(c.Role, _bodyBold, Ink).Add(c.Question, _small, Muted);
                row[1].Add(c.Person, _body, Ink);
                row[2].Add(c.StateLabel, _bodyBold, ConfirmationColor(c.State));
                if (c.RespondedText.Length > 0)
                {
                    row[3].Add(c.RespondedText, _body, Ink);
                }

                row[3].Add(c.Comment is { Length: > 0 } comment ? "“" + comment + "”" : c.RespondedText.Length > 0 ? "" : "No response yet",
                    _body, c.Comment is { Length: > 0 } ? Ink : Muted);
                return row.Block;
            }));
        }

        private void WriteDecisions()
        {
            Heading("Decision record");
            if (_model.Decisions.Count == 0)
            {
                Paragraph(ReportText.NoDecision, _bodyBold, Ink, spaceAfter: 2);
                Paragraph("Leadership's go, go-with-conditions or no-go decision will appear here, next to the computed recommendation.",
                    _small, Muted);
                return;
            }

            Paragraph(ReportText.DecisionsIntro, _small, Muted, spaceAfter: 6);
            foreach (var decision in _model.Decisions)
            {
                var block = new Block { Bar = decision.Superseded ? Rule : Accent, PadTop = 5, PadBottom = 6 };
                var main = block.Main(Width - 14, x: 12)
                    .Add(decision.Outcome + (decision.Superseded ? " (superseded)" : ""), _subheading, decision.Superseded ? Muted : Ink)
                    .Add($"Decided by {decision.DecidedBy} on {decision.DecidedText}", _small, Muted)
                    .Add("Rationale: " + decision.Rationale, _body, Ink, spaceBefore: 3);
                if (decision.KillCriteria is { Length: > 0 } kill)
                {
                    main.Add("Kill criteria: " + kill, _body, Ink, spaceBefore: 2);
                }

                foreach (var gate in decision.GatesAccepted)
                {
                    main.Add("Goes ahead despite " + gate, _body, Ink, spaceBefore: 2);
                }

                if (decision.Conditions.Count == 0)
                {
                    main.Add("No conditions attached.", _small, Muted, spaceBefore: 2);
                }

                Draw(block);
                if (decision.Conditions.Count > 0)
                {
                    _y += 4;
                    double[] columns = [0.44, 0.20, 0.22, 0.14];
                    Table(["Condition", "Owner", "Due", "State"], columns, decision.Conditions.Select(c =>
                    {
                        var row = Row(columns);
                        row[0].Add(c.Description, _body, Ink);
                        row[1].Add(c.Owner, _body, Ink);
                        row[2].Add(c.DueText, _body, Ink);
                        row[3].Add(c.State, _bodyBold, ConditionColor(c.State));
                        return row.Block;
                    }));
                }

                _y += 10;
            }
        }

        private void WriteAppendix()
        {
            Heading("Appendix: every question and answer");
            Paragraph(ReportText.AppendixIntro, _small, Muted, spaceAfter: 4);
            double[] columns = [0.46, 0.54];
            foreach (var section in _model.Appendix.GroupBy(a => a.Section))
            {
                SubHeading(section.Key, spaceBefore: 10, keepWith: 60);
                Table(["Question", "Answer"], columns, section.Select(answer =>
                {
                    var row = Row(columns);
                    row[0].Add(answer.Question, _body, Ink);
                    row[1].Add(answer.Answer, _body, answer.Answered ? Ink : Muted);
                    return row.Block;
                }));
            }
        }

        // ---- Layout

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _document.AddPage();
            page.Width = XUnit.FromPoint(_pageWidth);
            page.Height = XUnit.FromPoint(_pageHeight);
            _pages.Add(page);
            _gfx = XGraphics.FromPdfPage(page);
            DrawHeader();
            _y = ContentTop;
            if (_tableHeader is { } header)
            {
                DrawFragment(header, [.. header.Cells.Select(c => (IReadOnlyList<TextLine>)c.Lines)]);
            }
        }

        private void DrawHeader()
        {
            var gfx = Gfx;
            var right = $"{ReportText.DocumentTitle} · assessment version {ReportText.Score(_model.Revision)}";
            var rightWidth = TextLayout.Width(right, _small);
            var title = TextLayout.Fit(_model.Title, _smallBold, Width - rightWidth - 20);
            DrawText(gfx, title, _smallBold, Ink, Left, HeaderTop);
            DrawText(gfx, right, _small, Muted, Left + Width - rightWidth, HeaderTop);
            gfx.DrawLine(new XPen(Rule, 0.8), Left, HeaderTop + 16, Left + Width, HeaderTop + 16);
        }

        private void DrawFooter(XGraphics gfx, int page, int pages)
        {
            var y = _pageHeight - 40;
            gfx.DrawLine(new XPen(Rule, 0.8), Left, y - 6, Left + Width, y - 6);
            DrawText(gfx, $"Generated {_model.GeneratedText} by PilotReadiness", _small, Muted, Left, y);
            var text = ReportText.PageOf(page, pages);
            DrawText(gfx, text, _smallBold, Ink, Left + Width - TextLayout.Width(text, _smallBold), y);
        }

        private void EnsureSpace(double height)
        {
            if (height > Remaining && _y > ContentTop + 0.5)
            {
                NewPage();
            }
        }

        private void Heading(string text)
        {
            // Keep a heading with the start of what follows it.
            EnsureSpace(LineHeight(_heading) + 70);
            if (_y > ContentTop + 0.5)
            {
                _y += 14;
            }

            var block = new Block { PadBottom = 4 };
            block.Main(Width).Add(text, _heading, AccentDark);
            Draw(block);
            Gfx.DrawLine(new XPen(Accent, 1.2), Left, _y, Left + Width, _y);
            _y += 8;
        }

        private void SubHeading(string text, double spaceBefore, double keepWith = 50)
        {
            EnsureSpace(LineHeight(_subheading) + spaceBefore + keepWith);
            if (_y > ContentTop + 0.5)
            {
                _y += spaceBefore;
            }

            var block = new Block { PadBottom = 4 };
            block.Main(Width).Add(text, _subheading, AccentDark);
            Draw(block);
        }

        private void Paragraph(string text, XFont font, XColor color, double spaceAfter = 8)
        {
            var block = new Block();
            block.Main(Width).Add(text, font, color);
            Draw(block);
            _y += spaceAfter;
        }

        private RowBuilder Row(double[] columns) => new(columns, Width);

        /// <summary>A table: a header row (repeated on every page it runs onto) and rows that never split unless taller than a page.</summary>
        private void Table(string[] headers, double[] columns, IEnumerable<Block> rows)
        {
            var header = Row(columns);
            for (var i = 0; i < headers.Length; i++)
            {
                header[i].Add(headers[i], _smallBold, Muted);
            }

            header.Block.Fill = Wash;
            header.Block.PadTop = header.Block.PadBottom = 4;
            var first = true;
            foreach (var row in rows)
            {
                if (first)
                {
                    // The header and the first row stay together.
                    EnsureSpace(header.Block.Height + Math.Min(row.Height, 60));
                    Draw(header.Block);
                    _tableHeader = header.Block;
                    first = false;
                }

                Draw(row);
            }

            _tableHeader = null;
            _y += 4;
        }

        /// <summary>
        /// Draws a block where the cursor is. A block that does not fit goes to the next page whole; one taller than a
        /// whole page is split between lines, so a line is never cut.
        /// </summary>
        private void Draw(Block block)
        {
            var height = block.Height;
            if (height > Remaining && _y > ContentTop + 0.5 && height <= Bottom - ContentTop - TableHeaderHeight)
            {
                NewPage();
            }

            if (height <= Remaining)
            {
                DrawFragment(block, [.. block.Cells.Select(c => (IReadOnlyList<TextLine>)c.Lines)]);
                return;
            }

            var queues = block.Cells.Select(c => new Queue<TextLine>(c.Lines)).ToList();
            while (queues.Any(q => q.Count > 0))
            {
                var available = Remaining - block.PadTop - block.PadBottom;
                List<IReadOnlyList<TextLine>> taken = [.. queues.Select(q => TakeFitting(q, available))];
                if (taken.All(t => t.Count == 0))
                {
                    if (_y <= ContentTop + TableHeaderHeight + 0.5)
                    {
                        // Not even one line fits an empty page: draw one line of each column anyway.
                        taken = [.. queues.Select(q => (IReadOnlyList<TextLine>)(q.Count > 0 ? [q.Dequeue()] : []))];
                    }
                    else
                    {
                        NewPage();
                        continue;
                    }
                }

                DrawFragment(block, taken);
                if (queues.Any(q => q.Count > 0))
                {
                    NewPage();
                }
            }
        }

        private double TableHeaderHeight => _tableHeader?.Height ?? 0;

        private static List<TextLine> TakeFitting(Queue<TextLine> lines, double available)
        {
            var taken = new List<TextLine>();
            double used = 0;
            while (lines.Count > 0 && used + lines.Peek().Height <= available)
            {
                var line = lines.Dequeue();
                // Space before a line is dropped when the line starts a new page.
                if (taken.Count == 0 && line.Text.Length == 0)
                {
                    continue;
                }

                taken.Add(line);
                used += line.Height;
            }

            return taken;
        }

        private void DrawFragment(Block block, IReadOnlyList<IReadOnlyList<TextLine>> cells)
        {
            var gfx = Gfx;
            var height = block.PadTop + block.PadBottom + cells.Max(c => c.Sum(l => l.Height));
            if (block.Fill is { } fill)
            {
                gfx.DrawRectangle(new XSolidBrush(fill), Left, _y, Width, height);
            }

            if (block.Bar is { } bar)
            {
                gfx.DrawRectangle(new XSolidBrush(bar), Left, _y, 3.5, height);
            }

            for (var i = 0; i < block.Cells.Count; i++)
            {
                var y = _y + block.PadTop;
                foreach (var line in cells[i])
                {
                    if (line.Text.Length > 0)
                    {
                        DrawText(gfx, line.Text, line.Font!, line.Color, Left + block.Cells[i].X, y + ((line.Height - line.Font!.GetHeight()) / 2));
                    }

                    y += line.Height;
                }
            }

            _y += height;
            if (block.RuleBelow)
            {
                gfx.DrawLine(new XPen(Rule, 0.6), Left, _y, Left + Width, _y);
            }
        }

        private static void DrawText(XGraphics gfx, string text, XFont font, XColor color, double x, double y) =>
            gfx.DrawString(text, font, new XSolidBrush(color), x, y, XStringFormats.TopLeft);

        internal static double LineHeight(XFont font) => Math.Round(font.Size * 1.36, 2);

        private static XFont Font(double size, bool bold) =>
            new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, FontOptions);

        private static XColor Hex(int rgb) => XColor.FromArgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);

        private static (XColor Color, XColor Wash) VerdictColors(Verdict verdict) => verdict switch
        {
            Verdict.Go => (Green, Hex(0xe2f3e8)),
            Verdict.GoWithConditions => (Hex(0x7a4d00), Hex(0xfdf0d5)),
            Verdict.NotReady => (Hex(0x9a3b00), Hex(0xfde6d8)),
            _ => (Red, RedWash),
        };

        private static string VerdictMeaning(Verdict verdict) => verdict switch
        {
            Verdict.Go => "Ready to start: the answers support the rollout.",
            Verdict.GoWithConditions => "Can start once the conditions in the findings are met.",
            Verdict.NotReady => "Not ready to start: fix the findings, then assess again.",
            _ => "Do not start this pilot as it stands.",
        };

        private static XColor BarColor(int score) => score < 40 ? Red : score < 70 ? AmberBar : Accent;

        private static XColor SeverityColor(Severity severity) => severity switch
        {
            Severity.Critical => Red,
            Severity.Major => Amber,
            _ => Muted,
        };

        private static XColor ConfirmationColor(ReportConfirmationState state) => state switch
        {
            ReportConfirmationState.Confirmed => Green,
            ReportConfirmationState.Declined => Red,
            ReportConfirmationState.Pending or ReportConfirmationState.Expired => Amber,
            _ => Muted,
        };

        private static XColor ConditionColor(string state) => state switch
        {
            "Met" => Green,
            "Lapsed" => Red,
            _ => Amber,
        };

        /// <summary>Builds the cells of one table row from column fractions.</summary>
        private sealed class RowBuilder
        {
            public RowBuilder(double[] columns, double width)
            {
                Block = new Block { PadTop = 4, PadBottom = 4, RuleBelow = true };
                double x = 0;
                foreach (var fraction in columns)
                {
                    Block.Cell(x + 4, (width * fraction) - 10);
                    x += width * fraction;
                }
            }

            public Block Block { get; }

            public Cell this[int index] => Block.Cells[index];
        }
    }

    /// <summary>A rectangle of text across the content width: cells side by side, each a column of lines.</summary>
    private sealed class Block
    {
        public List<Cell> Cells { get; } = [];

        public double PadTop { get; set; }

        public double PadBottom { get; set; }

        public XColor? Fill { get; set; }

        public XColor? Bar { get; set; }

        public bool RuleBelow { get; set; }

        public double Height => PadTop + PadBottom + (Cells.Count == 0 ? 0 : Cells.Max(c => c.Height));

        public Cell Cell(double x, double width)
        {
            var cell = new Cell(x, width);
            Cells.Add(cell);
            return cell;
        }

        /// <summary>The one cell of a block that spans the content (less an indent for a coloured bar).</summary>
        public Cell Main(double width, double x = 0) => Cell(x, width);
    }

    private sealed class Cell(double x, double width)
    {
        public double X { get; } = x;

        public double Width { get; } = width;

        public List<TextLine> Lines { get; } = [];

        public double Height => Lines.Sum(l => l.Height);

        /// <summary>Adds <paramref name="text"/>, wrapped to the cell's width.</summary>
        public Cell Add(string text, XFont font, XColor color, double spaceBefore = 0)
        {
            if (spaceBefore > 0 && Lines.Count > 0)
            {
                Lines.Add(new TextLine("", null, color, spaceBefore));
            }

            var height = PdfWriter.LineHeight(font);
            foreach (var line in TextLayout.Wrap(text, font, Width))
            {
                Lines.Add(new TextLine(line, font, color, height));
            }

            return this;
        }
    }

    /// <summary>One line of text, or (with empty text) a gap of <see cref="Height"/>.</summary>
    private readonly record struct TextLine(string Text, XFont? Font, XColor Color, double Height);
}
