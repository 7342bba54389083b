using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// Breaks text into lines that fit a width, measured with the report's fonts. PDFsharp draws a string as the sum of
/// its glyphs' advance widths (no kerning), so the width of each character is measured once per face and cached for
/// the life of the process: wrapping a report costs additions, not a measurement per word.
/// </summary>
public static class TextLayout
{
    /// <summary>Characters are measured at this size and scaled: widths are proportional to the font size.</summary>
    private const double ReferenceSize = 100;

    private static readonly ConcurrentDictionary<(bool Bold, int CodePoint), double> Widths = new();
    private static readonly Lock MeasureGate = new();
    private static XGraphics? _measure;
    private static XFont? _regular;
    private static XFont? _bold;

    /// <summary>The width of <paramref name="text"/> in points, drawn in <paramref name="font"/>.</summary>
    public static double Width(string text, XFont font)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        var bold = font.Bold;
        double units = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            units += Widths.TryGetValue((bold, codePoint), out var width) ? width : MeasureOne(bold, codePoint);
        }

        return units * font.Size / ReferenceSize;
    }

    /// <summary>
    /// The lines of <paramref name="text"/> at most <paramref name="maxWidth"/> wide: breaks at spaces, keeps the text's
    /// own line breaks, and splits a word wider than a whole line where it must. No character is dropped except the
    /// spaces a line break replaces.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, XFont font, double maxWidth)
    {
        ArgumentNullException.ThrowIfNull(font);
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return lines;
        }

        var space = Width(" ", font);
        var current = new StringBuilder();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            current.Clear();
            double width = 0;
            foreach (var word in paragraph.Replace('\t', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var wordWidth = Width(word, font);
                if (current.Length > 0 && width + space + wordWidth <= maxWidth)
                {
                    current.Append(' ').Append(word);
                    width += space + wordWidth;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    width = 0;
                }

                if (wordWidth <= maxWidth)
                {
                    current.Append(word);
                    width = wordWidth;
                    continue;
                }

                // A word longer than a line (a long URL, a string of digits): break it between characters.
                foreach (var piece in SplitWord(word, font, maxWidth))
                {
                    if (current.Length > 0)
                    {
                        lines.Add(current.ToString());
                        current.Clear();
                    }

                    current.Append(piece);
                    width = Width(piece, font);
                }
            }

            lines.Add(current.ToString());
        }

        // Blank lines inside the text are kept (they separate paragraphs); those at its end are not.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>The text cut to fit <paramref name="maxWidth"/> with an ellipsis, for single-line places such as the page header.</summary>
    public static string Fit(string text, XFont font, double maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Width(text, font) <= maxWidth)
        {
            return text;
        }

        var end = text.Length;
        while (end > 0 && Width(text[..end].TrimEnd() + "…", font) > maxWidth)
        {
            end--;
        }

        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }

    private static IEnumerable<string> SplitWord(string word, XFont font, double maxWidth)
    {
        var start = 0;
        while (start < word.Length)
        {
            var end = start + 1;
            while (end < word.Length && Width(word[start..(end + 1)], font) <= maxWidth)
            {
                end++;
            }

            if (end < word.Length && char.IsLowSurrogate(word[end]) && end - start > 1)
            {
                end--;
            }

            yield return word[start..end];
            start = end;
        }
    }

    private static double MeasureOne(bool bold, int codePoint)
    {
        lock (MeasureGate)
        {
            if (Widths.TryGetValue((bold, codePoint), out var known))
            {
                return known;
            }

            ReportFonts.EnsureRegistered();
            _measure ??= XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
            var font = bold
                ? _bold ??= new XFont(ReportFonts.Family, ReferenceSize, XFontStyleEx.Bold, PdfFonts.Options)
                : _regular ??= new XFont(ReportFonts.Family, ReferenceSize, XFontStyleEx.Regular, PdfFonts.Options);
            var text = codePoint is >= 0xD800 and <= 0xDFFF ? "?" : char.ConvertFromUtf32(codePoint);
            var width = _measure.MeasureString(text, font).Width;
            Widths[(bold, codePoint)] = width;
            return width;
        }
    }
}
