namespace PilotReadiness.Domain.Assessments;

/// <summary>A question required to proceed that lacks an answer that counts, and why (not answered, or the answer does not count).</summary>
public sealed record OpenBlocker(string QuestionKey, string SectionKey, string Question, string Reason);
