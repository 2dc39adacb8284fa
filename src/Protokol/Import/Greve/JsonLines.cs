using System.Text;
using System.Text.Json;

namespace Protokol.Import.Greve;

/// <summary>The source line of every property in a JSON document, by path ("Dagsordenpunkter[3].Navn"), so diagnostics can name a line.</summary>
public sealed class JsonLines
{
    readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    public int this[string path] => lines.TryGetValue(path, out var l) ? l : 0;

    public static JsonLines Index(byte[] utf8)
    {
        var result = new JsonLines();
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++) if (utf8[i] == '\n') newlines.Add(i);
        int LineOf(long offset) { var k = newlines.BinarySearch((int)offset); return (k < 0 ? ~k : k) + 1; }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();      // path segments of the containers we are in
        var index = new List<int>();        // for arrays: next element index; for objects: -1
        string? pending = null;
        void Enter(long at)
        {
            if (index.Count > 0 && index[^1] >= 0) { path.Add($"[{index[^1]}]"); index[^1]++; result.lines.TryAdd(Join(path), LineOf(at)); }
            else if (pending is not null) { path.Add(pending); pending = null; }
            else path.Add("");
        }
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Enter(reader.TokenStartIndex);
                    index.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    index.RemoveAt(index.Count - 1);
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    pending = reader.GetString();
                    result.lines.TryAdd(Join([.. path, pending!]), LineOf(reader.TokenStartIndex));
                    break;
                default:
                    if (index.Count > 0 && index[^1] >= 0) { result.lines.TryAdd(Join([.. path, $"[{index[^1]}]"]), LineOf(reader.TokenStartIndex)); index[^1]++; }
                    pending = null;
                    break;
            }
        }
        return result;
    }

    static string Join(IEnumerable<string> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments.Where(s => s.Length > 0))
        {
            if (sb.Length > 0 && !s.StartsWith('[')) sb.Append('.');
            sb.Append(s);
        }
        return sb.ToString();
    }
}
