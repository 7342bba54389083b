using System.Globalization;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>
/// The PDF layout engine on its own (no report, no web host): where blocks, kept headings and tables land, read back
/// with PdfPig.
/// </summary>
public sealed class PdfFlowTests
{
    private static readonly PdfFonts Fonts = new();
    private static readonly double Line = PdfFonts.LineHeight(Fonts.Body);

    [Fact]
    public void Draw_BlockThatDoesNotFit_MovesToTheNextPageWhole()
    {
        using var flow = NewFlow();
        FillUntil(flow, remaining: 3 * Line);

        flow.Draw(Lines(flow, "moved", 5));
        var pdf = PdfText.Read(flow.Save());

        Assert.Equal(2, pdf.Pages.Count);
        Assert.DoesNotContain(pdf.Pages[0].Words, w => w.StartsWith("moved", StringComparison.Ordinal));
        Assert.Equal(Numbered("moved", 5), pdf.Pages[1].Words.Where(w => w.StartsWith("moved", StringComparison.Ordinal)));
    }

    [Fact]
    public void Draw_BlockTallerThanAPage_BreaksBetweenLines_AndLosesNone()
    {
        using var flow = NewFlow();
        flow.Draw(Lines(flow, "line", 150));

        var pdf = PdfText.Read(flow.Save());

        Assert.InRange(pdf.Pages.Count, 3, 4);
        Assert.Equal(Numbered("line", 150), pdf.Pages.SelectMany(p => p.Words).Where(w => w.StartsWith("line", StringComparison.Ordinal)));
        Assert.All(pdf.Pages.SkipLast(1), page => Assert.InRange(page.Words.Count(w => w.StartsWith("line", StringComparison.Ordinal)), 50, 60));
    }

    [Fact]
    public void Table_RunningOntoMorePages_RepeatsItsHeaderOnEach_AndNeverSplitsARow()
    {
        using var flow = NewFlow();
        flow.Table(Header(flow), Enumerable.Range(1, 60).Select(i => Row(flow, $"row{i:000}", lines: 2)));

        var pdf = PdfText.Read(flow.Save());

        Assert.True(pdf.Pages.Count >= 2);
        Assert.All(pdf.Pages, page => Assert.Single(page.Words, w => w == "Heading-of-the-table"));
        // Each row's two lines ("rowNNNa", "rowNNNb") are always on the same page.
        Assert.All(pdf.Pages, page => Assert.Equal(
            page.Words.Where(w => w.StartsWith("row", StringComparison.Ordinal) && w.EndsWith('a')).Select(w => w[..^1]),
            page.Words.Where(w => w.StartsWith("row", StringComparison.Ordinal) && w.EndsWith('b')).Select(w => w[..^1])));
    }

