using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// The headline of an assessment's score, kept with it so a portfolio of thousands can be filtered, sorted and
/// counted without scoring each one again. Refreshed by the assessment on every change; the full
/// <see cref="ScoreResult"/> (findings, reasons) is always computed from the answers.
/// </summary>
public sealed record Readiness(
    int Overall,
    Verdict Verdict,
    int Commitment,
    int Involvement,
    int AfterDemo,
    int Integration,
    int Workflow,
    int Ownership,
    GateSet Gates,
    bool OwnerConfirmed)
{
    public static Readiness Of(ScoreResult score, ClaimState? ownerClaim)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new Readiness(
            score.Overall,
            score.Verdict,
            score.Section(SectionKeys.Commitment).Score,
            score.Section(SectionKeys.Involvement).Score,
            score.Section(SectionKeys.AfterDemo).Score,
            score.Section(SectionKeys.Integration).Score,
            score.Section(SectionKeys.Workflow).Score,
            score.Section(SectionKeys.Ownership).Score,
            GateSetNames.Of(score.Gates),
            ownerClaim == ClaimState.Confirmed);
    }

    /// <summary>Nobody has said what happens if the pilot works (the pilot-theatre gate).</summary>
    public bool PilotTheatre => (Gates & GateSet.PilotTheatre) != 0;

    /// <summary>The section scores in <see cref="SectionKeys.All"/> order.</summary>
    public IReadOnlyList<int> SectionScores => [Commitment, Involvement, AfterDemo, Integration, Workflow, Ownership];

    public int SectionScore(string sectionKey) => sectionKey switch
    {
        SectionKeys.Commitment => Commitment,
        SectionKeys.Involvement => Involvement,
        SectionKeys.AfterDemo => AfterDemo,
        SectionKeys.Integration => Integration,
        SectionKeys.Workflow => Workflow,
        SectionKeys.Ownership => Ownership,
        _ => throw new ArgumentOutOfRangeException(nameof(sectionKey), sectionKey, "Unknown section."),
    };
}
