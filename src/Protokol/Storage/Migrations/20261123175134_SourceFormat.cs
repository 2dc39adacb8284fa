using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SourceFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceFormat",
                table: "Meetings",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SourceFormat",
                table: "Meetings");
        }
    }
}
