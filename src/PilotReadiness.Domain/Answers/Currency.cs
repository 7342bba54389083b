using System.Globalization;

namespace PilotReadiness.Domain.Answers;

/// <summary>
/// The currency an organisation's amounts are in, by its ISO 4217 code (EUR, USD, GBP…). Amounts are stored as plain
/// numbers; the currency says how to read and show them.
/// </summary>
public sealed record Currency
{
    public const string CodeMessage = "Enter the currency's three-letter ISO 4217 code, such as EUR, USD or GBP.";

    /// <summary>The currency codes in use (ISO 4217, active codes for money, not funds or metals).</summary>
    private static readonly HashSet<string> Codes = new(
        """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
        CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
        HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
        MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
        RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
        USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Symbols that stand for one currency only; "$", "¥" and the like name several, so any currency takes them.</summary>
    private static readonly Dictionary<char, string> SymbolOf = new()
    {
        ['€'] = "EUR", ['£'] = "GBP", ['₹'] = "INR", ['₩'] = "KRW", ['₽'] = "RUB", ['₺'] = "TRY", ['₪'] = "ILS",
        ['₴'] = "UAH", ['₦'] = "NGN", ['₱'] = "PHP", ['₫'] = "VND", ['฿'] = "THB", ['₸'] = "KZT", ['₼'] = "AZN", ['₾'] = "GEL",
    };

    /// <summary>The currency until an admin chooses another (after the code list: static fields start in order).</summary>
    public static readonly Currency Default = new("EUR");

    public Currency(string code)
    {
        if (!IsCode(code))
        {
            throw new ArgumentException(CodeMessage, nameof(code));
        }

        Code = code;
    }

    public string Code { get; }

    /// <summary>True for an ISO 4217 code in use, in capitals ("EUR").</summary>
    public static bool IsCode(string? code) => code is { Length: 3 } && Codes.Contains(code);

    /// <summary>"EUR 60,000" or "EUR 1,234.5".</summary>
    public string Format(decimal amount) => Code + " " + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="mark"/>, a symbol or code typed with an amount, can stand for this currency: its own code, a
    /// symbol of its own, or a symbol several currencies share. "€" is refused for USD, "GBP" for EUR.
    /// </summary>
    public bool Accepts(string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (mark.Length == 3 && mark.All(char.IsAsciiLetter))
        {
            return string.Equals(mark, Code, StringComparison.OrdinalIgnoreCase);
        }

        return mark.Length == 1 && (!SymbolOf.TryGetValue(mark[0], out var only) || only == Code);
    }

    public override string ToString() => Code;
}
