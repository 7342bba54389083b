using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>Files to upload as evidence, real and fake, and the upload itself over the API.</summary>
public static class EvidenceSamples
{
    /// <summary>A question every questionnaire version asks.</summary>
    public const string QuestionKey = "after-demo.production-owner";

    public static byte[] Pdf(int padding = 0) =>
        Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + new string('%', padding) + "\n%%EOF\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    /// <summary>A Windows program: what an ".exe renamed .pdf" carries.</summary>
    public static byte[] Exe() => [.. "MZ"u8.ToArray(), 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

    /// <summary>An Office Open XML package whose main part has <paramref name="mainContentType"/> (a Word document unless told).</summary>
    public static byte[] Office(string mainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        string partName = "/word/document.xml", bool withContentTypes = true)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (withContentTypes)
            {
                using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
                writer.Write($"""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                      <Default Extension="xml" ContentType="application/xml"/>
                      <Override PartName="{partName}" ContentType="{mainContentType}"/>
                    </Types>
                    """);
            }

            using var part = new StreamWriter(zip.CreateEntry(partName.TrimStart('/')).Open());
            part.Write("<document/>");
        }

        return buffer.ToArray();
    }

    /// <summary>A multipart body with the given fields and, when <paramref name="file"/> is given, the file under "file".</summary>
    public static MultipartFormDataContent Form(byte[]? file = null, string fileName = "evidence.pdf", string? contentType = "application/pdf",
        string? questionKey = QuestionKey, string? url = null, string? date = null)
    {
        var form = new MultipartFormDataContent();
        if (questionKey is not null)
        {
            form.Add(new StringContent(questionKey), "questionKey");
        }

        if (url is not null)
        {
            form.Add(new StringContent(url), "url");
        }

        if (date is not null)
        {
            form.Add(new StringContent(date), "date");
        }

        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            if (contentType is not null)
            {
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            form.Add(content, "file", fileName);
        }

        return form;
    }

    public static async Task<HttpResponseMessage> PostEvidenceAsync(this HttpClient client, Guid id, HttpContent content, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{id}/evidence") { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<Guid> AddFileAsync(this HttpClient client, Guid id, byte[]? file = null, string fileName = "quality-report.pdf", string? date = null)
    {
        using var response = await client.PostEvidenceAsync(id, Form(file ?? Pdf(), fileName, date: date));
        return (await response.ReadJsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
