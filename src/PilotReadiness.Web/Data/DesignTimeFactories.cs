using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PilotReadiness.Web.Data;

// Used only by `dotnet ef migrations add`: builds each provider's context without starting the app.
internal sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlAppDbContext>
{
    public NpgsqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NpgsqlAppDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design_time.db").Options);
}
