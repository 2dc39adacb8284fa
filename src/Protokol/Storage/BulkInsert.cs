using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Protokol.Storage;

/// <summary>
/// Inserts many rows in a few multi-row INSERT statements, in the current transaction, from the
/// model's own table, columns and value conversions (so it speaks whichever provider the context uses). For rows
/// nobody reads back in the same unit of work: their generated keys are not fetched and they are never tracked, so
/// the audit trail and change rows they would cause must come from an entity that is saved normally beside them.
/// </summary>
public static class BulkInsert
{
    /// <summary>Well under every provider's limit on parameters in one statement (SQLite's old default is 999).</summary>
    const int MaxParameters = 900;

    /// <summary>
    /// SQLite's: Microsoft.Data.Sqlite binds each parameter by its name, which SQLite finds by walking the statement's
    /// list, so a statement's binding costs the square of its parameters (the Greve import took 5.3 s with 60 a
    /// statement against 6.6 s with 900).
    /// </summary>
    const int MaxSqliteParameters = 60;

    /// <summary>
    /// Inserts every table's rows (each list one entity type; empty lists are skipped) in one round trip where the
    /// provider sends several statements at once (PostgreSQL), else a statement at a time (SQLite, in process).
    /// </summary>
    public static async Task InsertAsync(ProtokolDb db, CancellationToken ct, params IEnumerable<IReadOnlyList<object>> tables)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var factory = connection.CreateCommand();
        var most = db.Database.IsSqlite() ? MaxSqliteParameters : MaxParameters;
        var statements = tables.Where(t => t.Count > 0).SelectMany(t => Statements(db, t, factory, most)).ToList();
        if (statements.Count == 0) return;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (text, parameters) in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = text;
                command.Parameters.AddRange(parameters);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            return;
        }
        foreach (var (text, parameters) in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Multi-row INSERT statements for rows of one entity type, with parameters made as EF Core makes them (value conversions and all).</summary>
    static IEnumerable<(string Text, DbParameter[] Parameters)> Statements(ProtokolDb db, IReadOnlyList<object> rows, DbCommand factory, int most)
    {
        var type = rows[0].GetType();
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Every stored property but a key the database generates.
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd) && p.GetColumnName(table) is not null).ToList();
        var sql = db.GetInfrastructure().GetRequiredService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(c => (Property: c, Mapping: (RelationalTypeMapping)c.GetRelationalTypeMapping(), Get: c.GetGetter())).ToList();
        foreach (var chunk in rows.Chunk(Math.Max(1, most / columns.Count)))
        {
            var parameters = new DbParameter[chunk.Length * mappings.Count];
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var (property, mapping, get) = mappings[c];
                    var name = "p" + n;
                    parameters[n++] = mapping.CreateParameter(factory, sql.GenerateParameterName(name), get.GetClrValue(chunk[r]), property.IsNullable); // converts as EF Core does
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }
                text.Append(')');
            }
            yield return (text.ToString(), parameters);
        }
    }
}
