using Npgsql;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>Dropping a test database on the shared test server, shared by the web and the browser tests.</summary>
public static class PostgresDatabases
{
    /// <summary>How long a drop waits for an autovacuum worker to leave the database.</summary>
    private static readonly TimeSpan AutovacuumWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Drops <paramref name="database"/> if it exists, ending the sessions connected to it. An autovacuum worker that is
    /// tidying the database (likely just after a large seed) belongs to the server's superuser, which the tests' role may
    /// not signal, so the drop is refused with 42501 while it works; the drop is tried again until it has left.
    /// </summary>
    public static async Task DropAsync(NpgsqlConnection server, string database)
    {
        ArgumentNullException.ThrowIfNull(server);
        var until = DateTime.UtcNow + AutovacuumWait;
        while (true)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && DateTime.UtcNow < until)
            {
                await Task.Delay(250);
            }
        }
    }
}
