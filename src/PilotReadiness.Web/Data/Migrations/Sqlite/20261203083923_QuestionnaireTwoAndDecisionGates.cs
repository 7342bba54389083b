using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuestionnaireTwoAndDecisionGates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GateKey",
                table: "DecisionConditions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionRecommendation",
                table: "Assessments",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DecisionAcceptedGates",
                columns: table => new
                {
                    GateKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAcceptedGates", x => new { x.DecisionId, x.GateKey });
                    table.ForeignKey(
                        name: "FK_DecisionAcceptedGates_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each version that carries a decision keeps the recommendation that decision was made against, so the
            // portfolio can flag decisions above the recommendation without reading the decisions.
            migrationBuilder.Sql(
                """
                UPDATE "Assessments" SET "DecisionRecommendation" = (
                    SELECT d."RecommendedVerdict" FROM "Decisions" d
                    WHERE d."PilotId" = "Assessments"."PilotId" AND d."DecidedAt" = "Assessments"."DecidedAt"
                    ORDER BY d."Id" DESC LIMIT 1)
                WHERE "Decision" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionAcceptedGates");

            migrationBuilder.DropColumn(
                name: "GateKey",
                table: "DecisionConditions");

            migrationBuilder.DropColumn(
                name: "DecisionRecommendation",
                table: "Assessments");
        }
    }
}
