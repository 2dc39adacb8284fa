using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Protokol.Meetings;
using Protokol.Search;
using Protokol.Storage;

namespace Protokol.Archive;

/// <summary>
/// PostgreSQL full-text search doing what Lucene.NET and FTS5 do, measured beside them (issue 12): the archive's items
/// copied into one table with their meeting's flags, year, committees and decision outcomes, and a tsvector of the
/// 'danish' configuration (Snowball stems, stop words dropped; title weight A, text weight B). Two variants on two
/// copies of the table: a GIN index, ranking every match with ts_rank to keep the best 20; and a RUM index, whose
/// ordered scan (<c>tsv &lt;=&gt; query</c>) yields the best 20 without ranking the rest.
/// </summary>
public sealed class PostgresFtsReference(NpgsqlDataSource source, string table)
{
    public const string Gin = "items", Rum = "items_rum";

    /// <summary>What building took: copying from SQLite (stemming included), each index, and the sizes on disk.</summary>
    public sealed record Build(TimeSpan Copy, TimeSpan GinIndex, TimeSpan RumTable, TimeSpan RumIndex, long Table, long GinSize, long RumSize);

    /// <summary>Copies every stored item into <see cref="Gin"/> (with its GIN index) and <see cref="Rum"/> (with its RUM index).</summary>
    public static async Task<Build> LoadAsync(ProtokolDb db, NpgsqlDataSource source, CancellationToken ct)
    {
        await Execute(source, """
            CREATE EXTENSION IF NOT EXISTS rum;
            CREATE TABLE bodies (id int PRIMARY KEY, slug text NOT NULL, name text NOT NULL);
            CREATE TABLE items (
              id int PRIMARY KEY, meeting_id int NOT NULL, number text NOT NULL, title text NOT NULL, case_number text,
              starts_at timestamp NOT NULL, year int NOT NULL, is_closed bool NOT NULL,
              is_public bool NOT NULL, -- open, and its meeting's agenda or minutes published: what the public finds
              bodies int[] NOT NULL, outcomes int[] NOT NULL, body_title text NOT NULL,
              text text NOT NULL, -- the sections, decisions first: what snippets are cut from
              tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('danish', title), 'A')
                || setweight(to_tsvector('danish', coalesce(case_number, '') || E'\n' || text), 'B')) STORED);
            """, ct);
        var clock = Stopwatch.StartNew();
        await using (var connection = await source.OpenConnectionAsync(ct))
        {
            await using (var copy = await connection.BeginBinaryImportAsync("COPY bodies (id, slug, name) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var b in await db.Bodies.AsNoTracking().ToListAsync(ct))
                    await copy.WriteRowAsync(ct, b.Id, b.Slug, b.Name);
                await copy.CompleteAsync(ct);
            }
            var meetings = await db.Meetings.AsNoTracking().Include(m => m.Bodies).ThenInclude(b => b.Body).ToDictionaryAsync(m => m.Id, ct);
            await using var items = await connection.BeginBinaryImportAsync(
                "COPY items (id, meeting_id, number, title, case_number, starts_at, year, is_closed, is_public, bodies, outcomes, body_title, text) FROM STDIN (FORMAT BINARY)", ct);
            var ids = await db.Items.Select(i => i.Id).OrderBy(i => i).ToListAsync(ct);
            foreach (var chunk in ids.Chunk(500))
                foreach (var item in await db.Items.AsNoTracking().Include(i => i.Sections).Where(i => chunk.Contains(i.Id)).ToListAsync(ct))
                {
                    var m = meetings[item.MeetingId];
                    var isPublic = !item.IsClosed && m.State is MeetingState.AgendaPublished or MeetingState.MinutesPublished;
                    await items.StartRowAsync(ct);
                    await items.WriteAsync(item.Id, NpgsqlDbType.Integer, ct);
                    await items.WriteAsync(m.Id, NpgsqlDbType.Integer, ct);
                    await items.WriteAsync(item.Number, NpgsqlDbType.Text, ct);
                    await items.WriteAsync(item.Title, NpgsqlDbType.Text, ct);
                    await items.WriteAsync((object?)item.CaseNumber ?? DBNull.Value, NpgsqlDbType.Text, ct);
                    await items.WriteAsync(m.StartsAt, NpgsqlDbType.Timestamp, ct);
                    await items.WriteAsync(m.StartsAt.Year, NpgsqlDbType.Integer, ct);
                    await items.WriteAsync(item.IsClosed, NpgsqlDbType.Boolean, ct);
                    await items.WriteAsync(isPublic, NpgsqlDbType.Boolean, ct);
                    await items.WriteAsync(m.Bodies.Select(b => b.BodyId).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                    await items.WriteAsync(item.Sections.Where(s => s.Kind == SectionKind.Decision).Select(s => (int)s.Outcome).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                    await items.WriteAsync(m.BodyTitle, NpgsqlDbType.Text, ct);
                    await items.WriteAsync(Text(item), NpgsqlDbType.Text, ct);
                }
            await items.CompleteAsync(ct);
        }
        await Execute(source, "VACUUM ANALYZE items", ct);
        var copied = clock.Elapsed;
        clock.Restart();
        await Execute(source, "CREATE INDEX items_tsv ON items USING gin (tsv)", ct);
        var gin = clock.Elapsed;
        clock.Restart();
        await Execute(source, "CREATE TABLE items_rum AS TABLE items; ALTER TABLE items_rum ADD PRIMARY KEY (id)", ct);
        await Execute(source, "VACUUM ANALYZE items_rum", ct);
        var rumTable = clock.Elapsed;
        clock.Restart();
        await Execute(source, "CREATE INDEX items_rum_tsv ON items_rum USING rum (tsv rum_tsvector_ops)", ct);
        var rum = clock.Elapsed;
        await using var sizes = source.CreateCommand("SELECT pg_table_size('items'), pg_relation_size('items_tsv'), pg_relation_size('items_rum_tsv')");
        await using var reader = await sizes.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new(copied, gin, rumTable, rum, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>An item's text as the portal's snippets read it: decisions first, then the other sections in order.</summary>
    static string Text(AgendaItem item) =>
        string.Join("\n", item.Sections.OrderBy(s => s.Kind == SectionKind.Decision ? 0 : 1).ThenBy(s => s.Order).Select(s => s.Text));

    static async Task Execute(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One statement finds the matches the asker may read once (a materialized CTE) and from them the count, each
    /// facet with every filter but its own, and the page's ids; a second reads the page's rows. Every word must match
    /// (plainto_tsquery ANDs them); the query is inlined, not joined, so the RUM index may order by it.
    /// </summary>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        if (query.Words.Count == 0) return new(0, [], [], [], []);
        const string Match = "tsv @@ plainto_tsquery('danish', $1)";
        const string Readable = "(is_public OR $2 OR meeting_id = ANY($3))";
        const string Filters = """
            ($4::text IS NULL OR (SELECT id FROM bodies WHERE slug = $4) = ANY(bodies)) AS in_body,
            ($5::int IS NULL OR year = $5) AS in_year, ($6::int IS NULL OR $6 = ANY(outcomes)) AS in_outcome
            """;
        var ranked = table == Gin;
        var page = ranked
            ? "SELECT id FROM hits WHERE in_body AND in_year AND in_outcome ORDER BY rank DESC, starts_at DESC, id"
            // Ordered by distance alone, or the planner ranks every match to sort by (distance, date): the date then
            // orders the ties among the best, and a tie at the last place kept falls as the index yields it.
            : $"""
              SELECT id FROM (SELECT id, starts_at, tsv <=> plainto_tsquery('danish', $1) AS distance FROM {table}
                WHERE {Match} AND {Readable} AND ($4::text IS NULL OR (SELECT id FROM bodies WHERE slug = $4) = ANY(bodies))
                  AND ($5::int IS NULL OR year = $5) AND ($6::int IS NULL OR $6 = ANY(outcomes))
                ORDER BY distance LIMIT {Math.Max(1, query.Page) * query.PageSize}) r
              ORDER BY distance, starts_at DESC, id
              """;
        var sql = $"""
            WITH hits AS MATERIALIZED (
              SELECT id, bodies, year, outcomes, starts_at, {(ranked ? "ts_rank(tsv, plainto_tsquery('danish', $1))" : "0")} AS rank, {Filters}
              FROM {table} WHERE {Match} AND {Readable})
            SELECT 0, 0, count(*) FROM hits WHERE in_body AND in_year AND in_outcome
            UNION ALL SELECT 1, b, count(*) FROM hits, unnest(bodies) b WHERE in_year AND in_outcome GROUP BY b
            UNION ALL SELECT 2, year, count(*) FROM hits WHERE in_body AND in_outcome GROUP BY year
            UNION ALL SELECT 3, o, count(*) FROM hits, unnest(outcomes) o WHERE in_body AND in_year GROUP BY o
            UNION ALL SELECT 4, id, row_number() OVER () FROM ({page} LIMIT {query.PageSize} OFFSET {(Math.Max(1, query.Page) - 1) * query.PageSize}) p
            """;
        await using var connection = await source.OpenConnectionAsync(ct);
        var (total, bodyCounts, yearCounts, outcomeCounts, ids) = (0, new List<(int, int)>(), new List<(int, int)>(), new List<(int, int)>(), new List<(int Id, long Order)>());
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.Parameters.Add(new() { Value = query.Text });
            command.Parameters.Add(new() { Value = query.Readable.All });
            command.Parameters.Add(new() { Value = query.Readable.Meetings.ToArray() });
            command.Parameters.Add(new() { Value = (object?)query.Body ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = (object?)query.Year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new() { Value = query.Outcome is { } o ? (int)o : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (key, n) = (reader.GetInt32(1), reader.GetInt64(2));
                switch (reader.GetInt32(0))
                {
                    case 0: total = (int)n; break;
                    case 1: bodyCounts.Add((key, (int)n)); break;
                    case 2: yearCounts.Add((key, (int)n)); break;
                    case 3: outcomeCounts.Add((key, (int)n)); break;
                    default: ids.Add((key, n)); break;
                }
            }
        }

        var rows = new Dictionary<int, SearchHit>();
        var names = new Dictionary<int, (string Slug, string Name)>();
        var stems = query.Stems.ToHashSet(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new($"SELECT id, number, title, case_number, meeting_id, starts_at, body_title, is_closed, text FROM {table} WHERE id = ANY($1)")
                { Parameters = { new() { Value = ids.Select(i => i.Id).ToArray() } } });
            batch.BatchCommands.Add(new("SELECT id, slug, name FROM bodies WHERE id = ANY($1)") { Parameters = { new() { Value = bodyCounts.Select(b => b.Item1).ToArray() } } });
            await using var reader = await batch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows[reader.GetInt32(0)] = new SearchHit(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4), reader.GetDateTime(5), reader.GetString(6), Snippet.Html(reader.GetString(8), stems), reader.GetBoolean(7));
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) names[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }
        var hits = ids.OrderBy(i => i.Order).Select(i => rows[i.Id]).ToList();
        var bodies = bodyCounts.Where(b => names.ContainsKey(b.Item1)).Select(b => new Facet(names[b.Item1].Slug, names[b.Item1].Name, b.Item2))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        var years = yearCounts.OrderByDescending(y => y.Item1)
            .Select(y => new Facet(y.Item1.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), y.Item1.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), y.Item2)).ToList();
        var outcomes = outcomeCounts.OrderByDescending(o => o.Item2)
            .Select(o => new Facet(((DecisionOutcome)o.Item1).ToString(), DecisionOutcomes.Danish((DecisionOutcome)o.Item1), o.Item2)).ToList();
        return new(total, hits, bodies, years, outcomes);
    }
}
