using PdfSharp.Fonts;

namespace PilotReadiness.Web.Reports;

/// <summary>
/// The fonts of the PDF report: DejaVu Sans and DejaVu Sans Bold, shipped inside this assembly (Reports/Fonts, with
/// their licence) so that every machine renders the same and names in any European script print. Every family name
/// PDFsharp asks for resolves to them.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly ReportFonts Instance = new();
    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool _registered;

    private ReportFonts()
    {
    }

    /// <summary>
    /// Makes PDFsharp use these fonts. PDFsharp allows one resolver per process, set before the first font is used:
    /// call this before any drawing; it does the work once, whichever thread comes first.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
            else if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                throw new InvalidOperationException(
                    "Another PDFsharp font resolver is already set in this process; the report needs its own fonts.");
            }

            Volatile.Write(ref _registered, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        var name = $"PilotReadiness.Web.Reports.Fonts.{face}.ttf";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the application.");
        using var memory = new MemoryStream((int)stream.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
