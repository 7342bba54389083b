using System.Text.RegularExpressions;
using Npgsql;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Reminders;

/// <summary>
/// Our PostgreSQL migrations create exactly the tables, columns and indexes of the Quartz.NET version the app runs: the
/// schema script inside the Quartz package is run into a schema of its own and the two are compared. Upgrading Quartz.NET
/// without a migration for its new schema fails here.
/// </summary>
public sealed partial class QuartzSchemaTests(PostgresAppFactory app) : PostgresTest(app)
{
    private const string Expected = "quartz_expected";

    [Fact]
    public async Task Migrations_CreateExactlyTheSchemaOfTheQuartzVersionTheAppRuns()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {Expected} CASCADE; CREATE SCHEMA {Expected};");
        try
        {
            foreach (var statement in PackageScript())
            {
                await ExecuteAsync(connection, statement);
            }

            var ours = await ColumnsAsync(connection, "public");
            var quartz = await ColumnsAsync(connection, Expected);
            Assert.Equal(15, quartz.Select(c => c.Split('.')[0]).Distinct().Count());
            Assert.Equal(quartz, ours);
            Assert.Equal(await IndexesAsync(connection, Expected), await IndexesAsync(connection, "public"));
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {Expected} CASCADE;");
        }
    }

    /// <summary>The package's own PostgreSQL script, its statements split where it says, with the prefix pointing at our schema.</summary>
    private static IEnumerable<string> PackageScript()
    {
        const string resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Quartz package no longer ships {resource}; find its PostgreSQL schema another way.");
        var script = new StreamReader(stream).ReadToEnd();
        return Separator().Split(script).Skip(1).Select(s => s.Replace("{0}", Expected + ".qrtz_", StringComparison.Ordinal)
            .Replace("{1}", "qrtz_", StringComparison.Ordinal)).Where(s => s.Contains("CREATE", StringComparison.Ordinal));
    }

    /// <summary>"table.column type nullable default" of every qrtz_ table in the schema, sorted.</summary>
    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string schema) => await ReadAsync(connection,
        $"""
        SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
               || ' ' || is_nullable || ' ' || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name LIKE 'qrtz\_%'
        """);

    /// <summary>Every index on a qrtz_ table in the schema, as its definition without the schema's name, sorted.</summary>
    private static async Task<List<string>> IndexesAsync(NpgsqlConnection connection, string schema) =>
        [.. (await ReadAsync(connection, $"SELECT indexdef FROM pg_indexes WHERE schemaname = '{schema}' AND tablename LIKE 'qrtz\\_%'"))
            .Select(d => d.Replace($" {schema}.", " ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"^--;;\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
