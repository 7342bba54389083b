using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Tests.Data;

/// <summary>Which failures mean "the database cannot be reached" (503) and which are bugs (500): the one classification.</summary>
public sealed class DbErrorsTests
{
    private static readonly Dictionary<string, Exception> Failures = new(StringComparer.Ordinal)
    {
        ["connection refused"] = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        ["host not found"] = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.HostNotFound)),
        ["timeout opening a connection"] = new NpgsqlException("The operation has timed out", new TimeoutException()),
        ["connection broken while reading"] = new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        ["server shutting down"] = Postgres(PostgresErrorCodes.AdminShutdown),
        ["server crashed"] = Postgres(PostgresErrorCodes.CrashShutdown),
        ["server starting up"] = Postgres(PostgresErrorCodes.CannotConnectNow),
        ["connection failure"] = Postgres(PostgresErrorCodes.ConnectionFailure),
        ["too many connections"] = Postgres(PostgresErrorCodes.TooManyConnections),
        ["refused inside a save"] = new DbUpdateException("An error occurred while saving",
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
        ["inside an aggregate"] = new AggregateException(new InvalidOperationException("a bug"), Postgres(PostgresErrorCodes.AdminShutdown)),
        ["sqlite busy"] = new SqliteException("database is locked", 5),
        ["sqlite file cannot be opened"] = new SqliteException("unable to open database file", 14),
        ["unique violation"] = new DbUpdateException("An error occurred while saving", Postgres(PostgresErrorCodes.UniqueViolation)),
        ["undefined table"] = Postgres(PostgresErrorCodes.UndefinedTable),
        ["protocol violation"] = Postgres(PostgresErrorCodes.ProtocolViolation),
        ["wrong password"] = Postgres(PostgresErrorCodes.InvalidPassword),
        ["division by zero"] = Postgres(PostgresErrorCodes.DivisionByZero),
        ["sqlite constraint"] = new SqliteException("UNIQUE constraint failed", 19),
        ["concurrency conflict"] = new DbUpdateConcurrencyException("The row was changed"),
        ["a bug"] = new InvalidOperationException("Sequence contains no elements"),
        ["a bug in a save"] = new DbUpdateException("An error occurred while saving", new ArgumentException("bad")),
    };

    [Theory]
    [InlineData("connection refused", true)]
    [InlineData("host not found", true)]
    [InlineData("timeout opening a connection", true)]
    [InlineData("connection broken while reading", true)]
    [InlineData("server shutting down", true)]
    [InlineData("server crashed", true)]
    [InlineData("server starting up", true)]
    [InlineData("connection failure", true)]
    [InlineData("too many connections", true)]
    [InlineData("refused inside a save", true)]
    [InlineData("inside an aggregate", true)]
    [InlineData("sqlite busy", true)]
    [InlineData("sqlite file cannot be opened", true)]
    [InlineData("unique violation", false)]
    [InlineData("undefined table", false)]
    [InlineData("protocol violation", false)]
    [InlineData("wrong password", false)]
    [InlineData("division by zero", false)]
    [InlineData("sqlite constraint", false)]
    [InlineData("concurrency conflict", false)]
    [InlineData("a bug", false)]
    [InlineData("a bug in a save", false)]
    public void IsUnavailable_OnlyForADatabaseThatCannotBeReached(string failure, bool unavailable) =>
        Assert.Equal(unavailable, DbErrors.IsUnavailable(Failures[failure]));

    [Fact]
    public void EveryFailureInTheTable_IsTested() =>
        Assert.Equal(Failures.Count, typeof(DbErrorsTests).GetMethod(nameof(IsUnavailable_OnlyForADatabaseThatCannotBeReached))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Length);

    /// <summary>
    /// A deadlock is recognised as EF Core hands it on: Npgsql calls it transient, so the default execution strategy
    /// wraps the save's exception in an InvalidOperationException; the retry in AppDbContext missed that shape once.
    /// </summary>
    [Fact]
    public void IsDeadlock_BareAndAsTheExecutionStrategyWrapsIt_AndNothingElse()
    {
        var deadlock = new DbUpdateException("An error occurred while saving", Postgres(PostgresErrorCodes.DeadlockDetected));
        var wrapped = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", deadlock);

        Assert.True(DbErrors.IsDeadlock(deadlock));
        Assert.True(DbErrors.IsDeadlock(wrapped));
        Assert.False(DbErrors.IsDeadlock(Failures["unique violation"]));
        Assert.False(DbErrors.IsDeadlock(new InvalidOperationException("wrapped", Failures["unique violation"])));
        Assert.False(DbErrors.IsDeadlock(Postgres(PostgresErrorCodes.DeadlockDetected))); // outside a save: not this retry's business
        Assert.False(DbErrors.IsDeadlock(Failures["a bug"]));
    }

    private static PostgresException Postgres(string sqlState) => new("message from the server", "FATAL", "FATAL", sqlState);
}