    [Fact]
    public void Table_WithoutRows_DrawsNothing_AndKeptBlocksWaitForWhatFollows()
    {
        using var flow = NewFlow();
        flow.Keep(Lines(flow, "kept", 1));
        flow.Table(Header(flow), []);
        flow.Draw(Lines(flow, "next", 1));

        var page = Assert.Single(PdfText.Read(flow.Save()).Pages);

        Assert.DoesNotContain("Heading-of-the-table", page.Words);
        Assert.Equal(["kept001", "next001"], page.Words.Where(w => w.StartsWith("kept", StringComparison.Ordinal) || w.StartsWith("next", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(95)]    // the heading and its introduction fit, the table's header and first row do not: once they were stranded
    [InlineData(140)]   // the first row fits too, but not the rows that make up the least that must follow a heading
    public void Keep_HeadingAtTheFootOfAPage_MovesWithTheFirstRowsOfItsTable(double remaining)
    {
        using var flow = NewFlow();
        FillUntil(flow, remaining);

        KeepHeadingAndIntroduction(flow);
        flow.Table(Header(flow), Enumerable.Range(1, 4).Select(i => Row(flow, $"row{i:000}", lines: 3)));
        var pdf = PdfText.Read(flow.Save());

        Assert.Equal(2, pdf.Pages.Count);
        Assert.DoesNotContain("Stranded?", pdf.Pages[0].Words);
        Assert.DoesNotContain("Heading-of-the-table", pdf.Pages[0].Words);
        Assert.True(pdf.Pages[1].HasWords("Stranded? introduction Heading-of-the-table row001a row002a"), pdf.Pages[1].Text);
    }

    [Fact]
    public void Keep_HeadingWithRoomForItsFirstRows_StaysOnItsPage()
    {
        using var flow = NewFlow();
        FillUntil(flow, remaining: 190);   // the heading, its introduction, the table's header and two rows take about 185

        KeepHeadingAndIntroduction(flow);
        flow.Table(Header(flow), Enumerable.Range(1, 4).Select(i => Row(flow, $"row{i:000}", lines: 3)));
        var pdf = PdfText.Read(flow.Save());

        Assert.True(pdf.Pages[0].HasWords("Stranded? introduction Heading-of-the-table row001a row002a"), pdf.Pages[0].Text);
    }

    [Fact]
    public void Keep_HeadingBeforeABlockThatDoesNotFit_GoesWithIt()
    {
        using var flow = NewFlow();
        FillUntil(flow, remaining: 100);

        KeepHeadingAndIntroduction(flow);
        flow.Draw(Lines(flow, "block", 4));
        var pdf = PdfText.Read(flow.Save());

        Assert.DoesNotContain("Stranded?", pdf.Pages[0].Words);
        Assert.True(pdf.Pages[1].HasWords("Stranded? introduction block001 block004"), pdf.Pages[1].Text);
    }

    [Fact]
    public void Keep_HeadingBeforeABlockTallerThanAPage_StaysWithItsFirstLines()
    {
        using var flow = NewFlow();
        FillUntil(flow, remaining: 200);

        KeepHeadingAndIntroduction(flow);
        flow.Draw(Lines(flow, "long", 120));
        var pdf = PdfText.Read(flow.Save());

        // The heading stays where there is room, and the block starts under it rather than on the next page.
        Assert.True(pdf.Pages[0].HasWords("Stranded? introduction long001 long005"), pdf.Pages[0].Text);
        Assert.Equal(Numbered("long", 120), pdf.Pages.SelectMany(p => p.Words).Where(w => w.StartsWith("long", StringComparison.Ordinal)));
    }

    [Fact]
    public void Keep_AtTheEnd_IsDrawnWhenSaved()
    {
        using var flow = NewFlow();
        flow.Keep(Lines(flow, "last", 1));

        Assert.Contains("last001", Assert.Single(PdfText.Read(flow.Save()).Pages).Words);
    }

    [Fact]
    public void SpaceBeforeAndGaps_AreLeftOutAtTheTopOfAPage()
    {
        using var flow = NewFlow();
        flow.NewPage();
        flow.Gap(40);
        var block = Lines(flow, "first", 1);
        block.SpaceBefore = 30;

        flow.Draw(block);

        Assert.Equal(PdfFlow.ContentTop + Line, flow.Y, 3);
        flow.Gap(40);
        Assert.Equal(PdfFlow.ContentTop + Line + 40, flow.Y, 3);
    }

    [Fact]
    public void Save_EveryPage_HasItsHeaderAndPageXOfY()
    {
        using var flow = NewFlow();
        flow.Draw(Lines(flow, "line", 150));

        var pdf = PdfText.Read(flow.Save());

        Assert.All(pdf.Pages, page =>
        {
            Assert.StartsWith("Flow-title Flow-note", page.Text, StringComparison.Ordinal);
            Assert.EndsWith($"Flow-footer Page {page.Number} of {pdf.Pages.Count}", page.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void LongUnbrokenWord_WrapsWithinItsColumn_AndKeepsEveryCharacter()
    {
        // 1,750 characters without a space, as a pasted token or a run of keys would be.
        var word = string.Concat(Enumerable.Range(0, 175).Select(i => "abcdefghi" + (char)('0' + (i % 10))));
        const double column = 200;

        var lines = TextLayout.Wrap(word, Fonts.Body, column);

        Assert.True(lines.Count > 10);
        Assert.All(lines, line => Assert.True(TextLayout.Width(line, Fonts.Body) <= column, $"'{line}' is wider than the column."));
        Assert.Equal(word, string.Concat(lines));

        using var flow = NewFlow();
        var block = new Block();
        block.Cell(0, column).Add(word, Fonts.Body, PdfFonts.Ink);
        flow.Draw(block);
        var page = Assert.Single(PdfText.Read(flow.Save()).Pages);
        Assert.Equal(word, string.Concat(page.Words.Where(lines.Contains)));
    }

    private static readonly PdfPageTexts Texts = new("Flow-title", "Flow-note", "Flow-footer");

    private static PdfFlow NewFlow() => new(ReportPaper.A4, Fonts, Texts);

    /// <summary>Starts a page and fills it with filler lines and a gap until exactly <paramref name="remaining"/> points are left.</summary>
    private static void FillUntil(PdfFlow flow, double remaining)
    {
        flow.NewPage();
        flow.Draw(Lines(flow, "filler", (int)Math.Floor((flow.Remaining - remaining) / Line)));
        flow.Gap(flow.Remaining - remaining);
        Assert.Equal(remaining, flow.Remaining, 3);
    }

    /// <summary>A heading and an introduction, kept with what follows, as the report writes them (about 59 points).</summary>
    private static void KeepHeadingAndIntroduction(PdfFlow flow)
    {
        var heading = new Block { PadBottom = 4, SpaceBefore = 14, SpaceAfter = 8 };
        heading.Cell(0, flow.Width).Add("Stranded?", Fonts.Heading, PdfFonts.AccentDark);
        flow.Keep(heading);
        var intro = new Block { SpaceAfter = 6 };
        intro.Cell(0, flow.Width).Add("introduction\nin two lines", Fonts.Small, PdfFonts.Muted);
        flow.Keep(intro);
    }

    private static Block Lines(PdfFlow flow, string prefix, int count)
    {
        var block = new Block();
        block.Cell(0, flow.Width).Add(string.Join('\n', Numbered(prefix, count)), Fonts.Body, PdfFonts.Ink);
        return block;
    }

    private static Block Header(PdfFlow flow)
    {
        var header = Block.Row(flow.Width, [0.5, 0.5]);
        header.Cells[0].Add("Heading-of-the-table", Fonts.SmallBold, PdfFonts.Muted);
        header.Cells[1].Add("Second", Fonts.SmallBold, PdfFonts.Muted);
        return header;
    }

    /// <summary>A table row whose first cell has <paramref name="lines"/> lines: "{name}a", "{name}b", then fillers.</summary>
    private static Block Row(PdfFlow flow, string name, int lines)
    {
        var row = Block.Row(flow.Width, [0.5, 0.5]);
        row.Cells[0].Add(string.Join('\n', new[] { name + "a", name + "b" }.Concat(Enumerable.Repeat("more", lines - 2))), Fonts.Body, PdfFonts.Ink);
        row.Cells[1].Add("cell", Fonts.Body, PdfFonts.Ink);
        return row;
    }

    private static List<string> Numbered(string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => prefix + i.ToString("000", CultureInfo.InvariantCulture))];
}
