using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Tests.Builders;

namespace PilotReadiness.Domain.Tests.Assessments;

public class EvidenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private const string Key = QuestionKeys.ProductionOwner;

    private static QuestionnaireCatalog Catalog => ShippedQuestionnaires.Catalog;

    private static PublishedVersion Current => Catalog.Current;

    private static Assessment Draft() =>
        new(new AssessmentDetails("Claims triage assistant", "Claims", "Dana Whitfield", ""), Current, "owner", Now);

    private static EvidenceFile File(string name = "letter.pdf") => new(Guid.NewGuid(), name, EvidenceFileType.Pdf, 1234);

    [Theory]
    [InlineData("https://wiki.example.com/runbook", true)]
    [InlineData("http://intranet/owner", true)]
    [InlineData("HTTPS://EXAMPLE.COM/A", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JAVASCRIPT:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("mailto:owner@example.com", false)]
    [InlineData("https://", false)]
    [InlineData("/relative/path", false)]
    [InlineData("https://example.com/\u0000", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CheckLink_AcceptsOnlyHttpAndHttpsAddresses(string? url, bool accepted) =>
        Assert.Equal(accepted, EvidenceRules.CheckLink(url) is null);

    [Theory]
    [InlineData("../../etc/passwd.pdf", EvidenceFileType.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\sam\\report.pdf", EvidenceFileType.Pdf, "report.pdf")]
    [InlineData("a\u0000b\r\nc.pdf", EvidenceFileType.Pdf, "abc.pdf")]
    [InlineData("what?*:|\".png", EvidenceFileType.Png, "what.png")]
    [InlineData("photo.JPG", EvidenceFileType.Jpeg, "photo.JPG")]
    [InlineData("photo.png", EvidenceFileType.Jpeg, "photo.png.jpeg")]
    [InlineData("setup.exe", EvidenceFileType.Pdf, "setup.exe.pdf")]
    [InlineData("...", EvidenceFileType.Docx, "evidence.docx")]
    [InlineData(null, EvidenceFileType.Xlsx, "evidence.xlsx")]
    [InlineData(".htaccess", EvidenceFileType.Pdf, "htaccess.pdf")]
    public void CleanFileName_KeepsTheLastPartWithoutPathOrControlCharacters_EndingInTheContentsExtension(string? sent, EvidenceFileType type, string kept) =>
        Assert.Equal(kept, EvidenceRules.CleanFileName(sent, type));

    [Fact]
    public void CleanFileName_KeepsLongNamesWithinTheLimit_WithTheirExtension()
    {
        var name = EvidenceRules.CleanFileName(new string('a', 500) + ".pdf", EvidenceFileType.Pdf);

        Assert.Equal(EvidenceRules.FileNameMaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(180, 180, false)]
    [InlineData(181, 180, true)]
    [InlineData(0, 180, false)]
    [InlineData(31, 30, true)]
    [InlineData(30, 30, false)]
    public void IsStale_OnlyPastTheConfiguredAge(int daysOld, int staleAfterDays, bool stale) =>
        Assert.Equal(stale, EvidenceRules.IsStale(Today.AddDays(-daysOld), Today, staleAfterDays));

    [Fact]
    public void AddAndRemove_AreChangesOfTheAssessment_InTheAuditTrail()
    {
        var assessment = Draft();
        var version = assessment.Version;
        assessment.TakeChanges();

        var file = assessment.AddFile(Catalog, Key, File("../x/letter.pdf"), Today.AddDays(-1), Now);
        var link = assessment.AddLink(Catalog, Key, " https://wiki.example.com/owner ", Today, Now);
        Assert.Equal(version + 2, assessment.Version);
        Assert.Equal("letter.pdf", file.FileName);
        Assert.Equal("https://wiki.example.com/owner", link.Url);

        Assert.Same(file, assessment.RemoveEvidence(file.Id, Now));
        Assert.Null(assessment.RemoveEvidence(file.Id, Now));
        Assert.Equal([ChangeKind.EvidenceAdded, ChangeKind.EvidenceAdded, ChangeKind.EvidenceRemoved], assessment.TakeChanges().Select(c => c.Kind));
        Assert.Equal([link], assessment.Evidence);
    }

    [Fact]
    public void CheckEvidence_NamesEveryProblem()
    {
        var errors = Draft().CheckEvidence(Catalog, "no.such-question", Today.AddDays(1), Today, "javascript:alert(1)", isFile: false);

        Assert.Equal(["questionKey", "date", "url"], errors.Select(e => e.Field));
    }

    [Fact]
    public void AQuestion_HoldsAtMostTheLimit()
    {
        var assessment = Draft();
        for (var i = 0; i < EvidenceRules.MaxPerQuestion; i++)
        {
            assessment.AddLink(Catalog, Key, $"https://example.com/{i}", Today, Now);
        }

        Assert.Equal("questionKey", Assert.Single(assessment.CheckEvidence(Catalog, Key, Today, Today, "https://example.com/x", isFile: false)).Field);
        Assert.Throws<FieldErrorsException>(() => assessment.AddLink(Catalog, Key, "https://example.com/x", Today, Now));
    }

    [Fact]
    public void Evidence_IsListedOldestFirst_AndTiesAlwaysInTheSameOrder()
    {
        var assessment = Draft();
        var later = assessment.AddLink(Catalog, Key, "https://example.com/later", Today, Now.AddMinutes(5));
        var same = Enumerable.Range(0, 6).Select(i => assessment.AddLink(Catalog, Key, $"https://example.com/{i}", Today, Now)).ToList();

        var listed = assessment.Evidence.ToList();

        Assert.Equal(later, listed[^1]);
        Assert.Equal([.. same.OrderBy(e => e.Id)], listed.Take(same.Count));
        Assert.Equal(listed, assessment.Evidence);
    }

    [Fact]
    public void SubmittedAndSupersededVersions_RefuseEvidenceChanges_AndReassessmentCarriesIt()
    {
        var assessment = Draft();
        assessment.SetAnswers(Catalog, AnswersBuilder.Ready(Current.Version).Build().ToDictionary(kv => kv.Key, kv => (Answer?)kv.Value, StringComparer.Ordinal), Now);
        var file = assessment.AddFile(Catalog, Key, File(), Today.AddDays(-10), Now);
        assessment.Submit(Catalog, Now);

        Assert.Equal(RefusalKind.WrongState, assessment.WhyNot(AssessmentAction.ChangeEvidence)!.Kind);
        Assert.Throws<RefusedException>(() => assessment.AddLink(Catalog, Key, "https://example.com", Today, Now));

        var next = assessment.Reassess(Catalog, Now.AddDays(1));

        Assert.Equal(RefusalKind.Superseded, assessment.WhyNot(AssessmentAction.ChangeEvidence)!.Kind);
        Assert.Throws<RefusedException>(() => assessment.RemoveEvidence(file.Id, Now));
        var carried = Assert.Single(next.Evidence);
        Assert.NotEqual(file.Id, carried.Id);
        Assert.Equal((file.FileId, file.FileName, file.Date, file.QuestionKey), (carried.FileId, carried.FileName, carried.Date, carried.QuestionKey));
        Assert.Single(assessment.Evidence);
        Assert.Null(next.WhyNot(AssessmentAction.ChangeEvidence));
    }
}
