using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ContentChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentChanges",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentChanges", x => x.Sequence);
                });
            // An archive from before change rows: one row per meeting, so the search index is built from them on first start.
            migrationBuilder.Sql("INSERT INTO ContentChanges (MeetingId) SELECT Id FROM Meetings ORDER BY Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentChanges");
        }
    }
}
