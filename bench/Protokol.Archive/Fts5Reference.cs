using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Protokol.Meetings;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Archive;

/// <summary>
/// The search engine Protokol had before Lucene.NET, kept here as the reference the benchmarks measure beside it:
/// SQLite FTS5 over Danish stems, every stem a prefix, count, page and each facet one statement.
/// </summary>
public sealed class Fts5Reference(ProtokolDb db)
{
    /// <summary>What an item is found by: its title, case number and every section's text.</summary>
    public static (string Title, string Body) Document(AgendaItem item) =>
        (DanishText.Stems(item.Title), DanishText.Stems(string.Join('\n', item.Sections.Select(s => s.Text).Prepend(item.CaseNumber ?? ""))));

    async Task IndexAsync(IEnumerable<AgendaItem> items, CancellationToken ct)
    {
        // Many rows a statement: one round trip per 100 items instead of one per item.
        foreach (var chunk in items.Chunk(100))
        {
            var parameters = new List<SqliteParameter>(chunk.Length * 3);
            var rows = new List<string>(chunk.Length);
            foreach (var item in chunk)
            {
                var (title, body) = Document(item);
                var n = rows.Count;
                rows.Add($"($r{n}, $t{n}, $b{n})");
                parameters.Add(new SqliteParameter($"$r{n}", item.Id));
                parameters.Add(new SqliteParameter($"$t{n}", title));
                parameters.Add(new SqliteParameter($"$b{n}", body));
            }
#pragma warning disable EF1003 // only generated placeholders ($r0, $t0, ...) are concatenated; every value is a parameter
            await db.Database.ExecuteSqlRawAsync("INSERT INTO search_items(rowid, title, body) VALUES " + string.Join(", ", rows), parameters, ct);
#pragma warning restore EF1003
        }
    }

    /// <summary>Creates and fills the table from every stored item, in one transaction, as the old start-up rebuild did.</summary>
    public async Task BuildAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE IF NOT EXISTS search_items USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM search_items", ct);
        var ids = await db.Items.Select(i => i.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(500))
            await IndexAsync(await db.Items.AsNoTracking().Include(i => i.Sections).Where(i => chunk.Contains(i.Id)).ToListAsync(ct), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var stems = DanishText.Words(query.Text).Select(w => DanishText.Stem(query.Text.Substring(w.Start, w.Length))).Distinct().ToList();
        if (stems.Count == 0) return new(0, [], [], [], []);
        // Every stem must occur; each as a prefix, so "budget" also finds "budgetopfølgning". Quoted: no FTS syntax from users.
        var match = string.Join(" AND ", stems.Select(s => $"\"{s.Replace("\"", "", StringComparison.Ordinal)}\"*"));
        var access = query.Readable;
        var p = new Dictionary<string, object?> { ["$readable"] = System.Text.Json.JsonSerializer.Serialize(access.Meetings), ["$match"] = match, ["$body"] = query.Body, ["$from"] = Year(query.Year), ["$to"] = Year(query.Year + 1), ["$outcome"] = query.Outcome?.ToString() };
        string Where(string? except) =>
            // The public finds open items of published agendas and minutes (a held meeting's index already holds its
            // unpublished decisions); the rest only those who may read it. Counts, facets and snippets all pass this filter.
            "search_items MATCH $match" + (access.All ? "" : " AND ((i.IsClosed = 0 AND m.State IN ('AgendaPublished', 'MinutesPublished')) OR i.MeetingId IN (SELECT value FROM json_each($readable)))")
            + (query.Body is null || except == "body" ? "" : " AND EXISTS (SELECT 1 FROM MeetingBody mb JOIN Bodies b ON b.Id = mb.BodyId WHERE mb.MeetingId = m.Id AND b.Slug = $body)")
            + (query.Year is null || except == "year" ? "" : " AND m.StartsAt >= $from AND m.StartsAt < $to")
            + (query.Outcome is null || except == "outcome" ? "" : " AND EXISTS (SELECT 1 FROM Sections d WHERE d.AgendaItemId = i.Id AND d.Kind = 'Decision' AND d.Outcome = $outcome)");
        const string From = " FROM search_items JOIN Items i ON i.Id = search_items.rowid JOIN Meetings m ON m.Id = i.MeetingId WHERE ";

        var total = await Scalar("SELECT count(*)" + From + Where(null), p, ct);
        var rows = await Rows("SELECT i.Id, i.Number, i.Title, i.CaseNumber, m.Id, m.StartsAt, i.IsClosed" + From + Where(null)
            + $" ORDER BY bm25(search_items, 4.0, 1.0), m.StartsAt DESC LIMIT {query.PageSize} OFFSET {(Math.Max(1, query.Page) - 1) * query.PageSize}", p,
            r => (Id: r.GetInt32(0), Number: r.GetString(1), Title: r.GetString(2), Case: r.IsDBNull(3) ? null : r.GetString(3), Meeting: r.GetInt32(4), At: DateTime.Parse(r.GetString(5), CultureInfo.InvariantCulture), Closed: r.GetBoolean(6)), ct);

        var bodies = await Rows("SELECT b.Slug, b.Name, count(DISTINCT i.Id)" + From.Replace(" WHERE ", " JOIN MeetingBody mb2 ON mb2.MeetingId = m.Id JOIN Bodies b ON b.Id = mb2.BodyId WHERE ", StringComparison.Ordinal)
            + Where("body") + " GROUP BY b.Slug, b.Name ORDER BY 3 DESC, 2", p, r => new Facet(r.GetString(0), r.GetString(1), r.GetInt32(2)), ct);
        var years = await Rows("SELECT substr(m.StartsAt, 1, 4), count(*)" + From + Where("year") + " GROUP BY 1 ORDER BY 1 DESC", p,
            r => new Facet(r.GetString(0), r.GetString(0), r.GetInt32(1)), ct);
        var outcomes = await Rows("SELECT d.Outcome, count(DISTINCT i.Id)" + From.Replace(" WHERE ", " JOIN Sections d ON d.AgendaItemId = i.Id AND d.Kind = 'Decision' WHERE ", StringComparison.Ordinal)
            + Where("outcome") + " GROUP BY 1 ORDER BY 2 DESC", p,
            r => { var o = Enum.Parse<DecisionOutcome>(r.GetString(0)); return new Facet(o.ToString(), DecisionOutcomes.Danish(o), r.GetInt32(1)); }, ct);

        var ids = rows.Select(r => r.Id).ToList();
        var items = await db.Items.AsNoTracking().Include(i => i.Sections).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var meetingIds = rows.Select(r => r.Meeting).Distinct().ToList();
        var names = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).Include(m => m.Bodies).ThenInclude(b => b.Body).ToDictionaryAsync(m => m.Id, m => m.BodyTitle, ct);
        var marked = stems.ToHashSet();
        var hits = rows.Select(r => new SearchHit(r.Id, r.Number, r.Title, r.Case, r.Meeting, r.At, names[r.Meeting],
            Snippet.Html(string.Join("\n", items[r.Id].Sections.OrderBy(s => s.Kind == SectionKind.Decision ? 0 : 1).ThenBy(s => s.Order).Select(s => s.Text)), marked), r.Closed)).ToList();
        return new(total, hits, bodies, years, outcomes);
    }

    static string? Year(int? year) => year is null ? null : $"{year:0000}-01-01";

    async Task<int> Scalar(string sql, Dictionary<string, object?> parameters, CancellationToken ct) =>
        (await Rows(sql, parameters, r => r.GetInt32(0), ct)).Single();

    async Task<List<T>> Rows<T>(string sql, Dictionary<string, object?> parameters, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }
}
