using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Data;

public sealed class PostgresDatabaseTests(PostgresAppFactory app) : PostgresTest(app)
{
    [Fact]
    public async Task Startup_FreshDatabase_AppliesEveryPostgresMigration()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.IsType<NpgsqlAppDbContext>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task AppConnections_RunWithPostgresJitOff()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
    }

    [Fact]
    public async Task PostgresMigrations_MatchTheModel_NoPendingModelChanges()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the Postgres migrations do not have: add a migration (see README, dotnet ef migrations add ... --context NpgsqlAppDbContext).");
    }

    [Fact]
    public async Task Startup_DemoSeedOnFreshDatabase_AddsTwelveAssessmentsSpanningEveryVerdictAndStatus()
    {
        var connectionString = await TestHost.RecreatePostgresDatabaseAsync(PostgresAppFactory.DatabaseName + "_demo");
        await using var demo = App.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Postgres", connectionString)
            .UseSetting("Demo:SeedOnStartup", "true")
            .UseSetting("Demo:Password", DemoPortfolio.Password));

        await DemoPortfolio.AssertSeededAsync(demo);

        // Seeding again (as every restart does) adds nothing to a database that has data.
        await using var scope = demo.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await DemoData.SeedAsync(scope.ServiceProvider, DemoPortfolio.Password));
        // Twelve pilots, two of them re-assessed (one twice): fifteen versions.
        Assert.Equal(12, await db.Assessments.CountAsync(a => a.SupersededAt == null));
        Assert.Equal(15, await db.Assessments.CountAsync());
    }
}
