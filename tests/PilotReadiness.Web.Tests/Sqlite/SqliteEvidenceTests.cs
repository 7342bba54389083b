using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.EvidenceFiles;
using PilotReadiness.Web.Tests.Infrastructure;
using static PilotReadiness.Web.Tests.Infrastructure.EvidenceSamples;

namespace PilotReadiness.Web.Tests.Sqlite;

/// <summary>Evidence files on SQLite: written and read through its incremental BLOB I/O, carried, removed.</summary>
public sealed class SqliteEvidenceTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task File_RoundTripsThroughTheBlob_IsCarriedToTheNextVersion_AndDeletedWhenNoVersionHoldsIt()
    {
        var created = await Client.CreateReadyAssessmentAsync();
        var pdf = Pdf(padding: (int)EvidenceRules.MaxFileBytes - Pdf().Length);
        var evidenceId = await Client.AddFileAsync(created.Id, pdf, "limit.pdf");
        using (var wrong = await Client.PostEvidenceAsync(created.Id, Form(Html(), "page.png", "image/png")))
        {
            await wrong.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }

        var file = $"/api/assessments/{created.Id}/evidence/{evidenceId}/file";
        Assert.Equal(pdf, await Client.GetByteArrayAsync(new Uri(file, UriKind.Relative)));

        using (var submitted = await Client.PostActionAsync(created.Id, "submit"))
        {
            await submitted.ReadJsonAsync(HttpStatusCode.OK);
        }

        using var reassessed = await Client.PostActionAsync(created.Id, "reassess");
        var next = (await reassessed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var list = await Client.GetAsync(new Uri($"/api/assessments/{next}/evidence", UriKind.Relative));
        var carried = Assert.Single((await list.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(pdf, await Client.GetByteArrayAsync(new Uri(carried.GetProperty("file").GetString()!, UriKind.Relative)));

        using var removed = await Client.DeleteAsync(new Uri($"/api/assessments/{next}/evidence/{carried.GetProperty("id").GetGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(1, await StoredFilesAsync());
        Assert.Equal(pdf, await Client.GetByteArrayAsync(new Uri(file, UriKind.Relative)));
    }

    private async Task<int> StoredFilesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<StoredFile>().CountAsync();
    }
}
