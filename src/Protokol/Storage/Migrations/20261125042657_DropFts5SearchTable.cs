using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DropFts5SearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search moved to Lucene.NET (an index folder beside the database, following the change rows); the FTS5
            // table was measured beside it (BENCHMARKS.md) and is no longer written or read.
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_items");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Empty, as the old start-up check filled it again.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_items USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')");
        }
    }
}
