using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Web.Questionnaires;

/// <summary>
/// A questionnaire version as stored: its definition (<see cref="QuestionnaireDefinition"/> as JSON) and whether it is
/// published. A published row never changes. At most one row is a draft: the version after the newest published one,
/// which admins edit (<see cref="Revision"/> guards two admins saving at once) and then publish.
/// </summary>
public sealed class StoredQuestionnaire
{
    public const int ByMaxLength = 256;

    public int Version { get; set; }

    /// <summary>The definition as JSON (see <see cref="QuestionnaireDefinition.ToJson"/>).</summary>
    public string Definition { get; set; } = "";

    /// <summary>Null while this is the draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>Goes up with every save of the draft; the concurrency token.</summary>
    public int Revision { get; set; }

    public bool IsDraft => PublishedAt is null;

    public QuestionnaireDefinition Read() => QuestionnaireDefinition.FromJson(Definition);
}
