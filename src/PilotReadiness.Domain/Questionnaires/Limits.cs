namespace PilotReadiness.Domain.Questionnaires;

/// <summary>Limits shared by the domain, the database mapping and the validators.</summary>
public static class Limits
{
    public const int TitleMaxLength = 200;
    public const int BusinessUnitMaxLength = 100;
    public const int SponsorMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int PersonMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int QuestionKeyMaxLength = 100;

    // A questionnaire version's own texts (what an admin edits).
    public const int QuestionTextMaxLength = 300;
    public const int GuidanceMaxLength = 1000;
    public const int SectionTitleMaxLength = 200;
    public const int OptionLabelMaxLength = 200;
    public const int OptionValueMaxLength = 50;
    public const int OptionPointsMax = 1000;
    public const int SectionWeightMax = 100;
    public const int QuestionsPerSectionMax = 40;
    public const int OptionsPerQuestionMax = 20;

    /// <summary>Longest stored form of any answer (a text answer, or a multi-select list).</summary>
    public const int StoredAnswerMaxLength = 4000;

    public const decimal MoneyMax = 1_000_000_000_000m;
    public const decimal NumberMax = 1_000_000_000m;
    public static readonly DateOnly DateMin = new(2000, 1, 1);
    public static readonly DateOnly DateMax = new(2100, 12, 31);
}
