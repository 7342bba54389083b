using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PilotReadiness.Web.Reports;

/// <summary>The running header and footer texts of every page; the footer adds "Page X of Y" on the right.</summary>
internal sealed record PdfPageTexts(string HeaderTitle, string HeaderNote, string FooterNote);

/// <summary>
/// A small layout engine for a PDF made of blocks of text, which knows nothing of what it lays out. It keeps a cursor
/// down the page and starts pages with their header. A block that does not fit goes to the next page whole; one taller
/// than a page breaks between its lines, so a line is never cut. Blocks handed to <see cref="Keep"/> (a heading, its
/// introduction) go on the page where what follows them starts, with at least its first rows. A table's header row
/// repeats on every page the table runs onto. Every page is numbered "Page X of Y" when the document is saved.
/// One instance per document, used by one thread.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    public const double ContentTop = 70;
    private const double MarginX = 56.7;
    private const double MarginBottom = 56;
    private const double HeaderTop = 28;
    private const double FooterFromBottom = 40;

    /// <summary>
    /// How much of what follows kept blocks must come with them: whole rows (or whole blocks) until at least this many
    /// points, or, of a block taller than a page, its lines up to this height.
    /// </summary>
    public const double KeepWithAtLeast = 60;

    private readonly PdfDocument _document = new();
    private readonly List<PdfPage> _pages = [];
    private readonly List<(Block Block, bool RepeatsOnNewPages)> _kept = [];
    private readonly PdfFonts _fonts;
    private readonly PdfPageTexts _texts;
    private readonly double _pageWidth;
    private readonly double _pageHeight;
    private XGraphics? _gfx;

    /// <summary>The header row of the table being drawn, repeated at the top of each page the table runs onto.</summary>
    private Block? _tableHeader;

    public PdfFlow(ReportPaper paper, PdfFonts fonts, PdfPageTexts texts)
    {
        ReportFonts.EnsureRegistered();
        _fonts = fonts;
        _texts = texts;
        (_pageWidth, _pageHeight) = paper.SizeInPoints();
    }

    /// <summary>The document's properties (title, subject, dates).</summary>
    public PdfDocumentInformation Info => _document.Info;

    public static double Left => MarginX;

    /// <summary>The width of the content between the margins.</summary>
    public double Width => _pageWidth - (2 * MarginX);

    /// <summary>Where content ends on every page (the footer is below).</summary>
    public double Bottom => _pageHeight - MarginBottom;

    /// <summary>The cursor: where the next block starts on the current page.</summary>
    public double Y { get; private set; }

    public int PageCount => _pages.Count;

    /// <summary>The height left on the current page.</summary>
    public double Remaining => Bottom - Y;

    /// <summary>True when nothing but the header (and a repeated table header) is on the current page.</summary>
    private bool AtTop => Y <= ContentTop + TableHeaderHeight + 0.5;

    private double TableHeaderHeight => _tableHeader?.Height ?? 0;

    /// <summary>The tallest block that fits a page whole.</summary>
    private double PageCapacity => Bottom - ContentTop - TableHeaderHeight;

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("The document has been saved.");

    /// <summary>Starts a page: its header, then the header row of a table that runs on.</summary>
    public void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(_pageWidth);
        page.Height = XUnit.FromPoint(_pageHeight);
        _pages.Add(page);
        _gfx = XGraphics.FromPdfPage(page);
        DrawHeader();
        Y = ContentTop;
        if (_tableHeader is { } header)
        {
            DrawFragment(header, Whole(header));
        }
    }

    /// <summary>Holds <paramref name="block"/> until the next block or table, and puts it on the page where that one starts.</summary>
    public void Keep(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _kept.Add((block, false));
    }

    /// <summary>Draws a block (with any kept blocks before it) where the cursor is, or on the next page.</summary>
    public void Draw(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        StartFirstPage();
        var splitIfShort = PlaceKept(Lead(block));
        Put(block, splitIfShort);
    }

    /// <summary>
    /// A table: <paramref name="header"/> and then <paramref name="rows"/>, which never split unless taller than a page.
    /// The header starts on the page of the first rows, and repeats on every page the table runs onto. Without rows,
    /// nothing is drawn (kept blocks wait for what comes next).
    /// </summary>
    public void Table(Block header, IEnumerable<Block> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        StartFirstPage();
        _kept.Add((header, true));
        double lead = 0;
        foreach (var row in list)
        {
            lead += Lead(row);
            if (lead >= KeepWithAtLeast)
            {
                break;
            }
        }

        var splitIfShort = PlaceKept(lead);
        Put(list[0], splitIfShort);
        foreach (var row in list.Skip(1))
        {
            Put(row, splitIfShort: false);
        }

        _tableHeader = null;
    }

    /// <summary>Space between blocks, left out at the top of a page.</summary>
    public void Gap(double points)
    {
        StartFirstPage();
        if (_kept.Count > 0)
        {
            _kept[^1].Block.SpaceAfter += points;
        }
        else if (!AtTop)
        {
            Y += points;
        }
    }

    /// <summary>Draws kept blocks that nothing followed, adds the footers, and returns the PDF.</summary>
    public byte[] Save()
    {
        StartFirstPage();
        if (_kept.Count > 0)
        {
            PlaceKept(0);
        }

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

    /// <summary>The first page starts with the first thing drawn (or with <see cref="NewPage"/>).</summary>
    private void StartFirstPage()
    {
        if (_pages.Count == 0)
        {
            NewPage();
        }
    }

    /// <summary>
    /// How much of <paramref name="block"/> must share a page with the blocks kept before it: all of it when it fits a
    /// page, otherwise its first lines.
    /// </summary>
    private double Lead(Block block)
    {
        if (block.Height <= PageCapacity)
        {
            return block.SpaceBefore + block.Height;
        }

        var lines = block.Cells.Count == 0 ? 0 : block.Cells.Max(c => LinesUpTo(c.Lines, KeepWithAtLeast));
        return block.SpaceBefore + block.PadTop + lines + block.PadBottom;
    }

    private static double LinesUpTo(IReadOnlyList<TextLine> lines, double height)
    {
        double used = 0;
        foreach (var line in lines)
        {
            used += line.Height;
            if (used >= height)
            {
                break;
            }
        }

        return used;
    }

    /// <summary>
    /// Starts a new page unless the kept blocks and <paramref name="lead"/> points of what follows fit on this one, then
    /// draws the kept blocks. Returns true when kept blocks were drawn and what follows, though it fits a page, must not
    /// leave them alone at the foot of this one (it then breaks between lines instead of moving whole).
    /// </summary>
    private bool PlaceKept(double lead)
    {
        if (_kept.Count == 0)
        {
            return false;
        }

        var kept = _kept.Sum(k => k.Block.SpaceBefore + k.Block.Height + k.Block.SpaceAfter);
        if (kept + lead > Remaining && !AtTop)
        {
            NewPage();
        }

        foreach (var (block, repeats) in _kept)
        {
            Put(block, splitIfShort: false);
            if (repeats)
            {
                _tableHeader = block;
            }
        }

        _kept.Clear();
        return true;
    }

    /// <summary>
    /// Draws a block where the cursor is. A block that does not fit goes to the next page whole (unless
    /// <paramref name="splitIfShort"/>); one taller than a whole page is split between lines, so a line is never cut.
    /// </summary>
    private void Put(Block block, bool splitIfShort)
    {
        var before = AtTop ? 0 : block.SpaceBefore;
        var height = block.Height;
        if (before + height > Remaining && !AtTop && !splitIfShort && height <= PageCapacity)
        {
            NewPage();
            before = 0;
        }

        Y += before;
        if (height <= Remaining || block.Cells.Count == 0)
        {
            DrawFragment(block, Whole(block));
            Y += block.SpaceAfter;
            return;
        }

        var queues = block.Cells.Select(c => new Queue<TextLine>(c.Lines)).ToList();
        while (queues.Any(q => q.Count > 0))
        {
            var available = Remaining - block.PadTop - block.PadBottom;
            List<IReadOnlyList<TextLine>> taken = [.. queues.Select(q => TakeFitting(q, available))];
            if (taken.All(t => t.Count == 0))
            {
                if (AtTop)
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

        Y += block.SpaceAfter;
    }

    private static List<IReadOnlyList<TextLine>> Whole(Block block) => [.. block.Cells.Select(c => (IReadOnlyList<TextLine>)c.Lines)];

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

    private void DrawFragment(Block block, List<IReadOnlyList<TextLine>> cells)
    {
        var gfx = Gfx;
        var content = cells.Count == 0 ? 0 : cells.Max(c => c.Sum(l => l.Height));
        var height = block.PadTop + block.PadBottom + Math.Max(content, block.MinHeight);
        if (block.Fill is { } fill)
        {
            gfx.DrawRectangle(new XSolidBrush(fill), Left, Y, Width, height);
        }

        if (block.Bar is { } bar)
        {
            gfx.DrawRectangle(new XSolidBrush(bar), Left, Y, 3.5, height);
        }

        block.Paint?.Invoke(gfx, new XRect(Left, Y, Width, height));
        for (var i = 0; i < block.Cells.Count; i++)
        {
            var y = Y + block.PadTop;
            foreach (var line in cells[i])
            {
                if (line.Text.Length > 0)
                {
                    DrawText(gfx, line.Text, line.Font!, line.Color, Left + block.Cells[i].X, y + ((line.Height - line.Font!.GetHeight()) / 2));
                }

                y += line.Height;
            }
        }

        Y += height;
        if (block.RuleBelow is { } rule)
        {
            gfx.DrawLine(new XPen(rule.Color, rule.Width), Left, Y, Left + Width, Y);
        }
    }

    private void DrawHeader()
    {
        var gfx = Gfx;
        var rightWidth = TextLayout.Width(_texts.HeaderNote, _fonts.Small);
        var title = TextLayout.Fit(_texts.HeaderTitle, _fonts.SmallBold, Width - rightWidth - 20);
        DrawText(gfx, title, _fonts.SmallBold, PdfFonts.Ink, Left, HeaderTop);
        DrawText(gfx, _texts.HeaderNote, _fonts.Small, PdfFonts.Muted, Left + Width - rightWidth, HeaderTop);
        gfx.DrawLine(new XPen(PdfFonts.Rule, 0.8), Left, HeaderTop + 16, Left + Width, HeaderTop + 16);
    }

    private void DrawFooter(XGraphics gfx, int page, int pages)
    {
        var y = _pageHeight - FooterFromBottom;
        gfx.DrawLine(new XPen(PdfFonts.Rule, 0.8), Left, y - 6, Left + Width, y - 6);
        DrawText(gfx, _texts.FooterNote, _fonts.Small, PdfFonts.Muted, Left, y);
        var text = ReportText.PageOf(page, pages);
        DrawText(gfx, text, _fonts.SmallBold, PdfFonts.Ink, Left + Width - TextLayout.Width(text, _fonts.SmallBold), y);
    }

    internal static void DrawText(XGraphics gfx, string text, XFont font, XColor color, double x, double y) =>
        gfx.DrawString(text, font, new XSolidBrush(color), x, y, XStringFormats.TopLeft);
}

/// <summary>The fonts of one PDF (the sizes are <see cref="ReportStyle"/>'s) and the report's colours as PDFsharp's.</summary>
internal sealed class PdfFonts
{
    /// <summary>Unicode encoding, so that any character the fonts have prints and can be copied back out.</summary>
    public static readonly XPdfFontOptions Options = new(PdfFontEncoding.Unicode);

    public static readonly XColor Ink = Color(ReportStyle.Ink);
    public static readonly XColor Muted = Color(ReportStyle.Muted);
    public static readonly XColor Rule = Color(ReportStyle.Rule);
    public static readonly XColor Wash = Color(ReportStyle.Wash);
    public static readonly XColor Accent = Color(ReportStyle.Accent);
    public static readonly XColor AccentDark = Color(ReportStyle.AccentDark);

    public XFont Body { get; } = Font(ReportStyle.BodySize, bold: false);

    public XFont BodyBold { get; } = Font(ReportStyle.BodySize, bold: true);

    public XFont Small { get; } = Font(ReportStyle.SmallSize, bold: false);

    public XFont SmallBold { get; } = Font(ReportStyle.SmallSize, bold: true);

    public XFont Heading { get; } = Font(ReportStyle.HeadingSize, bold: true);

    public XFont Subheading { get; } = Font(ReportStyle.SubheadingSize, bold: true);

    public XFont Title { get; } = Font(ReportStyle.TitleSize, bold: true);

    public XFont Verdict { get; } = Font(ReportStyle.VerdictSize, bold: true);

    public XFont Score { get; } = Font(32, bold: true);

    public static double LineHeight(XFont font) => Math.Round(font.Size * 1.36, 2);

    public static XColor Color(ReportColor color) => XColor.FromArgb(color.R, color.G, color.B);

    public static XColor Color(ReportTone tone) => Color(ReportStyle.Color(tone));

    public static XFont Font(double size, bool bold)
    {
        ReportFonts.EnsureRegistered();
        return new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Options);
    }
}

/// <summary>A rule drawn under a block.</summary>
internal readonly record struct BlockRule(XColor Color, double Width);

/// <summary>
/// A rectangle across the content width: cells of text side by side, each a column of lines, with optional padding,
/// fill, coloured bar on the left, rule below, space around, and a painter for drawings of a fixed height.
/// </summary>
internal sealed class Block
{
    public List<Cell> Cells { get; } = [];

    public double PadTop { get; set; }

    public double PadBottom { get; set; }

    /// <summary>Space above the block, left out when it starts a page.</summary>
    public double SpaceBefore { get; set; }

    public double SpaceAfter { get; set; }

    /// <summary>The least height of the content (for a block that is a drawing rather than text).</summary>
    public double MinHeight { get; set; }

    public XColor? Fill { get; set; }

    public XColor? Bar { get; set; }

    public BlockRule? RuleBelow { get; set; }

    /// <summary>Draws into the block's rectangle, under its text (a chart, a framed panel).</summary>
    public Action<XGraphics, XRect>? Paint { get; set; }

    public double Height => PadTop + PadBottom + Math.Max(MinHeight, Cells.Count == 0 ? 0 : Cells.Max(c => c.Height));

    public Cell Cell(double x, double width)
    {
        var cell = new Cell(x, width);
        Cells.Add(cell);
        return cell;
    }

    /// <summary>The cells of a table row from column fractions of <paramref name="width"/>, each padded a little.</summary>
    public static Block Row(double width, IReadOnlyList<double> columns)
    {
        var row = new Block { PadTop = 4, PadBottom = 4, RuleBelow = new BlockRule(PdfFonts.Rule, 0.6) };
        double x = 0;
        foreach (var fraction in columns)
        {
            row.Cell(x + 4, (width * fraction) - 10);
            x += width * fraction;
        }

        return row;
    }
}

internal sealed class Cell(double x, double width)
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

        var height = PdfFonts.LineHeight(font);
        foreach (var line in TextLayout.Wrap(text, font, Width))
        {
            Lines.Add(new TextLine(line, font, color, height));
        }

        return this;
    }
}

/// <summary>One line of text, or (with empty text) a gap of <see cref="Height"/>.</summary>
internal readonly record struct TextLine(string Text, XFont? Font, XColor Color, double Height);
