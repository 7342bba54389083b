using System.Globalization;

namespace PilotReadiness.Domain.Assessments;

public enum EvidenceKind
{
    Link,
    File,
}

/// <summary>What a file of evidence is, as its content (never its name) says: the only kinds accepted.</summary>
public enum EvidenceFileType
{
    Pdf,
    Png,
    Jpeg,
    WebP,
    Docx,
    Xlsx,
    Pptx,
}

/// <summary>
/// Proof behind one answer of an assessment: a link, or a file kept by the application (<see cref="FileId"/> names its
/// stored content; versions of a pilot share it). <see cref="Date"/> is the day the proof speaks for, given by the sponsor;
/// past <see cref="EvidenceRules.StaleAfterDays"/> days it is stale.
/// </summary>
public sealed class Evidence
{
    internal Evidence(string questionKey, EvidenceKind kind, string? url, EvidenceFile? file, DateOnly date, DateTimeOffset addedAt)
    {
        Id = Guid.CreateVersion7(addedAt);
        QuestionKey = questionKey;
        Kind = kind;
        Url = url;
        FileId = file?.FileId;
        FileName = file?.Name;
        FileType = file?.Type;
        Size = file?.Size;
        Date = date;
        AddedAt = addedAt;
    }

    // For EF Core.
    private Evidence()
    {
        QuestionKey = "";
    }

    public Guid Id { get; private set; }

    public string QuestionKey { get; private set; }

    public EvidenceKind Kind { get; private set; }

    /// <summary>For a link: the http or https address.</summary>
    public string? Url { get; private set; }

    /// <summary>For a file: its stored content, shared by the versions of the pilot it was carried to.</summary>
    public Guid? FileId { get; private set; }

    /// <summary>For a file: its name, cleaned (<see cref="EvidenceRules.CleanFileName"/>).</summary>
    public string? FileName { get; private set; }

    public EvidenceFileType? FileType { get; private set; }

    /// <summary>For a file: its size in bytes.</summary>
    public long? Size { get; private set; }

    /// <summary>The day the proof speaks for.</summary>
    public DateOnly Date { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>Older than <paramref name="staleAfterDays"/> days on <paramref name="today"/>.</summary>
    public bool IsStale(DateOnly today, int staleAfterDays) => EvidenceRules.IsStale(Date, today, staleAfterDays);

    /// <summary>"quality-report.pdf (PDF, 1.2 MB), dated 2026-03-01" or "https://… , dated …", for the audit trail.</summary>
    public string Describe() =>
        (Kind == EvidenceKind.Link ? Url : $"{FileName} ({FileType?.Label()}, {EvidenceRules.SizeText(Size ?? 0)})") +
        $", dated {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The same evidence on the next version of the pilot: a new row, the same stored file.</summary>
    internal Evidence CarriedOver(DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        QuestionKey = QuestionKey,
        Kind = Kind,
        Url = Url,
        FileId = FileId,
        FileName = FileName,
        FileType = FileType,
        Size = Size,
        Date = Date,
        AddedAt = AddedAt,
    };
}

/// <summary>A file whose content the application has checked and stored under <paramref name="FileId"/>.</summary>
public sealed record EvidenceFile(Guid FileId, string Name, EvidenceFileType Type, long Size);
