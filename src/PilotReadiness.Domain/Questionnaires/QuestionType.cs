namespace PilotReadiness.Domain.Questionnaires;

/// <summary>How a question is answered. The API uses the kebab-case names.</summary>
public enum QuestionType
{
    Choice,
    YesNo,
    Number,
    Money,
    Date,
    Person,
    Text,
    MultiSelect,
}

public static class QuestionTypeNames
{
    public static string ToKey(this QuestionType type) => type switch
    {
        QuestionType.Choice => "choice",
        QuestionType.YesNo => "yes-no",
        QuestionType.Number => "number",
        QuestionType.Money => "money",
        QuestionType.Date => "date",
        QuestionType.Person => "person",
        QuestionType.Text => "text",
        QuestionType.MultiSelect => "multi-select",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown question type."),
    };

    /// <summary>The type whose key is <paramref name="key"/>, or null.</summary>
    public static QuestionType? FromKey(string? key) =>
        Enum.GetValues<QuestionType>().Cast<QuestionType?>().FirstOrDefault(t => t!.Value.ToKey() == key);

    public static bool HasOptions(this QuestionType type) =>
        type is QuestionType.Choice or QuestionType.YesNo or QuestionType.MultiSelect;
}
