using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Items",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Items_CaseId",
                table: "Items",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Key",
                table: "Cases",
                column: "Key",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Items_Cases_CaseId",
                table: "Items",
                column: "CaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // The cases the archive already names: one per number key ("20/6391" and "20-6391" are one), titled by
            // the item that treated it first; every numbered item linked to its case.
            migrationBuilder.Sql("""
                INSERT INTO Cases (Key, Number, Title)
                SELECT REPLACE(i.CaseNumber, '/', '-'), MIN(i.CaseNumber),
                       (SELECT f.Title FROM Items f JOIN Meetings fm ON fm.Id = f.MeetingId
                        WHERE REPLACE(f.CaseNumber, '/', '-') = REPLACE(i.CaseNumber, '/', '-') ORDER BY fm.StartsAt, f.Id LIMIT 1)
                FROM Items i WHERE i.CaseNumber IS NOT NULL GROUP BY REPLACE(i.CaseNumber, '/', '-')
                """);
            migrationBuilder.Sql("UPDATE Items SET CaseId = (SELECT c.Id FROM Cases c WHERE c.Key = REPLACE(Items.CaseNumber, '/', '-')) WHERE CaseNumber IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Items_Cases_CaseId",
                table: "Items");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Items_CaseId",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Items");
        }
    }
}
