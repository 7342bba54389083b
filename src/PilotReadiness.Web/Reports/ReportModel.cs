using PilotReadiness.Domain.Answers;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// Everything the go/no-go report shows, already in words: the PDF, the Word document and the print page render this
/// and nothing else, so the three always say the same. Built by <see cref="ReportBuilder"/>.
/// </summary>
public sealed record ReportModel(
    string Title,
    string BusinessUnit,
    string Sponsor,
    string Description,
    string Status,
    int Revision,
    DateTimeOffset GeneratedAt,
    int Overall,
    Verdict Verdict,
    Verdict ScoreVerdict,
    bool PilotTheatre,
    IReadOnlyList<ReportSectionScore> Sections,
    IReadOnlyList<ReportGate> Gates,
    IReadOnlyList<ReportFinding> Findings,
    IReadOnlyList<ReportConfirmation> Confirmations,
    IReadOnlyList<ReportDecision> Decisions,
    IReadOnlyList<ReportAnswer> Appendix,
    int QuestionnaireVersion,
    string ModelVersion,
    ReportAsk Ask,
    ReportAfterLaunch? AfterLaunch = null)
{
    /// <summary>How many findings page 1 lists as the fixes that raise readiness most.</summary>
    public const int TopFindingCount = ScoreResult.TopFixCount;

    public string VerdictLabel => Verdict.ToLabel();

    /// <summary>What the recommendation means, in one sentence.</summary>
    public string VerdictMeaning => ReportText.VerdictMeaning(Verdict);

    public string ScoreVerdictLabel => ScoreVerdict.ToLabel();

    /// <summary>True when the gates hold the recommendation below what the score alone would give.</summary>
    public bool CappedByGates => Verdict != ScoreVerdict;

    /// <summary>"The score alone would say Go with conditions; the gates triggered (…) hold it at Not ready."</summary>
    public string CappedText =>
        $"The score alone would say {ScoreVerdictLabel}; the gates triggered ({string.Join(", ", Gates.Select(g => g.Name))}) hold it at {VerdictLabel}.";

    /// <summary>"Questionnaire 1 · scoring model 1".</summary>
    public string VersionsText => ReportText.Versions(QuestionnaireVersion, ModelVersion);

    /// <summary>The findings that would raise readiness most (the first of <see cref="Findings"/>), for page 1.</summary>
    public IReadOnlyList<ReportFinding> TopFindings => [.. Findings.Take(TopFindingCount)];

    /// <summary>"The three fixes that raise readiness most", or fewer when there are fewer findings.</summary>
    public string TopFindingsHeading => TopFindings.Count switch
    {
        0 => "The fixes that raise readiness most",
        1 => "The fix that raises readiness most",
        2 => "The two fixes that raise readiness most",
        _ => "The three fixes that raise readiness most",
    };

    /// <summary>"All 19 findings are listed under What to fix first." (empty when page 1 lists them all).</summary>
    public string TopFindingsNote => Findings.Count > TopFindings.Count
        ? $"All {ReportText.Count(Findings.Count, "finding", "findings")} are listed under What to fix first."
        : "";

    /// <summary>Leadership's latest decision, or null when none is recorded.</summary>
    public ReportDecision? LatestDecision => Decisions.Count > 0 ? Decisions[0] : null;

    /// <summary>"27 November 2026, 13:25 UTC".</summary>
    public string GeneratedText => ReportText.DateTime(GeneratedAt);

    /// <summary>How many pieces of evidence behind the answers are older than the configured age.</summary>
    public int StaleEvidenceCount => Appendix.Sum(a => a.EvidenceItems.Count(e => e.Stale));

    /// <summary>"2 pieces of evidence are older than 180 days: check they still hold." (empty when none is).</summary>
    public string StaleEvidenceText => StaleEvidenceCount == 0 ? ""
        : $"{(StaleEvidenceCount == 1 ? "1 piece of evidence is" : $"{StaleEvidenceCount} pieces of evidence are")} older than " +
          $"{Appendix.SelectMany(a => a.EvidenceItems).First(e => e.Stale).StaleAfterDays} days: check {(StaleEvidenceCount == 1 ? "it still holds" : "they still hold")}.";
}

public sealed record ReportSectionScore(string Title, int Score, int Weight);

/// <summary>A gate that caps the recommendation: its name (e.g. "Pilot theatre"), the cap, why, and what clears it.</summary>
/// <param name="Waived">Set when a waiver holds the gate on the report's day: who waived it and until when; it does not cap the verdict.</param>
public sealed record ReportGate(string Name, string Section, string Cap, string Message, string Action, string? Waived = null);

public sealed record ReportFinding(Severity Severity, string Section, string Message, string Action, decimal Gain)
{
    public ReportTone Tone => ReportStyle.Tone(Severity);

    /// <summary>"Critical", "Major" or "Minor".</summary>
    public string SeverityLabel => Severity switch
    {
        Severity.Critical => "Critical",
        Severity.Major => "Major",
        _ => "Minor",
    };

    /// <summary>"+4.5 points", or empty when the fix adds no points (a confirmation, a gate without a question).</summary>
    public string GainText => Gain > 0 ? "+" + ReportText.Points(Gain) + " points" : "";
}

/// <summary>A person named for a role and where their confirmation stands.</summary>
public sealed record ReportConfirmation(
    string Role,
    string Question,
    string Person,
    ClaimState State,
    DateTimeOffset? RespondedAt,
    string? Comment)
{
    public string StateLabel => State switch
    {
        ClaimState.Pending => "Pending",
        ClaimState.Confirmed => "Confirmed",
        ClaimState.Declined => "Declined",
        ClaimState.Expired => "Expired",
        _ => "Not requested",
    };

    public ReportTone Tone => ReportStyle.Tone(State);

    public string RespondedText => RespondedAt is { } at ? ReportText.Date(at) : "";
}

