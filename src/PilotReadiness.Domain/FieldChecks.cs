using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain;

/// <summary>
/// Collects the <see cref="FieldError"/>s of one input, with the wording every form of the app uses for missing,
/// too long, unreadable and out-of-range values. Used by the <c>Check</c> functions of the after-launch model.
/// </summary>
internal sealed class FieldChecks
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool Has(string field) => _errors.Exists(e => e.Field == field);

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <summary>One line of plain text; <paramref name="missing"/> null means it may be left empty.</summary>
    public void Line(string? value, string field, string? missing, string what, int maxLength) =>
        Text(value, field, missing, what, maxLength, multiline: false);

    /// <summary>Text of several lines; <paramref name="missing"/> null means it may be left empty.</summary>
    public void Paragraph(string? value, string field, string? missing, string what, int maxLength) =>
        Text(value, field, missing, what, maxLength, multiline: true);

    /// <summary>An email address; <paramref name="missing"/> null means it may be left empty.</summary>
    public void Email(string? value, string field, string? missing)
    {
        var address = value?.Trim() ?? "";
        if (address.Length == 0)
        {
            if (missing is not null)
            {
                Add(field, missing);
            }
        }
        else if (address.Length > EmailRules.MaxLength || !EmailRules.LooksLikeAddress(address))
        {
            Add(field, "Enter an email address, such as name@example.com.");
        }
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="missing"/> null means it may be left empty.</summary>
    public void Number(int? value, string field, string? missing, int min, int max, string what)
    {
        if (value is not { } number)
        {
            if (missing is not null)
            {
                Add(field, missing);
            }
        }
        else if (number < min || number > max)
        {
            Add(field, $"Give {what} as a whole number from {min:N0} to {max:N0}.");
        }
    }

    private void Text(string? value, string field, string? missing, string what, int maxLength, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (missing is not null)
            {
                Add(field, missing);
            }
        }
        else if (!TextRules.IsClean(value, multiline))
        {
            Add(field, multiline ? TextRules.InvalidCharactersMessage : $"Keep {what} to one line of plain text.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"Keep {what} to {maxLength:N0} characters or fewer.");
        }
    }
}

/// <summary>What the app accepts as an email address: one line, with an @ between something and something.</summary>
public static class EmailRules
{
    public const int MaxLength = 256;

    public static bool LooksLikeAddress(string? value)
    {
        var address = value?.Trim() ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return address.Length is > 2 and <= MaxLength && at > 0 && at < address.Length - 1
            && TextRules.IsClean(address, multiline: false) && !address.Any(char.IsWhiteSpace);
    }
}
