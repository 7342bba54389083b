namespace PilotReadiness.Web.Exports;

/// <summary>
/// Keeps text that a spreadsheet would read as a formula from being run as one: a cell starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c> (or a tab or carriage return, which some programs skip first) gets a leading
/// apostrophe, so it shows as the text that was typed.
/// </summary>
public static class CellText
{
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }
}
