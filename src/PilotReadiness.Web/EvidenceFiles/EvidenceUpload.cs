using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>Why an upload could not be read: the status to answer (400, 413, 415) and the field it concerns.</summary>
public sealed record UploadProblem(int Status, string Field, string Message);

/// <summary>
/// A <c>multipart/form-data</c> request carrying evidence, read as it arrives: small text fields, and at most one file
/// copied to a temporary file that deletes itself (never held in memory). A declared length beyond the limit is refused
/// before a byte is read, and a file that grows beyond it is refused as soon as it does (413), so the rest is never read.
/// Pages and API read uploads only through this.
/// </summary>
public sealed class EvidenceUpload : IAsyncDisposable
{
    /// <summary>Room for the text fields and the multipart framing around the largest file.</summary>
    public const long OverheadBytes = 64 * 1024;

    private const int FieldMaxBytes = 8 * 1024;
    private const int MaxSections = 16;

    private readonly Dictionary<string, StringValues> _fields = new(StringComparer.OrdinalIgnoreCase);

    private EvidenceUpload()
    {
    }

    /// <summary>The text fields, as a form (for antiforgery and model binding on a page).</summary>
    public IReadOnlyDictionary<string, StringValues> Fields => _fields;

    /// <summary>The file part's name as the client sent it (cleaned later, by the domain); null without a file.</summary>
    public string? FileName { get; private set; }

    /// <summary>The file's content, at its start; null without a file.</summary>
    public FileStream? File { get; private set; }

    public string? Field(string name) => _fields.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Reads the request: the upload, or the problem that stops it (nothing kept).</summary>
    public static async Task<(EvidenceUpload? Upload, UploadProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new UploadProblem(StatusCodes.Status415UnsupportedMediaType, "$",
                "Send the evidence as multipart/form-data: a file in the field \"file\", or a link in \"url\"."));
        }

        if (request.ContentLength > EvidenceRules.MaxFileBytes + OverheadBytes)
        {
            return (null, new UploadProblem(StatusCodes.Status413PayloadTooLarge, "file", EvidenceRules.TooLargeMessage));
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, new UploadProblem(StatusCodes.Status400BadRequest, "$", "The multipart body has no boundary."));
        }

        var upload = new EvidenceUpload();
        try
        {
            var problem = await upload.ReadSectionsAsync(new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 }, ct);
            if (problem is null)
            {
                return (upload, null);
            }

            await upload.DisposeAsync();
            return (null, problem);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            await upload.DisposeAsync();
            return (null, new UploadProblem(StatusCodes.Status400BadRequest, "$", "The multipart body could not be read: " + e.Message));
        }
    }

    private async Task<UploadProblem?> ReadSectionsAsync(MultipartReader reader, CancellationToken ct)
    {
        var sections = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (++sections > MaxSections || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return new UploadProblem(StatusCodes.Status400BadRequest, "$", "Send form fields only: questionKey, date, and a file or a url.");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                if (File is not null || name != "file")
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, "file", "Send one file, in the field \"file\".");
                }

                FileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (await SpoolAsync(section.Body, ct) is { } tooLarge)
                {
                    return tooLarge;
                }
            }
            else
            {
                var value = await ReadFieldAsync(section.Body, ct);
                if (value is null)
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, name, $"The field \"{name}\" is too long.");
                }

                _fields[name] = StringValues.Concat(_fields.GetValueOrDefault(name), value);
            }
        }

        return null;
    }

    /// <summary>Copies the file part to a temporary file, stopping (413) the moment it passes the limit.</summary>
    private async Task<UploadProblem?> SpoolAsync(Stream body, CancellationToken ct)
    {
        File = new FileStream(Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.upload"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (File.Length + read > EvidenceRules.MaxFileBytes)
            {
                return new UploadProblem(StatusCodes.Status413PayloadTooLarge, "file", EvidenceRules.TooLargeMessage);
            }

            await File.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        await File.FlushAsync(ct);
        File.Position = 0;
        if (File.Length > 0)
        {
            return null;
        }

        // A browser sends an empty file part without a name when no file was chosen: that is no file.
        await File.DisposeAsync();
        File = null;
        return string.IsNullOrEmpty(FileName) ? null : new UploadProblem(StatusCodes.Status400BadRequest, "file", "The file is empty: choose the file again.");
    }

    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > FieldMaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (File is not null)
        {
            await File.DisposeAsync();
        }
    }
}
