using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VersionsAndDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_Status",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_UpdatedAt",
                table: "Assessments");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConditionsDue",
                table: "Assessments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "Assessments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "Assessments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PilotId",
                table: "Assessments",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Readiness_AfterDemo",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Commitment",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Gates",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Integration",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Involvement",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Overall",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Readiness_OwnerConfirmed",
                table: "Assessments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Ownership",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Readiness_Verdict",
                table: "Assessments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Readiness_Workflow",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SupersededAt",
                table: "Assessments",
                type: "timestamp with time zone",
                nullable: true);

            // Existing assessments become version 1 of their own pilot. Their stored score is filled in at start-up
            // (DatabaseSetup finds the empty verdict), because scoring is the domain's job, not SQL's.
            migrationBuilder.Sql("UPDATE \"Assessments\" SET \"PilotId\" = \"Id\", \"Revision\" = 1;");

            migrationBuilder.CreateTable(
                name: "Decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PilotId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    KillCriteria = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecommendedVerdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecommendedScore = table.Column<int>(type: "integer", nullable: false),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SupersededById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Decisions_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionConditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MetByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionConditions_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_BusinessUnit",
                table: "Assessments",
                columns: new[] { "BusinessUnit", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_ConditionsDue",
                table: "Assessments",
                column: "ConditionsDue",
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_Decision",
                table: "Assessments",
                columns: new[] { "Decision", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_Sponsor",
                table: "Assessments",
                columns: new[] { "Sponsor", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_Status",
                table: "Assessments",
                columns: new[] { "Status", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_SubmittedAt",
                table: "Assessments",
                columns: new[] { "SubmittedAt", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_Title",
                table: "Assessments",
                columns: new[] { "Title", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Current_UpdatedAt",
                table: "Assessments",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PilotId_Revision",
                table: "Assessments",
                columns: new[] { "PilotId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionConditions_DecisionId",
                table: "DecisionConditions",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_AssessmentId",
                table: "Decisions",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PilotId_DecidedAt",
                table: "Decisions",
                columns: new[] { "PilotId", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionConditions");

            migrationBuilder.DropTable(
                name: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_BusinessUnit",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_ConditionsDue",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_Decision",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_Sponsor",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_Status",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_SubmittedAt",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_Title",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Current_UpdatedAt",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_PilotId_Revision",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ConditionsDue",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PilotId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_AfterDemo",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Commitment",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Gates",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Integration",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Involvement",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Overall",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_OwnerConfirmed",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Ownership",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Verdict",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Readiness_Workflow",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Status",
                table: "Assessments",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_UpdatedAt",
                table: "Assessments",
                column: "UpdatedAt");
        }
    }
}
