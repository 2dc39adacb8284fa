using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Storage.Migrations.Postgres
{
    /// <summary>
    /// Every statement that writes change rows notifies the channel protokol_changes, delivered at commit (and not
    /// at all on rollback), so every web node's search follower applies another node's change at once.
    /// </summary>
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION protokol_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('protokol_changes', '');
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ContentChanges_notify" AFTER INSERT ON "ContentChanges"
                FOR EACH STATEMENT EXECUTE FUNCTION protokol_notify_changes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "ContentChanges_notify" ON "ContentChanges";""");
            migrationBuilder.Sql("DROP FUNCTION protokol_notify_changes();");
        }
    }
}