/// <summary>A decision leadership recorded on the assessment, next to (never instead of) the computed recommendation.</summary>
public sealed record ReportDecision(
    string Outcome,
    string Rationale,
    string? KillCriteria,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    bool Superseded,
    IReadOnlyList<ReportCondition> Conditions,
    IReadOnlyList<string>? AcceptedGates = null)
{
    public string DecidedText => ReportText.Date(DecidedAt);

    /// <summary>"Go with conditions (superseded)" for a decision a later one replaced.</summary>
    public string Heading => Outcome + (Superseded ? " (superseded)" : "");

    /// <summary>"Decided by Amara Okafor on 26 November 2026".</summary>
    public string DecidedByText => $"Decided by {DecidedBy} on {DecidedText}";

    /// <summary>"3 conditions: 1 open, 1 met, 1 lapsed", or "No conditions attached."</summary>
    public string ConditionsSummary => Conditions.Count == 0
        ? "No conditions attached."
        : ReportText.Count(Conditions.Count, "condition", "conditions") + ": " + string.Join(", ", Enum.GetValues<ConditionState>()
            .Select(state => (Label: state.ToLabel().ToLowerInvariant(), Count: Conditions.Count(c => c.State == state)))
            .Where(s => s.Count > 0)
            .Select(s => $"{s.Count} {s.Label}"));

    /// <summary>For a decision above the recommendation: each gate it goes ahead despite, as "Gate: reason".</summary>
    public IReadOnlyList<string> GatesAccepted => AcceptedGates ?? [];
}

/// <summary>A condition attached to a decision, with where it stands on the day of the report.</summary>
public sealed record ReportCondition(string Description, string Owner, DateOnly DueDate, ConditionState State)
{
    public string DueText => ReportText.Date(DueDate);

    public string StateLabel => State.ToLabel();

    public ReportTone Tone => ReportStyle.Tone(State);
}

/// <summary>
/// What the pilot asks of the meeting, as the sponsor answered: the production budget and its status, the prototype's
/// cost, and the target rollout date. <see cref="ProductionMultiple"/> is the scoring model's "production needs this
/// multiple of the prototype". Amounts are in the organisation's <see cref="Currency"/>.
/// </summary>
public sealed record ReportAsk(
    decimal? ProductionBudget,
    string BudgetStatus,
    decimal? PrototypeCost,
    decimal ProductionMultiple,
    DateOnly? RolloutDate,
    Currency Currency)
{
    public string ProductionBudgetText => ProductionBudget is { } amount ? Currency.Format(amount) : ReportText.NotGiven;

    public string PrototypeCostText => PrototypeCost is { } amount ? Currency.Format(amount) : ReportText.NotGiven;

    /// <summary>
    /// The production budget as a multiple of the prototype cost, to one decimal and rounded down as the scoring model's
    /// under-budget gate writes it (so the two never disagree); null without both amounts or with a prototype cost of 0.
    /// </summary>
    public decimal? Ratio => ProductionBudget is { } production && PrototypeCost is { } prototype && prototype > 0
        ? Math.Round(production / prototype, 1, MidpointRounding.ToZero)
        : null;

    /// <summary>"1.5×", or why there is no ratio.</summary>
    public string RatioText => Ratio is { } ratio ? ReportText.Multiple(ratio) + "×"
        : ProductionBudget is null || PrototypeCost is null ? "Needs both amounts"
        : "No prototype cost to compare";

    /// <summary>"Production usually needs 3× the prototype or more."</summary>
    public string RatioNote => $"Production usually needs {ReportText.Multiple(ProductionMultiple)}× the prototype or more.";

    public string RolloutText => RolloutDate is { } date ? ReportText.Date(date) : ReportText.NotGiven;
}

/// <summary>
/// One question of the questionnaire with its answer as a person reads it ("Not answered" when empty), and the evidence
/// behind it.
/// </summary>
public sealed record ReportAnswer(string Section, string Question, string Answer, bool Answered, IReadOnlyList<ReportEvidence>? Evidence = null)
{
    public IReadOnlyList<ReportEvidence> EvidenceItems => Evidence ?? [];

    /// <summary>Every piece of evidence on its own line, for a format that writes a note under the answer.</summary>
    public string? EvidenceNote => EvidenceItems.Count == 0 ? null : string.Join("\n", EvidenceItems.Select(e => e.Line));
}

/// <summary>A link or file behind an answer: what it is, its date, and whether it is older than the configured age.</summary>
public sealed record ReportEvidence(string What, DateOnly Date, bool Stale, int StaleAfterDays)
{
    public string DateText => ReportText.Date(Date);

    /// <summary>"Stale: older than 180 days", or empty.</summary>
    public string StaleText => Stale ? $"Stale: older than {StaleAfterDays} days" : "";

    /// <summary>"Evidence: quality-report.pdf (PDF, 1.2 MB), dated 3 March 2026 · Stale: older than 180 days".</summary>
    public string Line => $"Evidence: {What}, dated {DateText}" + (Stale ? " · " + StaleText : "");
}

/// <summary>
/// The pilot after launch, as of the report's generation: its state in words (health or monitoring ended), the plan's
/// facts, and the alarms that hold with their evidence and actions. Null in the model when it has not gone live.
/// </summary>
public sealed record ReportAfterLaunch(string State, string Meaning, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<ReportAlarm> Alarms, string ModelVersion);

public sealed record ReportAlarm(string Title, string Severity, string Evidence, string Action, string Since);
