using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.EvidenceFiles;

/// <summary>
/// Streams the content of evidence files into and out of the database, on the request's own connection and transaction,
/// never holding a file whole in memory (ADR 0014): on PostgreSQL the <c>bytea</c> value is sent from a stream parameter
/// and read with sequential access; on SQLite the BLOB is reserved with <c>zeroblob</c> and written and read through
/// SQLite's incremental BLOB I/O.
/// </summary>
public sealed class EvidenceStore(AppDbContext db)
{
    /// <summary>Stores <paramref name="content"/> (seekable, read from its start) as file <paramref name="fileId"/>, in the current transaction.</summary>
    public async Task WriteAsync(Guid fileId, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        await using var command = await CommandAsync(ct);
        if (db.Database.IsNpgsql())
        {
            command.CommandText = "INSERT INTO \"EvidenceFiles\" (\"Id\", \"Content\") VALUES (@id, @content)";
            AddId(command, fileId);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@content";
            parameter.DbType = DbType.Binary;
            parameter.Value = content;
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync(ct);
            return;
        }

        command.CommandText = "INSERT INTO \"EvidenceFiles\" (\"Id\", \"Content\") VALUES (@id, zeroblob(@length)); SELECT last_insert_rowid();";
        AddId(command, fileId);
        var length = command.CreateParameter();
        length.ParameterName = "@length";
        length.Value = content.Length;
        command.Parameters.Add(length);
        var rowId = (long)(await command.ExecuteScalarAsync(ct))!;
        await using var blob = new SqliteBlob((SqliteConnection)command.Connection!, "EvidenceFiles", "Content", rowId);
        await content.CopyToAsync(blob, ct);
    }

    /// <summary>Copies the content of file <paramref name="fileId"/> to <paramref name="destination"/>; false when there is none.</summary>
    public async Task<bool> CopyToAsync(Guid fileId, Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var command = await CommandAsync(ct);
        // SQLite streams a BLOB only when the row's rowid is selected with it (otherwise it reads the value whole).
        command.CommandText = db.Database.IsNpgsql()
            ? "SELECT 0, \"Content\" FROM \"EvidenceFiles\" WHERE \"Id\" = @id"
            : "SELECT rowid, \"Content\" FROM \"EvidenceFiles\" WHERE \"Id\" = @id";
        AddId(command, fileId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct))
        {
            return false;
        }

        _ = reader.GetInt64(0);
        await using var content = reader.GetStream(1);
        await content.CopyToAsync(destination, ct);
        return true;
    }

    /// <summary>Deletes file <paramref name="fileId"/> once no evidence of any version refers to it.</summary>
    public Task DeleteIfUnusedAsync(Guid fileId, CancellationToken ct) =>
        db.Set<StoredFile>().Where(f => f.Id == fileId && !db.Set<Evidence>().Any(e => e.FileId == fileId))
            .ExecuteDeleteAsync(ct);

    private async Task<DbCommand> CommandAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>The id as each provider's column holds it (EF Core keeps a Guid as upper-case text on SQLite).</summary>
    private void AddId(DbCommand command, Guid id)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
    }
}
