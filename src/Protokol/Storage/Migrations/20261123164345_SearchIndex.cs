using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index of open items over Danish stems (rowid = Items.Id); filled by the import in the same transaction.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_items USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_items");
        }
    }
}
