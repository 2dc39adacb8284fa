using Microsoft.EntityFrameworkCore.Design;

namespace Protokol.Storage;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the CLI or the portal.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProtokolDb>
{
    public ProtokolDb CreateDbContext(string[] args) => Database.Create("design-time.db");
}

/// <summary>The same for the PostgreSQL migrations (`--context PostgresProtokolDb`); adding a migration connects nowhere.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProtokolDb>
{
    public PostgresProtokolDb CreateDbContext(string[] args) => (PostgresProtokolDb)Database.Create("postgres://protokol@localhost/protokol");
}
