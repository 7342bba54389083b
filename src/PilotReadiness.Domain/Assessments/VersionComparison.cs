using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Assessments;

/// <summary>One version of a pilot's assessment as it was scored: its questionnaire, its answers and the result.</summary>
public sealed record ScoredVersion(Questionnaire Questionnaire, AnswerSet Answers, ScoreResult Score)
{
    public static ScoredVersion Of(Assessment assessment, IQuestionnaireCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var questionnaire = assessment.VersionIn(catalog).Questionnaire;
        return new ScoredVersion(questionnaire, assessment.ReadAnswers(questionnaire), assessment.Score(catalog, now));
    }
}

public enum AnswerChangeKind
{
    Added,
    Removed,
    Changed,
}

public static class AnswerChangeKindNames
{
    public static string ToKey(this AnswerChangeKind kind) => kind switch
    {
        AnswerChangeKind.Added => "added",
        AnswerChangeKind.Removed => "removed",
        AnswerChangeKind.Changed => "changed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of change."),
    };
}

/// <summary>An answer that differs between two versions, each side described as a person reads it.</summary>
public sealed record AnswerDifference(string QuestionKey, string SectionKey, string Question, AnswerChangeKind Kind, string Before, string After);

/// <summary>A section's score in the older and the newer version.</summary>
public sealed record SectionDelta(string Key, string Title, int Before, int After)
{
    public int Delta => After - Before;
}

/// <summary>
/// What changed between two versions of a pilot's assessment: the answers, the section and overall scores, the verdict,
/// and the gates. A gate <em>opened</em> is triggered in the newer version and not in the older one (it now caps the
/// verdict); a gate <em>closed</em> was triggered in the older one and is cleared in the newer. The two versions may use
/// different questionnaire versions: questions are matched by key, and each side is described with its own question.
/// </summary>
public sealed record VersionComparison(
    IReadOnlyList<AnswerDifference> Answers,
    IReadOnlyList<SectionDelta> Sections,
    int OverallBefore,
    int OverallAfter,
    Verdict VerdictBefore,
    Verdict VerdictAfter,
    IReadOnlyList<GateResult> GatesOpened,
    IReadOnlyList<GateResult> GatesClosed)
{
    public int OverallDelta => OverallAfter - OverallBefore;

    public bool HasChanges =>
        Answers.Count > 0 || OverallDelta != 0 || VerdictBefore != VerdictAfter || GatesOpened.Count > 0 || GatesClosed.Count > 0
        || Sections.Any(s => s.Delta != 0);

    /// <summary>Compares <paramref name="older"/> (before) with <paramref name="newer"/> (after).</summary>
    public static VersionComparison Compare(ScoredVersion older, ScoredVersion newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);

        var sections = SectionKeys.All.Select(key =>
        {
            var after = newer.Score.Section(key);
            return new SectionDelta(key, after.Title, older.Score.Section(key).Score, after.Score);
        }).ToList();

        var olderGates = older.Score.Gates.ToDictionary(GateIdentity, StringComparer.Ordinal);
        var newerGates = newer.Score.Gates.ToDictionary(GateIdentity, StringComparer.Ordinal);

        return new VersionComparison(
            AnswerDifferences(older, newer),
            sections,
            older.Score.Overall,
            newer.Score.Overall,
            older.Score.Verdict,
            newer.Score.Verdict,
            [.. newer.Score.Gates.Where(g => !olderGates.ContainsKey(GateIdentity(g)))],
            [.. older.Score.Gates.Where(g => !newerGates.ContainsKey(GateIdentity(g)))]);
    }

    /// <summary>
    /// The same gate in two versions: the same key, except that an unanswered essential question is one gate per question
    /// (its message names the question).
    /// </summary>
    private static string GateIdentity(GateResult gate) =>
        gate.Key == GateSet.BlockerUnanswered.ToKey() ? gate.Key + "|" + gate.Message : gate.Key;

    private static List<AnswerDifference> AnswerDifferences(ScoredVersion older, ScoredVersion newer)
    {
        // Questions in the newer questionnaire's order, then any the newer one no longer asks, in the older one's order.
        var questions = newer.Questionnaire.Questions.Select(q => q.Key)
            .Concat(older.Questionnaire.Questions.Select(q => q.Key))
            .Distinct(StringComparer.Ordinal);
        var differences = new List<AnswerDifference>();
        foreach (var key in questions)
        {
            var before = older.Answers.GetValueOrDefault(key);
            var after = newer.Answers.GetValueOrDefault(key);
            if (before is null && after is null)
            {
                continue;
            }

            if (before is not null && after is not null && (before == after || before.Encode() == after.Encode()))
            {
                continue;
            }

            var oldQuestion = older.Questionnaire.FindQuestion(key);
            var newQuestion = newer.Questionnaire.FindQuestion(key);
            var question = newQuestion ?? oldQuestion!;
            var kind = before is null ? AnswerChangeKind.Added : after is null ? AnswerChangeKind.Removed : AnswerChangeKind.Changed;
            differences.Add(new AnswerDifference(key, question.SectionKey, question.Text, kind,
                Describe(oldQuestion, before), Describe(newQuestion, after)));
        }

        return differences;
    }

    private static string Describe(Question? question, Answer? answer) =>
        question?.Describe(answer) ?? (answer is null ? "Not answered" : answer.Encode());
}

/// <summary>One version's scores, for a trend across versions.</summary>
public sealed record TrendPoint(int Revision, int Overall, Verdict Verdict, IReadOnlyList<int> SectionScores)
{
    /// <summary>The score of a section (by key) in this version.</summary>
    public int Section(string sectionKey)
    {
        var index = SectionKeys.All.ToList().IndexOf(sectionKey);
        return index < 0
            ? throw new ArgumentOutOfRangeException(nameof(sectionKey), sectionKey, "Unknown section.")
            : SectionScores[index];
    }
}

/// <summary>The overall and each section's score per version of a pilot, oldest version first.</summary>
public sealed record ScoreTrend(IReadOnlyList<TrendPoint> Points)
{
    public static ScoreTrend Of(IEnumerable<(int Revision, Readiness Readiness)> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var points = versions
            .OrderBy(v => v.Revision)
            .Select(v => new TrendPoint(v.Revision, v.Readiness.Overall, v.Readiness.Verdict, v.Readiness.SectionScores))
            .ToList();
        if (points.Select(p => p.Revision).Distinct().Count() != points.Count)
        {
            throw new ArgumentException("Each version of a pilot appears once in its trend.", nameof(versions));
        }

        return new ScoreTrend(points);
    }

    /// <summary>The overall score per version, in version order.</summary>
    public IReadOnlyList<int> Overall => [.. Points.Select(p => p.Overall)];

    /// <summary>One section's score per version, in version order.</summary>
    public IReadOnlyList<int> Section(string sectionKey) => [.. Points.Select(p => p.Section(sectionKey))];

    /// <summary>From the first version to the last; 0 with fewer than two versions.</summary>
    public int OverallChange => Points.Count < 2 ? 0 : Points[^1].Overall - Points[0].Overall;
}
