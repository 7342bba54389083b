namespace PilotReadiness.Domain.Scoring;

/// <summary>Why a question earned what it earned: the rule, the points and a sentence.</summary>
public sealed record PointReason(string QuestionKey, string SectionKey, string Rule, int Earned, int Max, string Answer, string Reason);

public sealed record SectionScore(string Key, string Title, int Weight, int Score, int Earned, int MaxPoints, IReadOnlyList<PointReason> Reasons);

/// <summary>A gate that caps the verdict whatever the average says.</summary>
public sealed record GateResult(string Key, string SectionKey, Verdict Cap, string Message, string Action);

/// <summary>
/// Something that lowers readiness, with the action that fixes it. <see cref="Gain"/> is how many overall points the
/// action would add; gates come first because they cap the verdict whatever the points.
/// </summary>
public sealed record Finding(string SectionKey, Severity Severity, string Rule, string Message, string Action, decimal Gain, string? QuestionKey);

public sealed record ScoreResult(
    int Overall,
    Verdict Verdict,
    Verdict ScoreVerdict,
    bool PilotTheatre,
    IReadOnlyList<SectionScore> Sections,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<Finding> Findings,
    int QuestionnaireVersion,
    string ModelVersion)
{
    /// <summary>How many fixes lead "what to fix first": the ones that raise readiness most.</summary>
    public const int TopFixCount = 3;

    public SectionScore Section(string key) => Sections.Single(s => s.Key == key);

    private IReadOnlyList<Assessments.WaivedGate> _waived = [];

    /// <summary>
    /// Triggered gates an approved waiver stops from capping the verdict at the moment of scoring (applied by
    /// <see cref="Assessments.GateWaivers.Apply"/>); they stay in <see cref="Gates"/>. Empty as the scoring model gives it.
    /// A method, like the ones below, so the scoring model's result (and its fingerprint) is what it was.
    /// </summary>
    public IReadOnlyList<Assessments.WaivedGate> Waived() => _waived;

    /// <summary>This result with <paramref name="waived"/> holding and the <paramref name="verdict"/> they leave.</summary>
    internal ScoreResult WithWaivers(IReadOnlyList<Assessments.WaivedGate> waived, Verdict verdict) => this with { Verdict = verdict, _waived = waived };

    /// <summary>The waiver that holds <paramref name="gateKey"/>, if one does.</summary>
    public Assessments.WaivedGate? WaiverOf(string gateKey) => _waived.FirstOrDefault(w => w.GateKey == gateKey);

    /// <summary>The gates that cap <see cref="Verdict"/>: the triggered ones no waiver holds.</summary>
    public IReadOnlyList<GateResult> CappingGates() => [.. Gates.Where(g => WaiverOf(g.Key) is null)];

    /// <summary>
    /// The findings whose fixes raise readiness most, at most <see cref="TopFixCount"/>: <see cref="Findings"/> is in that
    /// order (gates first, the lowest cap first, then by the points each fix adds). Methods, not properties, so the
    /// result's data (and its recorded fingerprints) stay what the scoring model produced.
    /// </summary>
    public IReadOnlyList<Finding> TopFixes() => [.. Findings.Take(TopFixCount)];

    /// <summary>The findings after <see cref="TopFixes"/>, in the same order.</summary>
    public IReadOnlyList<Finding> OtherFixes() => [.. Findings.Skip(TopFixCount)];
}
