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
    string ModelVersion)
{
    public string VerdictLabel => Verdict.ToLabel();

    public string ScoreVerdictLabel => ScoreVerdict.ToLabel();

    /// <summary>True when the gates hold the recommendation below what the score alone would give.</summary>
    public bool CappedByGates => Verdict != ScoreVerdict;

    /// <summary>"27 November 2026, 13:25 UTC".</summary>
    public string GeneratedText => ReportText.DateTime(GeneratedAt);
}

public sealed record ReportSectionScore(string Title, int Score, int Weight);

/// <summary>A gate that caps the recommendation: its name (e.g. "Pilot theatre"), the cap, why, and what clears it.</summary>
public sealed record ReportGate(string Name, string Section, string Cap, string Message, string Action);

public sealed record ReportFinding(Severity Severity, string Section, string Message, string Action, decimal Gain)
{
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
    ReportConfirmationState State,
    DateTimeOffset? RespondedAt,
    string? Comment)
{
    public string StateLabel => State switch
    {
        ReportConfirmationState.Pending => "Pending",
        ReportConfirmationState.Confirmed => "Confirmed",
        ReportConfirmationState.Declined => "Declined",
        ReportConfirmationState.Expired => "Expired",
        _ => "Not requested",
    };

    public string RespondedText => RespondedAt is { } at ? ReportText.Date(at) : "";
}

public enum ReportConfirmationState
{
    NotRequested,
    Pending,
    Confirmed,
    Declined,
    Expired,
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

    /// <summary>For a decision above the recommendation: each gate it goes ahead despite, as "Gate: reason".</summary>
    public IReadOnlyList<string> GatesAccepted => AcceptedGates ?? [];
}

/// <summary>A condition attached to a decision. <see cref="State"/> is "Open", "Met" or "Lapsed".</summary>
public sealed record ReportCondition(string Description, string Owner, DateOnly DueDate, string State)
{
    public string DueText => ReportText.Date(DueDate);
}

/// <summary>One question of the questionnaire with its answer as a person reads it ("Not answered" when empty).</summary>
public sealed record ReportAnswer(string Section, string Question, string Answer, bool Answered);
