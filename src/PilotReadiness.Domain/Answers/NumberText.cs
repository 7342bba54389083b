using System.Globalization;
using System.Text.RegularExpressions;

namespace PilotReadiness.Domain.Answers;

/// <summary>A number read from text: the value, or why it could not be read (null when it simply is not a number).</summary>
public readonly record struct NumberReading(decimal? Value, string? Error)
{
    public static NumberReading NotANumber => default;
}

/// <summary>
/// Reads numbers as people type or paste them: <c>60000</c>, <c>60,000</c>, <c>60 000</c>, <c>60.000,50</c>,
/// <c>1,234.5</c>, and for amounts a currency symbol or code before or after (<c>€60,000</c>, <c>60 000 EUR</c>).
/// Thousands separators must group by three. The one reading that is truly ambiguous, a single point followed by three
/// digits (<c>60.000</c>: sixty thousand in much of Europe, sixty in English), is refused with a message that says both
/// readings; a single comma followed by three digits reads as thousands (<c>60,000</c>), as the app's English does.
/// </summary>
public static partial class NumberText
{
    public static NumberReading Read(string raw, bool amount, Currency? currency)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        if (amount)
        {
            var marked = Marked().Match(text);
            if (marked.Success)
            {
                var before = marked.Groups["before"];
                var after = marked.Groups["after"];
                if (before.Success && after.Success)
                {
                    return NumberReading.NotANumber;
                }

                var mark = before.Success ? before.Value : after.Success ? after.Value : null;
                if (mark is not null && currency is not null && !currency.Accepts(mark))
                {
                    return new NumberReading(null,
                        $"Amounts here are in {currency.Code}; \"{mark}\" is another currency. Enter the amount in {currency.Code}.");
                }

                text = marked.Groups["number"].Value.Trim();
            }
        }

        var negative = text.StartsWith('-') || text.StartsWith('\u2212');
        var body = Spaces().Replace(negative ? text[1..] : text, " ");
        return Unsigned(body, raw.Trim()) is { Value: { } value } reading
            ? new NumberReading(negative ? -value : value, null)
            : Unsigned(body, raw.Trim());
    }

    private static NumberReading Unsigned(string body, string shown)
    {
        if (Digits().IsMatch(body))
        {
            return Number(body);
        }

        var single = OneSeparator().Match(body);
        if (single.Success)
        {
            var whole = single.Groups["whole"].Value;
            var part = single.Groups["part"].Value;
            var separator = single.Groups["sep"].Value;
            var couldGroup = part.Length == 3 && whole.Length <= 3 && whole[0] != '0';
            if (!couldGroup)
            {
                return Number(whole + "." + part);
            }

            if (separator == ",")
            {
                return Number(whole + part);
            }

            var thousands = decimal.Parse(whole + part, CultureInfo.InvariantCulture);
            var small = decimal.Parse(whole + "." + part, CultureInfo.InvariantCulture);
            return new NumberReading(null,
                $"\"{shown}\" could mean {thousands.ToString("#,0", CultureInfo.InvariantCulture)} or {small.ToString("0.###", CultureInfo.InvariantCulture)}: " +
                $"write {thousands.ToString("0", CultureInfo.InvariantCulture)} for the first, {small.ToString("0.###", CultureInfo.InvariantCulture)} for the second.");
        }

        var grouped = Grouped().Match(body);
        if (grouped.Success && grouped.Groups["dec"].Value != grouped.Groups["sep"].Value)
        {
            var integer = body[..(grouped.Groups["dec"].Success ? grouped.Groups["dec"].Index : body.Length)];
            var digits = string.Concat(integer.Where(char.IsAsciiDigit));
            return Number(grouped.Groups["dec"].Success ? digits + "." + grouped.Groups["part"].Value : digits);
        }

        return NumberReading.NotANumber;
    }

    private static NumberReading Number(string plain) =>
        decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? new NumberReading(value, null)
            : NumberReading.NotANumber;

    /// <summary>An amount with a currency symbol or three-letter code before or after it.</summary>
    [GeneratedRegex(@"^(?:(?<before>\p{Sc}|[A-Za-z]{3})\s*)?(?<number>[-\u2212]?\d[\d\s\u00A0\u202F\u2009'’.,]*)(?:\s*(?<after>\p{Sc}|[A-Za-z]{3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Marked();

    /// <summary>Spaces of every width and apostrophes, as thousands separators.</summary>
    [GeneratedRegex(@"[\s\u00A0\u202F\u2009'’]", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?<whole>\d+)(?<sep>[.,])(?<part>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OneSeparator();

    /// <summary>Groups of three after a first group of one to three digits, one separator throughout, then perhaps decimals.</summary>
    [GeneratedRegex(@"^[1-9]\d{0,2}(?:(?<sep>[ ,.])\d{3})(?:\k<sep>\d{3})*(?:(?<dec>[.,])(?<part>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grouped();
}
