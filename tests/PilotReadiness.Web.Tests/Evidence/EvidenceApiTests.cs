using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Infrastructure.EvidenceSamples;

namespace PilotReadiness.Web.Tests.Evidence;

/// <summary>Evidence over the API on PostgreSQL: files checked by content, links, limits, access, the door's refusals, re-assessment.</summary>
public sealed class EvidenceApiTests(PostgresAppFactory app) : PostgresTest(app)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task File_IsKeptByItsContent_ListedAndDownloadedAsAnAttachment()
    {
        var created = await Client.CreateAssessmentAsync();
        var pdf = Pdf(padding: 5000);

        // The type the client claims is ignored: the content says PDF.
        using var added = await Client.PostEvidenceAsync(created.Id,
            Form(pdf, "Q3 quality report.pdf", "application/octet-stream", date: Day(Today.AddDays(-3))), created.ETag);
        var body = await added.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("file", body.GetProperty("kind").GetString());
        Assert.Equal("application/pdf", body.GetProperty("mediaType").GetString());
        Assert.Equal("Q3 quality report.pdf", body.GetProperty("fileName").GetString());
        Assert.Equal(pdf.Length, body.GetProperty("size").GetInt64());
        Assert.False(body.GetProperty("stale").GetBoolean());
        Assert.NotEqual(created.ETag, ApiClientExtensions.ETagOf(added));

        var list = await ListAsync(Client, created.Id);
        var file = Assert.Single(list).GetProperty("file").GetString()!;
        using var download = await Client.GetAsync(new Uri(file, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Q3 quality report.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf.Length, download.Content.Headers.ContentLength);

        var history = await HistoryKindsAsync(created.Id);
        Assert.Contains("evidence-added", history);
    }

    public static TheoryData<string, byte[], string, string?> WrongTypes => new()
    {
        { "a program renamed .pdf", Exe(), "report.pdf", "application/pdf" },
        { "an HTML page named .png", Html(), "photo.png", "image/png" },
        { "a ZIP without content types, named .docx", Office(withContentTypes: false), "notes.docx", null },
        { "a macro-enabled Word document named .docx", Office("application/vnd.ms-word.document.macroEnabled.main+xml"), "macro.docx", null },
        { "an SVG image", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "chart.svg", "image/svg+xml" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task File_OfAnotherType_Is415AndNothingIsKept(string what, byte[] content, string fileName, string? claimed)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, Form(content, fileName, claimed));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("content is checked", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(Client, created.Id));
        Assert.Equal(created.ETag, (await Client.GetAssessmentAsync(created.Id)).ETag);
        Assert.Equal(0, await StoredFilesAsync());
        _ = what;
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "/xl/workbook.xml", "figures.xlsx", "figures.xlsx")]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "/ppt/presentation.xml", "deck.docx", "deck.docx.pptx")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "/word/document.xml", "minutes.DOCX", "minutes.DOCX")]
    public async Task OfficeDocument_IsTypedByItsContentTypesEntry(string mainType, string part, string sent, string kept)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, Form(Office(mainType, part), sent, "application/octet-stream"));

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(kept, body.GetProperty("fileName").GetString());
        Assert.StartsWith("application/vnd.openxmlformats-officedocument.", body.GetProperty("mediaType").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_DeclaredLargerThan10MB_Is413BeforeTheBodyIsRead()
    {
        var created = await Client.CreateAssessmentAsync();
        await using var kestrel = OnKestrel();

        // Only the headers are sent: an answer can come only from a server that did not wait for the body.
        var status = await kestrel.PostHoldingBackAsync($"/api/assessments/{created.Id}/evidence",
            declaredLength: EvidenceRules.MaxFileBytes + EvidenceUpload.OverheadBytes + 1, send: 0);

        Assert.Equal(413, status);
        Assert.Equal(0, await StoredFilesAsync());
    }

    [Fact]
    public async Task File_GrowingPast10MBWithoutALength_Is413AndTheRestIsNotRead()
    {
        var created = await Client.CreateAssessmentAsync();
        await using var kestrel = OnKestrel();

        // 11 MB of a file sent in chunks, then nothing more (and no last chunk): the answer must come all the same.
        var status = await kestrel.PostHoldingBackAsync($"/api/assessments/{created.Id}/evidence", declaredLength: null, send: 11L * 1024 * 1024);

        Assert.Equal(413, status);
        Assert.Empty(await ListAsync(Client, created.Id));
        Assert.Equal(0, await StoredFilesAsync());
    }

    /// <summary>
    /// The app on a real port (Kestrel): the test server hands a response back only once the request body is complete,
    /// so whether the app answers before reading the rest shows only over a real connection.
    /// </summary>
    private KestrelHost OnKestrel()
    {
        var host = App.WithWebHostBuilder(_ => { });
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelHost(host, new Uri(address), App.TokenFor(TestUsers.Sponsor));
    }

    private sealed record KestrelHost(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Host, Uri Address, string Token) : IAsyncDisposable
    {
        /// <summary>
        /// POSTs a multipart upload of one PDF over a socket of its own, writing the headers and <paramref name="send"/> bytes
        /// of the body (chunked when <paramref name="declaredLength"/> is null), then nothing more; returns the status of the
        /// answer, which must come within a minute while the rest is held back.
        /// </summary>
        public async Task<int> PostHoldingBackAsync(string path, long? declaredLength, long send)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(Address.Host, Address.Port);
            var stream = tcp.GetStream();
            var head = $"POST {path} HTTP/1.1\r\nHost: {Address.Authority}\r\nAuthorization: Bearer {Token}\r\n" +
                "Content-Type: multipart/form-data; boundary=b\r\n" +
                (declaredLength is { } length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

            // The body is written beside the wait for the answer, so a server that stops reading cannot block the test.
            var writing = Task.Run(async () =>
            {
                var body = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"questionKey\"\r\n\r\n" + QuestionKey +
                    "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n%PDF-1.4\n");
                var filler = new byte[64 * 1024];
                Array.Fill(filler, (byte)'%');
                try
                {
                    for (long sent = 0; sent < send;)
                    {
                        var piece = sent == 0 ? body : filler;
                        var frame = declaredLength is null ? Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n") : [];
                        await stream.WriteAsync(frame);
                        await stream.WriteAsync(piece);
                        await stream.WriteAsync(declaredLength is null ? "\r\n"u8.ToArray() : []);
                        sent += piece.Length;
                    }
                }
                catch (IOException)
                {
                    // The server answered and closed the connection.
                }
            });

            var answer = new StringBuilder();
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                while (!answer.ToString().Contains("\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, timeout.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("No answer came while the client held back the rest of the body: the server waited for it.");
            }

            tcp.Close();
            await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(10)));
            var statusLine = answer.ToString().Split("\r\n")[0];
            return int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    [Fact]
    public async Task File_ExactlyTheLimit_IsKept()
    {
        var created = await Client.CreateAssessmentAsync();
        var pdf = Pdf(padding: (int)EvidenceRules.MaxFileBytes - Pdf().Length);
        Assert.Equal(EvidenceRules.MaxFileBytes, pdf.Length);

        var id = await Client.AddFileAsync(created.Id, pdf, "limit.pdf");

        var item = Assert.Single(await ListAsync(Client, created.Id));
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        using var download = await Client.GetAsync(new Uri(item.GetProperty("file").GetString()!, UriKind.Relative));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\sam\\Desktop\\report.pdf", "report.pdf")]
    [InlineData("re\tport<script>.pdf", "reportscript.pdf")]
    [InlineData("..", "evidence.pdf")]
    [InlineData("invoice.exe", "invoice.exe.pdf")]
    [InlineData("  .hidden.pdf. ", "hidden.pdf")]
    public async Task FileName_WithPathOrControlCharacters_IsCleaned(string sent, string kept)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, RawForm(Pdf(), sent));

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(kept, body.GetProperty("fileName").GetString());
        using var download = await Client.GetAsync(new Uri(body.GetProperty("file").GetString()!, UriKind.Relative));
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal(kept, disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://files.example.com/report.pdf")]
    [InlineData("//example.com/report")]
    [InlineData("https://exa mple.com/")]
    [InlineData("intranet/runbook")]
    public async Task Link_ThatIsNotHttpOrHttps_Is400(string url)
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, Form(url: url));

        var messages = await response.ReadValidationErrorsAsync("url");
        Assert.Equal(EvidenceRules.LinkMessage, Assert.Single(messages));
        Assert.Empty(await ListAsync(Client, created.Id));
    }

    [Fact]
    public async Task Link_IsKeptWithItsDate()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, Form(url: "https://wiki.example.com/runbooks/invoice-matching", date: Day(Today.AddDays(-20))));

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("link", body.GetProperty("kind").GetString());
        Assert.Equal(Day(Today.AddDays(-20)), body.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("file").ValueKind);
    }

    [Theory]
    [InlineData("date", "tomorrow")]
    [InlineData("date", "03/04/2026")]
    [InlineData("questionKey", "no.such-question")]
    [InlineData("url", "both")]
    public async Task BadFields_Are400AndNothingIsKept(string field, string what)
    {
        var created = await Client.CreateAssessmentAsync();
        var form = what switch
        {
            "tomorrow" => Form(Pdf(), date: Day(Today.AddDays(1))),
            "03/04/2026" => Form(Pdf(), date: what),
            "no.such-question" => Form(Pdf(), questionKey: what),
            _ => Form(Pdf(), url: "https://example.com/"),
        };

        using var response = await Client.PostEvidenceAsync(created.Id, form);

        await response.ReadValidationErrorsAsync(field);
        Assert.Equal(0, await StoredFilesAsync());
    }

    [Fact]
    public async Task NotMultipart_Is415()
    {
        var created = await Client.CreateAssessmentAsync();

        using var response = await Client.PostEvidenceAsync(created.Id, new StringContent("{\"url\":\"https://example.com\"}", Encoding.UTF8, "application/json"));

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Access_FollowsTheAssessment_ReadersDownload_StrangersGet404_ReviewersMayNotChange()
    {
        var created = await Client.CreateAssessmentAsync();
        var evidenceId = await Client.AddFileAsync(created.Id);
        var file = $"/api/assessments/{created.Id}/evidence/{evidenceId}/file";
        using var other = App.ClientFor(TestUsers.OtherSponsor);
        using var reviewer = App.ClientFor(TestUsers.Reviewer);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri(file, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/assessments/{created.Id}/evidence", UriKind.Relative))).StatusCode);
        await (await other.PostEvidenceAsync(created.Id, Form(Pdf()))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync(new Uri($"/api/assessments/{created.Id}/evidence/{evidenceId}", UriKind.Relative))).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(new Uri(file, UriKind.Relative))).StatusCode);
        await (await reviewer.PostEvidenceAsync(created.Id, Form(Pdf()))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.DeleteAsync(new Uri($"/api/assessments/{created.Id}/evidence/{evidenceId}", UriKind.Relative))).ReadProblemAsync(HttpStatusCode.Forbidden);

        // An evidence id of another assessment is not found through this one.
        var second = await Client.CreateAssessmentAsync("Another pilot");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri($"/api/assessments/{second.Id}/evidence/{evidenceId}/file", UriKind.Relative))).StatusCode);
        Assert.Single(await ListAsync(Client, created.Id));
    }

    [Fact]
    public async Task Changes_GoThroughTheDoor_StaleIfMatchIs412_SubmittedIs409()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        var evidenceId = await Client.AddFileAsync(created.Id);

        await (await Client.PostEvidenceAsync(created.Id, Form(Pdf()), created.ETag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        using (var submitted = await Client.PostActionAsync(created.Id, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        var refused = await (await Client.PostEvidenceAsync(created.Id, Form(Pdf()))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("read-only", refused.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        await (await Client.DeleteAsync(new Uri($"/api/assessments/{created.Id}/evidence/{evidenceId}", UriKind.Relative))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await ListAsync(Client, created.Id));
        Assert.Equal(1, await StoredFilesAsync());
    }

    [Fact]
    public async Task Remove_DeletesTheFile_AndIsInTheHistory()
    {
        var created = await Client.CreateAssessmentAsync();
        var evidenceId = await Client.AddFileAsync(created.Id);

        using var removed = await Client.DeleteAsync(new Uri($"/api/assessments/{created.Id}/evidence/{evidenceId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(await ListAsync(Client, created.Id));
        Assert.Equal(0, await StoredFilesAsync());
        Assert.Contains("evidence-removed", await HistoryKindsAsync(created.Id));
        await (await Client.DeleteAsync(new Uri($"/api/assessments/{created.Id}/evidence/{evidenceId}", UriKind.Relative))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reassessment_CarriesTheEvidence_ThatSharesTheFileWithTheOldVersion()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        var pdf = Pdf(padding: 300);
        await Client.AddFileAsync(created.Id, pdf, "owner-letter.pdf", Day(Today.AddDays(-5)));
        using (var link = await Client.PostEvidenceAsync(created.Id, Form(url: "https://wiki.example.com/owner")))
        {
            await link.ReadJsonAsync(HttpStatusCode.Created);
        }

        using (var submitted = await Client.PostActionAsync(created.Id, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        using var reassessed = await Client.PostActionAsync(created.Id, "reassess");
        var next = (await reassessed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var carried = await ListAsync(Client, next);
        Assert.Equal(["owner-letter.pdf", null], carried.Select(e => e.GetProperty("fileName").GetString()));
        Assert.Equal(Day(Today.AddDays(-5)), carried[0].GetProperty("date").GetString());
        Assert.Equal(1, await StoredFilesAsync());

        // The old version is read-only: its evidence stays, and cannot change.
        await (await Client.PostEvidenceAsync(created.Id, Form(Pdf()))).ReadProblemAsync(HttpStatusCode.Conflict);

        // Removing it from the new version leaves the old version's file where it was.
        using var removed = await Client.DeleteAsync(new Uri($"/api/assessments/{next}/evidence/{carried[0].GetProperty("id").GetGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var old = Assert.Single(await ListAsync(Client, created.Id), e => e.GetProperty("kind").GetString() == "file");
        using var download = await Client.GetAsync(new Uri(old.GetProperty("file").GetString()!, UriKind.Relative));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Stale_FollowsTheConfiguredAge_OnTheAppsClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Evidence:StaleAfterDays", "30");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        using var client = host.CreateClient().Authorize(App.TokenFor(TestUsers.Sponsor));
        var created = await client.CreateAssessmentAsync();
        await client.AddFileAsync(created.Id, date: "2026-05-02");   // 30 days old today: not yet stale
        await client.AddFileAsync(created.Id, date: "2026-05-01");   // 31 days old: stale

        // Both were added at the same moment of the frozen clock: read them by their date, not by their order.
        async Task<IEnumerable<(string?, bool)>> StaleByDateAsync() => (await ListAsync(client, created.Id))
            .Select(e => (e.GetProperty("date").GetString(), e.GetProperty("stale").GetBoolean())).OrderBy(e => e.Item1, StringComparer.Ordinal);
        Assert.Equal([("2026-05-01", true), ("2026-05-02", false)], await StaleByDateAsync());

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([("2026-05-01", true), ("2026-05-02", true)], await StaleByDateAsync());
    }

    internal static async Task<List<JsonElement>> ListAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"/api/assessments/{id}/evidence", UriKind.Relative));
        return [.. (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];
    }

    private async Task<List<string>> HistoryKindsAsync(Guid id)
    {
        using var response = await Client.GetAsync(new Uri($"/api/assessments/{id}/history", UriKind.Relative));
        return [.. (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(h => h.GetProperty("kind").GetString()!)];
    }

    private async Task<int> StoredFilesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<StoredFile>().CountAsync();
    }

    /// <summary>A multipart body written by hand, so the file name goes exactly as given (control characters too).</summary>
    private static ByteArrayContent RawForm(byte[] file, string fileName)
    {
        using var body = new MemoryStream();
        body.Write(Encoding.UTF8.GetBytes(
            $"--b\r\nContent-Disposition: form-data; name=\"questionKey\"\r\n\r\n{QuestionKey}\r\n" +
            $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName.Replace("\"", "", StringComparison.Ordinal)}\"\r\nContent-Type: application/pdf\r\n\r\n"));
        body.Write(file);
        body.Write("\r\n--b--\r\n"u8);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }
}
