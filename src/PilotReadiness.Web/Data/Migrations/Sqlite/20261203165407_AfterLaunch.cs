using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AfterLaunch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LivePilots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WentLiveAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WentLiveBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    DataHealth = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NextCheckInDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastCheckInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    OutcomeDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Assessed_AfterDemo = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Commitment = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Gates = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Integration = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Involvement = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Overall = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_OwnerConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Assessed_Ownership = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Assessed_Workflow = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_AcceptableShare = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_CadenceWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_EligibleUsers = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_GoLiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Plan_GoodOutput = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Plan_OwnerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Plan_OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Plan_ReviewerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Plan_ReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Plan_TargetShare = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_UsingTeam = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LivePilots", x => x.Id);
                    table.UniqueConstraint("AK_LivePilots_PilotId", x => x.PilotId);
                    table.ForeignKey(
                        name: "FK_LivePilots_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PilotOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Assessed_AfterDemo = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Commitment = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Gates = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Integration = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Involvement = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Overall = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_OwnerConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Assessed_Ownership = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessed_Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Assessed_Workflow = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PilotOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PilotOutcomes_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInDrafts",
                columns: table => new
                {
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Form_ActiveUsers = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_Blockers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Form_CasesEscalated = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_CasesHandled = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_CasesOverridden = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_ImprovementDone = table.Column<bool>(type: "INTEGER", nullable: true),
                    Form_ImprovementNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Form_IncidentNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Form_Incidents = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_Ownership = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Form_QualityMet = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_QualityReviewed = table.Column<int>(type: "INTEGER", nullable: true),
                    Form_Successor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Form_WorkaroundNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Form_Workarounds = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInDrafts", x => x.PilotId);
                    table.ForeignKey(
                        name: "FK_CheckInDrafts_LivePilots_PilotId",
                        column: x => x.PilotId,
                        principalTable: "LivePilots",
                        principalColumn: "PilotId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LivePilotId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckInLinks_LivePilots_LivePilotId",
                        column: x => x.LivePilotId,
                        principalTable: "LivePilots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SupersedesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActiveUsers = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesHandled = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesEscalated = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesOverridden = table.Column<int>(type: "INTEGER", nullable: false),
                    QualityReviewed = table.Column<int>(type: "INTEGER", nullable: false),
                    QualityMet = table.Column<int>(type: "INTEGER", nullable: false),
                    Incidents = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Workarounds = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WorkaroundNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Ownership = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Successor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ImprovementDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImprovementNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Blockers = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LivePilotId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckIns_LivePilots_LivePilotId",
                        column: x => x.LivePilotId,
                        principalTable: "LivePilots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IngestionKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LivePilotId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestionKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IngestionKeys_LivePilots_LivePilotId",
                        column: x => x.LivePilotId,
                        principalTable: "LivePilots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveSignals",
                columns: table => new
                {
                    PilotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActiveUsers = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesHandled = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesEscalated = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesOverridden = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSignals", x => new { x.PilotId, x.Date });
                    table.ForeignKey(
                        name: "FK_LiveSignals_LivePilots_PilotId",
                        column: x => x.PilotId,
                        principalTable: "LivePilots",
                        principalColumn: "PilotId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInLinks_LivePilotId",
                table: "CheckInLinks",
                column: "LivePilotId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckInLinks_TokenHash",
                table: "CheckInLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_LivePilotId_Period",
                table: "CheckIns",
                columns: new[] { "LivePilotId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_IngestionKeys_Hash",
                table: "IngestionKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IngestionKeys_LivePilotId",
                table: "IngestionKeys",
                column: "LivePilotId");

            migrationBuilder.CreateIndex(
                name: "IX_LivePilots_AssessmentId",
                table: "LivePilots",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_LivePilots_DataHealth_NextCheckInDue",
                table: "LivePilots",
                columns: new[] { "DataHealth", "NextCheckInDue" });

            migrationBuilder.CreateIndex(
                name: "IX_LivePilots_NextCheckInDue",
                table: "LivePilots",
                column: "NextCheckInDue");

            migrationBuilder.CreateIndex(
                name: "IX_LivePilots_PilotId",
                table: "LivePilots",
                column: "PilotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PilotOutcomes_AssessmentId",
                table: "PilotOutcomes",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PilotOutcomes_Current_PilotId",
                table: "PilotOutcomes",
                column: "PilotId",
                unique: true,
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PilotOutcomes_PilotId_RecordedAt",
                table: "PilotOutcomes",
                columns: new[] { "PilotId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckInDrafts");

            migrationBuilder.DropTable(
                name: "CheckInLinks");

            migrationBuilder.DropTable(
                name: "CheckIns");

            migrationBuilder.DropTable(
                name: "IngestionKeys");

            migrationBuilder.DropTable(
                name: "LiveSignals");

            migrationBuilder.DropTable(
                name: "PilotOutcomes");

            migrationBuilder.DropTable(
                name: "LivePilots");
        }
    }
}
