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

    /// <summary>
    /// True when PostgreSQL ended the save to break a deadlock with another one; nothing of it was written. Npgsql counts
    /// a deadlock as transient, so EF Core's default (non-retrying) execution strategy hands it on wrapped in an
    /// <see cref="InvalidOperationException"/> ("likely due to a transient failure") around the
    /// <see cref="DbUpdateException"/>: both shapes are a deadlock.
    /// </summary>
    public static bool IsDeadlock(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } } => true,
        InvalidOperationException { InnerException: DbUpdateException update } => IsDeadlock(update),
        _ => false,
    };

    /// <summary>
    /// True when the database could not be reached, not when the request or the code was wrong: a connection refused
    /// or timed out, a connection that broke, the server shutting down or starting up, no connection free; for SQLite a
    /// file that cannot be opened or stays locked. These answer 503 with Retry-After (see
    /// <see cref="DatabaseUnavailableHandler"/>); every other error stays a 500. EF Core wraps the provider's
    /// exception, so the whole chain of inner exceptions is searched.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsUnavailable);
            }

            if (e is PostgresException postgres)
            {
                return IsUnavailableState(postgres.SqlState);
            }

            // Npgsql's own errors (no server answer) are transient when the socket failed, broke or timed out.
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }

            if (e is SqliteException sqlite)
            {
                return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen;
            }
        }

        return false;
    }

    /// <summary>
    /// The server's answers that mean "not now": connection exceptions (class 08, but a protocol violation is a bug),
    /// the server shutting down or starting up (57P01, 57P02, 57P03) and too many connections (53300).
    /// </summary>
    private static bool IsUnavailableState(string state) =>
        (state.StartsWith("08", StringComparison.Ordinal) && state != PostgresErrorCodes.ProtocolViolation)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;
}
