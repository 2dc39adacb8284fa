using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SeveralSeatsPerBody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_BodyId_PersonId",
                table: "Memberships");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_BodyId_PersonId",
                table: "Memberships",
                columns: new[] { "BodyId", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_BodyId_PersonId",
                table: "Memberships");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_BodyId_PersonId",
                table: "Memberships",
                columns: new[] { "BodyId", "PersonId" },
                unique: true);
        }
    }
}
