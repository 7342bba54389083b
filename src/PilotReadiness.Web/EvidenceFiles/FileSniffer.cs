using System.IO.Compression;
using System.Xml;
using PilotReadiness.Domain.Assessments;

namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>
/// Tells what a file is from its content, never its name or the type the client claimed: the signature at its start
/// (PDF, PNG, JPEG, WebP), and for a ZIP the main part its <c>[Content_Types].xml</c> declares (Word, Excel, PowerPoint;
/// macro-enabled and template variants declare other types and are refused). Anything else is none of ours: null.
/// </summary>
public static class FileSniffer
{
    /// <summary>The most the content-types entry of a real Office document needs; a larger one is not read.</summary>
    private const long ContentTypesMaxBytes = 256 * 1024;

    private static readonly (string MainType, EvidenceFileType Type)[] OfficeMainParts =
    [
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", EvidenceFileType.Docx),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", EvidenceFileType.Xlsx),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", EvidenceFileType.Pptx),
    ];

    /// <summary>What <paramref name="content"/> (seekable) is, or null; leaves the position at the start.</summary>
    public static EvidenceFileType? Sniff(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        Span<byte> head = stackalloc byte[12];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        content.Position = 0;
        EvidenceFileType? type =
            head.StartsWith("%PDF-"u8) ? EvidenceFileType.Pdf
            : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? EvidenceFileType.Png
            : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? EvidenceFileType.Jpeg
            : head.Length == 12 && head.StartsWith("RIFF"u8) && head[8..].SequenceEqual("WEBP"u8) ? EvidenceFileType.WebP
            : head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) ? Office(content)
            : null;
        content.Position = 0;
        return type;
    }

    private static EvidenceFileType? Office(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry("[Content_Types].xml");
            if (entry is null || entry.Length > ContentTypesMaxBytes)
            {
                return null;
            }

            using var reader = XmlReader.Create(entry.Open(), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = ContentTypesMaxBytes,
            });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Override"
                    && OfficeMainParts.FirstOrDefault(p => p.MainType == reader.GetAttribute("ContentType")) is { MainType: not null } part)
                {
                    return part.Type;
                }
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            return null;
        }
    }
}
