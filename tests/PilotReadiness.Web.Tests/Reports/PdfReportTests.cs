using PilotReadiness.Domain.Questionnaires;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PilotReadiness.Domain.Scoring;
using PilotReadiness.Web.Reports;

namespace PilotReadiness.Web.Tests.Reports;

/// <summary>The PDF read back with PdfPig: what it says, on which page, on which paper.</summary>
public sealed partial class PdfReportTests
{
    [Fact]
    public void Pdf_FirstPage_AnswersAtAGlance()
    {
        var model = ReportSamples.Model();
        var page = PdfText.Read(PdfReport.Render(model)).Pages[0];
        var first = page.Text;

        Assert.Equal(Verdict.NotReady, model.Verdict);
        Assert.Contains(ReportSamples.Title, first, StringComparison.Ordinal);
        Assert.Contains("Claims & Customer Care", first, StringComparison.Ordinal);
        Assert.Contains(ReportSamples.Sponsor, first, StringComparison.Ordinal);
        Assert.Contains("27 November 2026, 13:25 UTC", first, StringComparison.Ordinal);

        // The verdict and the score are the largest print on the page; the verdict is in its colour, and in words.
        Assert.Contains("RECOMMENDATION", first, StringComparison.Ordinal);
        var large = page.LargeText(22);
        Assert.Contains("Not ready", large, StringComparison.Ordinal);
        Assert.Contains(model.Overall.ToString(CultureInfo.InvariantCulture), large, StringComparison.Ordinal);
        Assert.Equal(0x9a3b00, page.WordInfos.First(w => w.Size >= 22 && w.Text == "Not").Color);
        Assert.Contains("/ 100", first, StringComparison.Ordinal);
        Assert.True(model.CappedByGates);
        Assert.Contains(model.VerdictMeaning, first, StringComparison.Ordinal);

        Assert.Contains("Section scores", first, StringComparison.Ordinal);
        foreach (var section in model.Sections)
        {
            Assert.True(page.HasWords(section.Title), section.Title);
            Assert.True(page.HasWords($"{section.Score} weight {section.Weight}%"), section.Title);
        }

        Assert.DoesNotContain("About this pilot", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_PageOne_NamesTheVersionsInWords()
    {
        var first = PdfText.Read(PdfReport.Render(ReportSamples.Model())).Pages[0];

        Assert.Contains("Status Assessment version Scored with Draft 1 Questionnaire 2 · scoring model 2", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Version 1 and version 1", first.Text, StringComparison.Ordinal);
    }

    /// <summary>Page 1 alone serves the meeting, on either paper, with or without pilot theatre and a decision.</summary>
    [Theory]
    [InlineData(ReportPaper.A4, false, false)]
    [InlineData(ReportPaper.A4, true, true)]
    [InlineData(ReportPaper.Letter, false, true)]
    [InlineData(ReportPaper.Letter, true, false)]
    public void Pdf_PageOne_StatesTheAsk_TheTopThreeFixes_AndTheDecision(ReportPaper paper, bool theatre, bool decided)
    {
        var answers = ReportSamples.WeakAnswers();
        if (theatre)
        {
            answers.Remove("commitment.what-then");
        }

        var model = ReportSamples.Model(ReportSamples.Assessment(answers), decided ? ReportSamples.Decisions() : null);
        var first = PdfText.Read(PdfReport.Render(model, paper)).Pages[0];

        Assert.Contains("The ask Production budget Prototype cost Budget to prototype cost Rollout date", first.Text, StringComparison.Ordinal);
        Assert.True(first.HasWords("EUR 60,000 Requested, not yet approved EUR 40,000 1.5× Production usually needs 3× the prototype or more."), first.Text);
        Assert.True(first.HasWords("1 April 2027"), first.Text);
        Assert.Contains("The three fixes that raise readiness most", first.Text, StringComparison.Ordinal);
        foreach (var (finding, number) in model.Findings.Take(3).Select((f, i) => (f, i + 1)))
        {
            Assert.Contains($"{number}. {finding.SeverityLabel.ToUpperInvariant()} · {finding.Section}", first.Text, StringComparison.Ordinal);
            Assert.Contains(Squash(finding.Action), first.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("4. ", first.Text, StringComparison.Ordinal);
        Assert.Contains($"All {model.Findings.Count} findings are listed under What to fix first.", first.Text, StringComparison.Ordinal);
        Assert.Contains(decided
            ? "Leadership's decision Go with conditions Decided by Amara Okafor (Chief Operating Officer) on 26 November 2026 · 3 conditions: 1 open, 1 met, 1 lapsed"
            : "Leadership's decision " + ReportText.NoDecision, first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_Gates_UseTheGatesOwnNames_WithTheirSection()
    {
        var pdf = PdfText.Read(PdfReport.Render(ReportSamples.Model()));
        var summary = pdf.All[..pdf.All.IndexOf("About this pilot", StringComparison.Ordinal)];

        Assert.Contains("The score alone would say Go with conditions; the gates triggered (Integration not budgeted, Daily users not involved, " +
            "Production under-budgeted) hold it at Not ready.", pdf.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("Gates triggered", summary, StringComparison.Ordinal);
        Assert.Contains("Integration not budgeted Integration budgeted? · caps at Not ready", summary, StringComparison.Ordinal);
        Assert.Contains("Daily users not involved Daily users involved from the start? · caps at Not ready", summary, StringComparison.Ordinal);
        Assert.Contains("Production under-budgeted Integration budgeted? · caps at Go with conditions", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("INTEGRATION NOT BUDGETED", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_WithoutAnAnswerToWhatThen_NamesPilotTheatreOnPageOne()
    {
        var answers = ReportSamples.WeakAnswers();
        answers.Remove(QuestionKeys.Adoption);
        var model = ReportSamples.Model(ReportSamples.Assessment(answers));
        Assert.True(model.PilotTheatre);

        var page = PdfText.Read(PdfReport.Render(model)).Pages[0];

        Assert.Contains("No-go", page.LargeText(22), StringComparison.Ordinal);
        Assert.Contains("Pilot theatre Nobody has written down what happens if this pilot works", page.Text, StringComparison.Ordinal);
        Assert.Contains("Pilot theatre Committed to roll out if it works? · caps at No-go", PdfText.Read(PdfReport.Render(model)).All, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_ContainsEveryFindingWithItsAction_TheNamedPeopleAndEveryAnswer()
    {
        var model = ReportSamples.Model();
        var pdf = PdfText.Read(PdfReport.Render(model));
        var text = pdf.All;

        Assert.InRange(model.Findings.Count, 15, 25);
        foreach (var finding in model.Findings)
        {
            Assert.Contains(Squash(finding.Message), text, StringComparison.Ordinal);
            Assert.Contains(Squash("Action: " + finding.Action), text, StringComparison.Ordinal);
        }

        Assert.Contains("José Ñúñez Confirmed", text, StringComparison.Ordinal);
        Assert.Contains(pdf.Pages, p => p.HasWords("“Glad to, from April; Zoë Łukasiewicz keeps the budget.”"));
        Assert.Contains("Marek Nowak Declined", text, StringComparison.Ordinal);
        Assert.Contains("Daniel Abara Pending", text, StringComparison.Ordinal);
        Assert.Contains("Ingrid Olsen Expired", text, StringComparison.Ordinal);
        Assert.Contains("Appendix: every question and answer", text, StringComparison.Ordinal);
        Assert.Equal(ShippedQuestionnaires.Catalog.Current.Questionnaire.Questions.Count(), model.Appendix.Count);
        foreach (var answer in model.Appendix)
        {
            Assert.Contains(pdf.Pages, p => p.HasWords(answer.Question) && p.HasWords(answer.Answer));
        }
    }

    [Fact]
    public void Pdf_UnicodeNames_PrintAsTyped()
    {
        var pdf = PdfText.Read(PdfReport.Render(ReportSamples.Model()));

        Assert.Contains("Zoë Łukasiewicz", pdf.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("José Ñúñez", pdf.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains("José Ñúñez", pdf.Pages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_EveryPage_HasThePilotsNameAndItsPageNumber()
    {
        var pdf = PdfText.Read(PdfReport.Render(ReportSamples.Model()));

        Assert.InRange(pdf.Pages.Count, 3, 12);
        foreach (var page in pdf.Pages)
        {
            Assert.StartsWith(ReportSamples.Title, page.Text, StringComparison.Ordinal);
            Assert.Contains($"Page {page.Number} of {pdf.Pages.Count}", page.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ReportPaper.A4, 595, 842)]
    [InlineData(ReportPaper.Letter, 612, 792)]
    public void Pdf_Paper_SetsThePageSizeOfEveryPage(ReportPaper paper, double width, double height)
    {
        var pdf = PdfText.Read(PdfReport.Render(ReportSamples.Model(), paper));

        Assert.All(pdf.Pages, page =>
        {
            Assert.Equal(width, page.Width, 0.5);
            Assert.Equal(height, page.Height, 0.5);
        });
    }

    [Fact]
    public void Pdf_VeryLongTexts_LoseNoWordAcrossPageBreaks()
    {
        // 3,000 to 4,300 characters each: the description, two answers (each taller than a page in the appendix) and a rationale.
        var description = Numbered("about", 330);
        var answers = ReportSamples.WeakAnswers();
        answers["commitment.what-then"] = [Numbered("whatthen", 330)];
        answers["ownership.failure-handling"] = [Numbered("failure", 330)];
        var model = ReportSamples.Model(ReportSamples.Assessment(answers, description: description));
        var withDecisions = model with { Decisions = [.. ReportSamples.Decisions(), LongDecision()] };

        var pdf = PdfText.Read(PdfReport.Render(withDecisions));
        var words = pdf.Pages.SelectMany(p => p.Words).ToList();

        foreach (var prefix in new[] { "about", "whatthen", "failure", "rationale" })
        {
            var found = words.Where(w => w.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var expected = Enumerable.Range(1, 330).Select(i => Word(prefix, i)).ToList();
            Assert.Equal(expected, found.Where(expected.Contains).Distinct().Order(StringComparer.Ordinal));
        }

        // Every page still carries its header and footer, and the words of one page never overlap the footer.
        Assert.All(pdf.Pages, page => Assert.Contains($"Page {page.Number} of {pdf.Pages.Count}", page.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Pdf_WithoutDecisions_SaysNoDecisionRecordedYet()
    {
        var text = PdfText.Read(PdfReport.Render(ReportSamples.Model())).All;

        Assert.Contains("Decision record", text, StringComparison.Ordinal);
        Assert.Contains(ReportText.NoDecision, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_WithDecisions_ListsThemWithTheirConditionsAndStates()
    {
        var model = ReportSamples.Model(decisions: ReportSamples.Decisions());
        var pdf = PdfText.Read(PdfReport.Render(model));
        var text = pdf.All;

        Assert.DoesNotContain(ReportText.NoDecision, text, StringComparison.Ordinal);
        Assert.Contains("Go with conditions Decided by Amara Okafor (Chief Operating Officer) on 26 November 2026", text, StringComparison.Ordinal);
        Assert.Contains("Rationale: The claims team is committed and the owner has confirmed;", text, StringComparison.Ordinal);
        Assert.Contains("Kill criteria: Stop if fewer than half the handlers use it weekly", text, StringComparison.Ordinal);
        Assert.Contains(pdf.Pages, p => p.HasWords("Condition Owner Due State Run the pilot on a month of real, unfiltered claims"));
        Assert.Contains("José Ñúñez 20 December 2026 Met", text, StringComparison.Ordinal);
        Assert.Contains("Ingrid Olsen 15 January 2027 Open", text, StringComparison.Ordinal);
        Assert.Contains("Marek Nowak 1 November 2026 Lapsed", text, StringComparison.Ordinal);
        Assert.Contains("No-go (superseded) Decided by Amara Okafor (Chief Operating Officer) on 18 October 2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_EveryVerdict_PrintsItsNameAndWhatItMeans()
    {
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            var model = ReportSamples.Model() with { Verdict = verdict };
            var page = PdfText.Read(PdfReport.Render(model)).Pages[0];
            Assert.Contains(verdict.ToLabel(), page.LargeText(22), StringComparison.Ordinal);
            Assert.Contains(ReportText.VerdictMeaning(verdict), page.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Whatever the length of the description before them, the headings of the detail pages are never left at the foot of a
    /// page without the start of what follows them.
    /// </summary>
    [Fact]
    public void Pdf_Headings_AreNeverStrandedAtTheFootOfAPage()
    {
        var decisions = ReportSamples.Decisions();
        (string Heading, string Follows)[] pairs =
        [
            ("What to fix first", "1. CRITICAL"),
            ("Named people", "Role Person State Response"),
            ("Decision record", "Go with conditions Decided by"),
            ("Appendix: every question and answer", "Question Answer"),
        ];

        for (var words = 0; words <= 400; words += 16)
        {
            var description = string.Join(' ', Enumerable.Repeat("context", words));
            var model = ReportSamples.Model(ReportSamples.Assessment(description: description), decisions);
            var pages = PdfText.Read(PdfReport.Render(model)).Pages;
            foreach (var (heading, follows) in pairs)
            {
                // The last mention is the heading ("What to fix first" is also named on page 1).
                var page = pages.Last(p => p.Text.Contains(heading, StringComparison.Ordinal));
                var after = page.Text[page.Text.LastIndexOf(heading, StringComparison.Ordinal)..];
                Assert.True(after.Contains(follows, StringComparison.Ordinal),
                    $"With {words} words of description, \"{heading}\" on page {page.Number} is not followed by \"{follows}\" on that page.");
            }
        }
    }

    [Fact]
    public void Pdf_LongUnbrokenWordInTheDescription_WrapsWithoutLosingACharacter()
    {
        var word = string.Concat(Enumerable.Range(0, 175).Select(i => "unbroken" + (i % 100).ToString("00", CultureInfo.InvariantCulture)));
        Assert.Equal(1_750, word.Length);
        var model = ReportSamples.Model(ReportSamples.Assessment(description: word));

        var pdf = PdfText.Read(PdfReport.Render(model));

        var pieces = pdf.Pages.SelectMany(p => p.Words).Where(w => w.Length > 8 && word.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(pieces.Count > 5, "The word was not wrapped.");
        Assert.Equal(word, string.Concat(pieces));
    }

    [Fact]
    public void Pdf_PageOne_RendersToAPicture()
    {
        var bytes = PdfReport.Render(ReportSamples.Model(decisions: ReportSamples.Decisions()));
        var path = PdfText.RenderFirstPage(bytes, "report-page1");
        if (path is not null)
        {
            Assert.True(new FileInfo(path).Length > 10_000, $"{path} is suspiciously small.");
        }
    }

    [Fact]
    public void Pdf_RendersInParallel_FromManyThreads()
    {
        var model = ReportSamples.Model();
        var sizes = new int[8];
        Parallel.For(0, sizes.Length, i => sizes[i] = PdfText.Read(PdfReport.Render(model)).Pages.Count);
        Assert.All(sizes, count => Assert.Equal(sizes[0], count));
    }

    private static ReportDecision LongDecision() =>
        new("Go", Numbered("rationale", 330), null, "Amara Okafor", ReportSamples.Now, Superseded: true, []);

    private static string Numbered(string prefix, int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append(Word(prefix, i)).Append(i % 40 == 0 ? "\n" : " ");
        }

        return text.ToString().Trim();
    }

    private static string Word(string prefix, int i) => prefix + i.ToString("000", CultureInfo.InvariantCulture);

    private static string Squash(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
