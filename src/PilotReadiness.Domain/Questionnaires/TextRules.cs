namespace PilotReadiness.Domain.Questionnaires;

/// <summary>What typed text may contain: printable characters, and line breaks where the field is multi-line.</summary>
public static class TextRules
{
    public const string InvalidCharactersMessage = "Remove control characters (such as NUL) and broken Unicode from the text.";

    public static bool IsClean(string? value, bool multiline)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            // U+FFFD is what a decoder puts where bytes were not valid UTF-8 (a form post with broken text): the text
            // that was meant is lost, so it is refused like a lone surrogate rather than saved mangled.
            if (char.IsSurrogate(c) || c == '\uFFFD' || (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                return false;
            }
        }

        return true;
    }
}
