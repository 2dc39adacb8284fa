using Protokol.Storage;

namespace Protokol.Search;

public static class SearchIndexes
{
    /// <summary>The index that belongs to the database's provider.</summary>
    public static ISearchIndex For(ProtokolDb db) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => new SqliteSearchIndex(db),
        var other => throw new NotSupportedException($"no full-text search for the database provider {other}"),
    };
}
