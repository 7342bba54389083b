using System.Diagnostics;
using UglyToad.PdfPig;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>A PDF read back with PdfPig: each page's words, its size, and the text of the whole document.</summary>
internal sealed class PdfText
{
    private static readonly string[] Pdftoppm = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"];

    private PdfText(IReadOnlyList<PdfPageText> pages) => Pages = pages;

    public IReadOnlyList<PdfPageText> Pages { get; }

    /// <summary>Every page's words, joined by single spaces.</summary>
    public string All => string.Join(" ", Pages.Select(p => p.Text));

    public IReadOnlySet<string> Words => Pages.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    public static PdfText Read(byte[] pdf)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "Not a PDF.");
        using var document = PdfDocument.Open(pdf);
        return new PdfText([.. document.GetPages().Select(page =>
        {
            var words = page.GetWords().Select(w =>
            {
                var letter = w.Letters[0];
                var (r, g, b) = letter.Color.ToRGBValues();
                return new PdfWord(w.Text, letter.PointSize, ((int)Math.Round(r * 255) << 16) | ((int)Math.Round(g * 255) << 8) | (int)Math.Round(b * 255));
            }).ToList();
            return new PdfPageText(page.Number, page.Width, page.Height, words, string.Join(" ", words.Select(w => w.Text)));
        })]);
    }

    /// <summary>
    /// Renders page 1 to <c>artifacts/screenshots/{name}.png</c> with pdftoppm, when it is installed (tests/run.sh installs
    /// poppler-utils), for people to look at. Returns the path, or null without pdftoppm.
    /// </summary>
    public static string? RenderFirstPage(byte[] pdf, string name)
    {
        var pdftoppm = Pdftoppm.FirstOrDefault(File.Exists);
        if (pdftoppm is null)
        {
            return null;
        }

        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var pdfPath = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(pdfPath, pdf);
        try
        {
            var start = new ProcessStartInfo(pdftoppm) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(folder, name)])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "pdftoppm did not finish within a minute.");
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {error}");
            return Path.Combine(folder, name + ".png");
        }
        finally
        {
            File.Delete(pdfPath);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PilotReadiness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PilotReadiness.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record PdfPageText(int Number, double Width, double Height, IReadOnlyList<PdfWord> WordInfos, string Text)
{
    public IReadOnlyList<string> Words => [.. WordInfos.Select(w => w.Text)];

    /// <summary>The words printed at <paramref name="minimumSize"/> points or more, in reading order.</summary>
    public string LargeText(double minimumSize) => string.Join(" ", WordInfos.Where(w => w.Size >= minimumSize).Select(w => w.Text));

    /// <summary>True when every word of <paramref name="phrase"/> is on the page (wherever table columns put them).</summary>
    public bool HasWords(string phrase) => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(Words.Contains);
}

/// <summary>A word with the size and colour (0xRRGGBB) of its first letter.</summary>
internal sealed record PdfWord(string Text, double Size, int Color);
