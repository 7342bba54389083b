using System.Globalization;
using System.Text;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Assessments;

/// <summary>
/// The rules of evidence, in one place: what a link may be, what a file may be and how its name is cleaned, how much a
/// question may hold, and when evidence is stale. Pages, API and the database mapping read these.
/// </summary>
public static class EvidenceRules
{
    /// <summary>The largest file accepted: 10 MB.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public const int UrlMaxLength = 2000;
    public const int FileNameMaxLength = 200;

    /// <summary>How many pieces of evidence one question of an assessment may hold.</summary>
    public const int MaxPerQuestion = 10;

    /// <summary>The default age, in days, past which evidence is flagged stale (<c>Evidence:StaleAfterDays</c>).</summary>
    public const int DefaultStaleAfterDays = 180;

    public static readonly string TooLargeMessage = $"A file of evidence may be at most {SizeText(MaxFileBytes)}.";

    public const string WrongTypeMessage =
        "Attach a PDF, a PNG, JPEG or WebP image, or a Word, Excel or PowerPoint document (.docx, .xlsx, .pptx); " +
        "the file's content is checked, not its name.";

    public const string LinkMessage = "Enter a full web address starting with http:// or https://.";

    /// <summary>True when evidence dated <paramref name="date"/> is older than <paramref name="staleAfterDays"/> days on <paramref name="today"/>.</summary>
    public static bool IsStale(DateOnly date, DateOnly today, int staleAfterDays) => date.AddDays(staleAfterDays) < today;

    /// <summary>Null when <paramref name="url"/> is an absolute http or https address with a host; otherwise the message.</summary>
    public static string? CheckLink(string? url)
    {
        var value = url?.Trim() ?? "";
        if (value.Length == 0)
        {
            return LinkMessage;
        }

        if (value.Length > UrlMaxLength)
        {
            return $"Keep the address to {UrlMaxLength} characters.";
        }

        return !TextRules.IsClean(value, multiline: false) || value.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            ? LinkMessage
            : null;
    }

    /// <summary>
    /// The name a file is kept and served under: the last part of what the client sent (no folders), without control
    /// characters or characters that mean something in a path, at most <see cref="FileNameMaxLength"/> characters, and
    /// ending in the extension of the type its content has.
    /// </summary>
    public static string CleanFileName(string? name, EvidenceFileType type)
    {
        var raw = name ?? "";
        var last = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not (':' or '*' or '?' or '"' or '<' or '>' or '|' or '/' or '\\'))
            {
                clean.Append(c);
            }
        }

        // No leading dots (a hidden file) and no trailing dots or spaces (dropped by some file systems).
        var cleaned = clean.ToString().Trim().Trim('.').Trim();
        var dot = cleaned.LastIndexOf('.');
        var given = dot > 0 ? cleaned[dot..] : "";
        var keepsExtension = given.Equals(type.Extension(), StringComparison.OrdinalIgnoreCase)
            || (type == EvidenceFileType.Jpeg && given.Equals(".jpg", StringComparison.OrdinalIgnoreCase));
        var stem = (keepsExtension ? cleaned[..dot] : cleaned).TrimEnd('.', ' ');
        var extension = keepsExtension ? given : type.Extension();
        if (stem.Length == 0)
        {
            stem = "evidence";
        }

        var room = FileNameMaxLength - extension.Length;
        return (stem.Length > room ? stem[..room] : stem) + extension;
    }

    /// <summary>"PDF", "PNG image", "Word document", …</summary>
    public static string Label(this EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "PDF",
        EvidenceFileType.Png => "PNG image",
        EvidenceFileType.Jpeg => "JPEG image",
        EvidenceFileType.WebP => "WebP image",
        EvidenceFileType.Docx => "Word document",
        EvidenceFileType.Xlsx => "Excel workbook",
        EvidenceFileType.Pptx => "PowerPoint presentation",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown file type."),
    };

    public static string MediaType(this EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.WebP => "image/webp",
        EvidenceFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceFileType.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown file type."),
    };

    public static string Extension(this EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => ".pdf",
        EvidenceFileType.Png => ".png",
        EvidenceFileType.Jpeg => ".jpeg",
        EvidenceFileType.WebP => ".webp",
        EvidenceFileType.Docx => ".docx",
        EvidenceFileType.Xlsx => ".xlsx",
        EvidenceFileType.Pptx => ".pptx",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown file type."),
    };

    /// <summary>The stored key of a type ("pdf", "docx", …).</summary>
    public static string ToKey(this EvidenceFileType type) => type.Extension()[1..];

    public static EvidenceFileType? FileTypeFromKey(string? key) =>
        Enum.GetValues<EvidenceFileType>().Select(t => (EvidenceFileType?)t).FirstOrDefault(t => t!.Value.ToKey() == key);

    /// <summary>"820 KB", "1.2 MB".</summary>
    public static string SizeText(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (bytes + 1023) / 1024).ToString(CultureInfo.InvariantCulture)} KB"
        : $"{(bytes / (1024m * 1024m)).ToString("0.#", CultureInfo.InvariantCulture)} MB";
}
