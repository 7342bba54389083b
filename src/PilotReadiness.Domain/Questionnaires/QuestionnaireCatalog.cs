using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Domain.Questionnaires;

/// <summary>
/// A published version: the questionnaire and the scoring model made for it, published together and never changed.
/// </summary>
public sealed record PublishedVersion
{
    public PublishedVersion(Questionnaire questionnaire, ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(model);
        if (model.QuestionnaireVersion != questionnaire.Version)
        {
            throw new ArgumentException(
                $"Scoring model {model.Version} scores questionnaire version {model.QuestionnaireVersion}, not {questionnaire.Version}.", nameof(model));
        }

        Questionnaire = questionnaire;
        Model = model;
    }

    public Questionnaire Questionnaire { get; }

    public ScoringModel Model { get; }

    public int Version => Questionnaire.Version;
}

/// <summary>
/// The published questionnaire versions, each with its scoring model. The domain is handed one (scoring, re-assessment,
/// readiness); it never reaches for a catalog of its own. The app's is backed by stored definitions
/// (docs/decisions/0015-questionnaire-versions-as-data.md); versions 1 and 2 are shipped as the first.
/// </summary>
public interface IQuestionnaireCatalog
{
    /// <summary>The newest published version: what new assessments start on.</summary>
    PublishedVersion Current { get; }

    /// <summary>A published version, or null when there is none of that number.</summary>
    PublishedVersion? Find(int version);
}

public static class QuestionnaireCatalogExtensions
{
    public static PublishedVersion Get(this IQuestionnaireCatalog catalog, int version)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Find(version) ?? throw new ArgumentException($"There is no published questionnaire version {version}.", nameof(version));
    }
}

/// <summary>A catalog of versions held in memory: the shipped ones, or a set built for a test or a preview.</summary>
public sealed class QuestionnaireCatalog : IQuestionnaireCatalog
{
    private readonly SortedDictionary<int, PublishedVersion> _versions = [];

    public QuestionnaireCatalog(IEnumerable<PublishedVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        foreach (var version in versions)
        {
            if (!_versions.TryAdd(version.Version, version))
            {
                throw new ArgumentException($"Questionnaire version {version.Version} is given twice.", nameof(versions));
            }
        }

        if (_versions.Count == 0)
        {
            throw new ArgumentException("A catalog holds at least one version.", nameof(versions));
        }
    }

    public PublishedVersion Current => _versions.Values.Last();

    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<PublishedVersion> All => [.. _versions.Values];

    public PublishedVersion? Find(int version) => _versions.GetValueOrDefault(version);

    /// <summary>
    /// This catalog with one more version (a draft about to be published, for a preview), in its place by number: the
    /// current one when it is the newest.
    /// </summary>
    public QuestionnaireCatalog With(PublishedVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new QuestionnaireCatalog(_versions.Values.Where(v => v.Version != version.Version).Append(version));
    }
}

/// <summary>
/// The versions shipped with the app, written in C# (<see cref="QuestionnaireV1"/>, <see cref="QuestionnaireV2"/>): the
/// app stores their definitions as the first versions, and tests score with them. Domain code never reads this.
/// </summary>
public static class ShippedQuestionnaires
{
    public static PublishedVersion V1 { get; } = new(QuestionnaireV1.Build(), ScoringModel.V1);

    public static PublishedVersion V2 { get; } = new(QuestionnaireV2.Build(), ScoringModel.V2);

    public static QuestionnaireCatalog Catalog { get; } = new([V1, V2]);
}
