using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PilotReadiness.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationCurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CurrencyCode",
                table: "OrganisationSettings",
                type: "character varying(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "EUR");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CurrencyCode",
                table: "OrganisationSettings");
        }
    }
}
