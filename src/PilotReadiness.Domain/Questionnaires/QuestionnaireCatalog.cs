namespace PilotReadiness.Domain.Questionnaires;

/// <summary>Every published questionnaire version. Old versions stay so old assessments read as they were.</summary>
public static class QuestionnaireCatalog
{
    private static readonly Questionnaire[] Published = [QuestionnaireV1.Build(), QuestionnaireV2.Build()];

    public static Questionnaire Current => Published[^1];

    /// <summary>Every published version, oldest first.</summary>
    public static IReadOnlyList<Questionnaire> All => Published;

    public static Questionnaire? Find(int version) => Published.FirstOrDefault(q => q.Version == version);

    public static Questionnaire Get(int version) =>
        Find(version) ?? throw new ArgumentException($"There is no questionnaire version {version}.", nameof(version));
}
