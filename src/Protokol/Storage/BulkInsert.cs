using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Protokol.Storage;

/// <summary>
/// Inserts many rows of one entity type in a few multi-row INSERT statements, in the current transaction, from the
/// model's own table, columns and value conversions (so it speaks whichever provider the context uses). For rows
/// nobody reads back in the same unit of work: their generated keys are not fetched and they are never tracked, so
/// the audit trail and change rows they would cause must come from an entity that is saved normally beside them.
/// </summary>
public static class BulkInsert
{
    /// <summary>Well under every provider's limit on parameters in one statement (SQLite's old default is 999).</summary>
    const int MaxParameters = 900;

    public static async Task InsertAsync<T>(ProtokolDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Every stored property but a key the database generates.
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd) && p.GetColumnName(table) is not null).ToList();
        var sql = db.GetInfrastructure().GetRequiredService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(c => (Property: c, Mapping: (RelationalTypeMapping)c.GetRelationalTypeMapping(), Get: c.GetGetter())).ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / columns.Count)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var (property, mapping, get) = mappings[c];
                    var name = sql.GenerateParameterName("p" + n++);
                    command.Parameters.Add(mapping.CreateParameter(command, name, get.GetClrValue(chunk[r]), property.IsNullable)); // converts as EF Core does
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder("p" + (n - 1)));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
