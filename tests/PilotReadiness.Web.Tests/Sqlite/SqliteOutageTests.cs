using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Sqlite;

/// <summary>The embedded provider's outage: a database file that cannot be opened answers 503, like PostgreSQL's.</summary>
public sealed class SqliteOutageTests(SqliteAppFactory app) : SqliteTest(app)
{
    [Fact]
    public async Task DatabaseFileGone_Answers503WithRetryAfter_ThenServesAgainWhenItIsBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pilotreadiness-sqlite-outage-{Guid.NewGuid():N}");
        var away = folder + "-away";
        Directory.CreateDirectory(folder);
        try
        {
            await using var host = App.WithWebHostBuilder(builder =>
                builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder, "app.db")}"));
            await TestUsers.EnsureAsync(host.Services);
            using var client = host.CreateClient().Authorize(await TestUsers.LoginAsync(host, TestUsers.Sponsor));
            var created = await client.CreateAssessmentAsync();

            Directory.Move(folder, away);
            SqliteConnection.ClearAllPools(); // a pooled connection keeps the moved file open
            using var down = await client.GetAsync(new Uri($"/api/assessments/{created.Id}", UriKind.Relative));
            await down.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseUnavailableHandler.RetryAfterSeconds), down.Headers.RetryAfter?.Delta);

            Directory.Move(away, folder);
            Assert.Equal(created.Id, (await client.GetAssessmentAsync(created.Id)).Id);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { folder, away }.Where(Directory.Exists))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }
}
