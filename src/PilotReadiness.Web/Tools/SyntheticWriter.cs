using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Decisions;
using PilotReadiness.Domain.Live;
using PilotReadiness.Domain.Outcomes;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Tools;

/// <summary>
/// Stores batches of synthetic pilots. On SQLite: EF Core's SaveChanges (the audit interceptor writes the audit rows).
/// On PostgreSQL: binary COPY, several times faster for millions of rows; the rows are still read from EF Core's
/// own mapping of the entities, so every column is written as SaveChanges would write it.
/// </summary>
internal abstract class SyntheticWriter(AppDbContext db)
{
    protected AppDbContext Db { get; } = db;

    public abstract string Method { get; }

    public static SyntheticWriter For(AppDbContext db, bool preferCopy = true) =>
        preferCopy && db.Database.IsNpgsql() ? new CopyWriter(db) : new SaveChangesWriter(db);

    public abstract Task WriteAsync(IReadOnlyList<SyntheticPilot> pilots, CancellationToken cancellationToken);

    /// <summary>Tracks the batch as added, without change detection (everything is new).</summary>
    protected void Track(IReadOnlyList<SyntheticPilot> pilots)
    {
        Db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var pilot in pilots)
        {
            Db.Assessments.AddRange(pilot.Versions);
            Db.Decisions.AddRange(pilot.Decisions);
            if (pilot.Life.Live is { } live)
            {
                Db.LivePilots.Add(live);
            }

            Db.LiveSignals.AddRange(pilot.Life.Signals);
            Db.PilotOutcomes.AddRange(pilot.Life.Outcomes);
        }
    }

    private sealed class SaveChangesWriter(AppDbContext db) : SyntheticWriter(db)
    {
        public override string Method => "EF Core SaveChanges";

        public override async Task WriteAsync(IReadOnlyList<SyntheticPilot> pilots, CancellationToken cancellationToken)
        {
            Track(pilots);
            await Db.SaveChangesAsync(cancellationToken);
            Db.ChangeTracker.Clear();
        }
    }

    private sealed class CopyWriter(AppDbContext db) : SyntheticWriter(db)
    {
        // Parents before children, so each foreign key finds its row.
        private static readonly Type[] Order =
        [
            typeof(Assessment), typeof(AssessmentAnswer), typeof(AssessmentCollaborator), typeof(Confirmation),
            typeof(Decision), typeof(DecisionCondition), typeof(AcceptedGate), typeof(LivePilot), typeof(CheckIn), typeof(IngestionKey),
            typeof(DailySignal), typeof(PilotOutcome), typeof(AuditEntry),
        ];

        private readonly Dictionary<IEntityType, Table> _tables = [];

        public override string Method => "PostgreSQL binary COPY";

        public override async Task WriteAsync(IReadOnlyList<SyntheticPilot> pilots, CancellationToken cancellationToken)
        {
            Track(pilots);
            // What the audit interceptor would add in a SaveChanges by the app itself.
            foreach (var assessment in pilots.SelectMany(p => p.Versions))
            {
                Db.AuditEntries.AddRange(assessment.TakeChanges()
                    .Select(change => AuditInterceptor.Row(assessment.Id, change, AuditInterceptor.SystemActor, AuditInterceptor.SystemActor)));
            }

            // After launch: go-live, check-ins and outcomes belong to the history of the version that went live.
            foreach (var record in pilots.SelectMany(p => p.Life.Outcomes.Cast<IRecordsChanges>().Prepend(p.Life.Live).OfType<IRecordsChanges>()))
            {
                Db.AuditEntries.AddRange(record.TakeChanges()
                    .Select(change => AuditInterceptor.Row(record.AuditAssessmentId, change, AuditInterceptor.SystemActor, AuditInterceptor.SystemActor)));
            }

            var entries = Db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToLookup(e => e.Metadata.ClrType);
            var unknown = entries.Select(g => g.Key).Except(Order).FirstOrDefault();
            if (unknown is not null)
            {
                throw new InvalidOperationException($"The synthetic portfolio has {unknown.Name} rows the copy does not know the order of.");
            }

            var connection = (NpgsqlConnection)Db.Database.GetDbConnection();
            await Db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var type in Order)
                {
                    var rows = entries[type].ToList();
                    if (rows.Count > 0)
                    {
                        await CopyAsync(connection, TableOf(rows[0].Metadata), rows, cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await Db.Database.CloseConnectionAsync();
            }

            Db.ChangeTracker.Clear();
        }

        private static async Task CopyAsync(NpgsqlConnection connection, Table table, List<EntityEntry> rows, CancellationToken cancellationToken)
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.CopyCommand, cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in table.Columns)
                {
                    var value = column.Read(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await importer.WriteAsync(value, column.DataType, cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        private Table TableOf(IEntityType entityType)
        {
            if (_tables.TryGetValue(entityType, out var table))
            {
                return table;
            }

            var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                // Identity columns are numbered by the database.
                if (NpgsqlPropertyExtensions.GetValueGenerationStrategy(property, store) is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
                    or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn or NpgsqlValueGenerationStrategy.SerialColumn)
                {
                    continue;
                }

                columns.Add(Column.Of(property, store, entry => entry.Property(property).CurrentValue));
            }

            foreach (var complex in entityType.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                {
                    columns.Add(Column.Of(property, store, entry => entry.ComplexProperty(complex).Property(property).CurrentValue));
                }
            }

            var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
            table = new Table($"COPY {Quote(name)} ({list}) FROM STDIN (FORMAT BINARY)", columns);
            _tables[entityType] = table;
            return table;
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        private sealed record Table(string CopyCommand, IReadOnlyList<Column> Columns);

        private sealed record Column(string Name, string DataType, Func<EntityEntry, object?> Read)
        {
            public static Column Of(IProperty property, StoreObjectIdentifier store, Func<EntityEntry, object?> read)
            {
                var name = property.GetColumnName(store) ?? throw new InvalidOperationException($"{property.Name} has no column.");
                var columnType = property.GetColumnType(store);
                // "character varying(200)" → "character varying": the length is the column's business, not the value's.
                var paren = columnType.IndexOf('(', StringComparison.Ordinal);
                var dataType = paren < 0 ? columnType : columnType[..paren];
                var converter = property.GetTypeMapping().Converter;
                return new Column(name, dataType, converter is null
                    ? read
                    : entry => read(entry) is { } value ? converter.ConvertToProvider(value) : null);
            }
        }
    }
}
