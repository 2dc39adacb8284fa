using Microsoft.EntityFrameworkCore.Design;

namespace Protokol.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the CLI or the portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProtokolDb>
{
    public ProtokolDb CreateDbContext(string[] args) => new(Database.SqliteOptions("design-time.db"));
}
