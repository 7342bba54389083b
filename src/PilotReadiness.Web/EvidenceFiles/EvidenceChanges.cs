using System.Globalization;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>
/// The outcome of adding evidence: what was added, or why not: field errors (with the status, 400 or 415), or a refusal
/// of the door (a lost race).
/// </summary>
public sealed record EvidenceOutcome(Evidence? Added, IReadOnlyList<FieldError> Errors, int Status = StatusCodes.Status400BadRequest, AccessRefusal? Refusal = null);

/// <summary>
/// Adds and removes the evidence of an assessment the door (<see cref="AssessmentAccess"/>) let through, for pages and
/// API alike: the shape of the input here, the rules in the domain, a file's content checked by <see cref="FileSniffer"/>;
/// the file's bytes and the change saved in one transaction, so a refused or lost save leaves nothing behind.
/// </summary>
public sealed class EvidenceChanges(AppDbContext db, AssessmentAccess access, EvidenceStore store, IQuestionnaireCatalog catalog, TimeProvider time)
{
    /// <summary>Adds the upload's link or file to <paramref name="questionKey"/>'s evidence and saves.</summary>
    public async Task<EvidenceOutcome> AddAsync(Assessment assessment, string? questionKey, EvidenceUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(upload);
        var now = time.GetUtcNow();
        var today = now.Day();
        var url = upload.Field("url") is { Length: > 0 } u ? u : null;
        var dateText = upload.Field("date");
        DateOnly? date = string.IsNullOrWhiteSpace(dateText) ? today
            : DateOnly.TryParseExact(dateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        if ((upload.File is null) == (url is null))
        {
            return new EvidenceOutcome(null, [new FieldError(upload.File is null ? "file" : "url", "Attach one file or give one link, not both.")]);
        }

        var errors = assessment.CheckEvidence(catalog, questionKey, date, today, url, isFile: upload.File is not null);
        if (date is null && dateText is not null)
        {
            errors = [.. errors.Where(e => e.Field != "date"), new FieldError("date", "Give the date as YYYY-MM-DD, a day from 2000 up to today.")];
        }

        if (errors.Count > 0)
        {
            return new EvidenceOutcome(null, errors);
        }

        EvidenceFileType? type = null;
        if (upload.File is { } file && (type = FileSniffer.Sniff(file)) is null)
        {
            return new EvidenceOutcome(null, [new FieldError("file", EvidenceRules.WrongTypeMessage)], StatusCodes.Status415UnsupportedMediaType);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Evidence added;
        if (upload.File is { } content)
        {
            var fileId = Guid.CreateVersion7(now);
            await store.WriteAsync(fileId, content, ct);
            added = assessment.AddFile(catalog, questionKey!, new EvidenceFile(fileId, upload.FileName ?? "", type!.Value, content.Length), date!.Value, now);
        }
        else
        {
            added = assessment.AddLink(catalog, questionKey!, url!, date!.Value, now);
        }

        if (await access.SaveAsync(ct) is { } conflict)
        {
            return new EvidenceOutcome(null, [], Refusal: conflict);
        }

        await transaction.CommitAsync(ct);
        return new EvidenceOutcome(added, []);
    }

    /// <summary>Removes one piece of evidence: null when saved, a refusal when the save lost a race; false when there is no such evidence.</summary>
    public async Task<(bool Found, AccessRefusal? Refusal)> RemoveAsync(Assessment assessment, Guid evidenceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var removed = assessment.RemoveEvidence(evidenceId, time.GetUtcNow());
        if (removed is null)
        {
            return (false, null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await access.SaveAsync(ct) is { } conflict)
        {
            return (true, conflict);
        }

        if (removed.FileId is { } fileId)
        {
            await store.DeleteIfUnusedAsync(fileId, ct);
        }

        await transaction.CommitAsync(ct);
        return (true, null);
    }
}
