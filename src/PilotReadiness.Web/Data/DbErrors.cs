using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PilotReadiness.Web.Data;

public static class DbErrors
{
    /// <summary>
    /// True when a save lost a race with another save: the version check failed, or both inserted the same answer
    /// row (EF writes new answer rows before the version-checked update of the assessment).
    /// </summary>
    public static bool IsConflict(DbUpdateException exception) => exception is DbUpdateConcurrencyException || IsUniqueViolation(exception);

    /// <summary>True when the save broke a unique index or primary key.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception switch
    {
        { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => true,
        { InnerException: SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 } } => true,
        _ => false,
    };
}
