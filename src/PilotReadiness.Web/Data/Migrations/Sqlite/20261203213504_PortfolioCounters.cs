using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortfolioCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PortfolioCounts",
                columns: table => new
                {
                    BusinessUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Gates = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Commitment = table.Column<long>(type: "INTEGER", nullable: false),
                    Involvement = table.Column<long>(type: "INTEGER", nullable: false),
                    AfterDemo = table.Column<long>(type: "INTEGER", nullable: false),
                    Integration = table.Column<long>(type: "INTEGER", nullable: false),
                    Workflow = table.Column<long>(type: "INTEGER", nullable: false),
                    Ownership = table.Column<long>(type: "INTEGER", nullable: false),
                    IntegrationKiller = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkflowKiller = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnershipKiller = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerUnconfirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAbove = table.Column<int>(type: "INTEGER", nullable: false),
                    AwaitingDecision = table.Column<int>(type: "INTEGER", nullable: false),
                    WithConditionsDue = table.Column<int>(type: "INTEGER", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
