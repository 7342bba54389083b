using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PortfolioCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "PortfolioCounts",
                columns: table => new
                {
                    BusinessUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Gates = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Commitment = table.Column<long>(type: "bigint", nullable: false),
                    Involvement = table.Column<long>(type: "bigint", nullable: false),
                    AfterDemo = table.Column<long>(type: "bigint", nullable: false),
                    Integration = table.Column<long>(type: "bigint", nullable: false),
                    Workflow = table.Column<long>(type: "bigint", nullable: false),
                    Ownership = table.Column<long>(type: "bigint", nullable: false),
                    IntegrationKiller = table.Column<int>(type: "integer", nullable: false),
                    WorkflowKiller = table.Column<int>(type: "integer", nullable: false),
                    OwnershipKiller = table.Column<int>(type: "integer", nullable: false),
                    OwnerUnconfirmed = table.Column<int>(type: "integer", nullable: false),
                    DecidedAbove = table.Column<int>(type: "integer", nullable: false),
                    AwaitingDecision = table.Column<int>(type: "integer", nullable: false),
                    WithConditionsDue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortfolioCounts", x => new { x.BusinessUnit, x.Status, x.Verdict, x.Gates });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_BusinessUnit_UpdatedAt",
                table: "Assessments",
                columns: new[] { "BusinessUnit", "UpdatedAt", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_GoDecisions_DecidedAt",
                table: "Assessments",
                columns: new[] { "DecidedAt", "Id" },
                filter: "\"SupersededAt\" IS NULL AND \"Decision\" IN ('go', 'go-with-conditions')");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_Submitted_SubmittedAt",
                table: "Assessments",
                columns: new[] { "SubmittedAt", "Id", "DecidedAt" },
                filter: "\"SupersededAt\" IS NULL AND \"Status\" = 'submitted'");

            // The free-text search (AssessmentQueries.Matching: lower(column) LIKE '%text%') of current versions, one
            // trigram index per column it searches. Expression indexes, which the model cannot describe.
            foreach (var column in SearchedColumns)
            {
                migrationBuilder.Sql($"CREATE INDEX \"IX_Assessments_Current_{column}_Trigram\" ON \"Assessments\" " +
                    $"USING gin (lower(\"{column}\") gin_trgm_ops) WHERE \"SupersededAt\" IS NULL;");
            }
        }

        private static readonly string[] SearchedColumns = ["Title", "BusinessUnit", "Sponsor"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in SearchedColumns)
            {
                migrationBuilder.Sql($"DROP INDEX \"IX_Assessments_Current_{column}_Trigram\";");
            }

            migrationBuilder.DropTable(
                name: "PortfolioCounts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_BusinessUnit_UpdatedAt",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_GoDecisions_DecidedAt",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_Submitted_SubmittedAt",
                table: "Assessments");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
