using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class MeetingState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "Meetings",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            // Every meeting so far was imported, and imported documents arrive published.
            migrationBuilder.Sql("UPDATE Meetings SET State = CASE Stage WHEN 'Minutes' THEN 'MinutesPublished' ELSE 'AgendaPublished' END");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_State",
                table: "Meetings",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_State",
                table: "Meetings");

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "Meetings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("UPDATE Meetings SET Stage = CASE State WHEN 'MinutesPublished' THEN 'Minutes' WHEN 'MinutesApproved' THEN 'Minutes' WHEN 'Held' THEN 'Minutes' ELSE 'Agenda' END");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Meetings");
        }
    }
}
