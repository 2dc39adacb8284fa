using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Protokol.Archive;

/// <summary>
/// Archives of any size in the publication-site JSON the importer reads, grown from the real Greve meetings:
/// each generated meeting is a real one (its shape: items, sections, tables, closed items, attachments, absences)
/// moved to another municipality and year, with a quarter of its words swapped for words drawn from the samples'
/// own vocabulary (by frequency), so the text stays Danish-like but no two meetings are the same. Deterministic:
/// the same seed and size give the same files.
/// </summary>
public static class Generator
{
    /// <summary>Municipalities the generated meetings are spread over, in order: ~2,400 meetings (~35,000 items, 20 years) each.</summary>
    static readonly string[] Municipalities =
    [
        "Fjordby", "Aabakke", "Lyngsted", "Skovlund", "Havnsø", "Bøgelund", "Egebjerg", "Mosegård", "Strandhøj", "Kildevang",
        "Rønnebæk", "Tornby", "Vesterlyng", "Østermark", "Birkedal", "Lindholm", "Ålunde", "Klintebjerg", "Søholt", "Engelsted",
    ];

    const int MeetingsPerMunicipality = 2400;

    /// <summary>Danish letters as themselves, as the site writes them.</summary>
    static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (int Meetings, int Items) Write(string folder, int items, int seed)
    {
        var templates = Directory.GetFiles(Paths.Samples("firstagenda-greve"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllBytes(f))!.AsObject()).ToList();
        var vocabulary = Vocabulary(templates);
        var random = new Random(seed);
        Directory.CreateDirectory(folder);
        var (meetings, written) = (0, 0);
        while (written < items)
        {
            var template = templates[random.Next(templates.Count)];
            var meeting = template.DeepClone().AsObject();
            var points = meeting["Dagsordenpunkter"]!.AsArray();
            while (points.Count > 1 && written + points.Count > items) points.RemoveAt(points.Count - 1);
            var municipality = Municipalities[meetings / MeetingsPerMunicipality % Municipalities.Length]
                + (meetings / MeetingsPerMunicipality >= Municipalities.Length ? $" {meetings / MeetingsPerMunicipality / Municipalities.Length + 1}" : "");
            var yearsBack = meetings / templates.Count % 20;
            Move(meeting, meetings, municipality, yearsBack);
            foreach (var point in points) Perturb(point!.AsObject(), vocabulary, random);
            File.WriteAllText(Path.Combine(folder, $"{meetings:000000}.json"), meeting.ToJsonString(Json));
            meetings++;
            written += points.Count;
        }
        return (meetings, written);
    }

    /// <summary>Another identity, municipality and year: a meeting the importer has not seen.</summary>
    static void Move(JsonObject meeting, int n, string municipality, int yearsBack)
    {
        meeting["Id"] = new Guid(n, 0x4242, 0x4242, [0x80, 0, 0, 0, 0, 0, 0, 1]).ToString();
        var body = meeting["Udvalg"]!.AsObject();
        body["Navn"] = $"{body["Navn"]!.GetValue<string>().TrimStart('.', ' ')} ({municipality})";
        var moede = meeting["Moede"]!.AsObject();
        foreach (var key in new[] { "MeetingBeginUtc", "Dato" })
            if (moede[key]?.GetValue<string>() is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var t))
                moede[key] = t.AddYears(-yearsBack).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    static void Perturb(JsonObject point, string[] vocabulary, Random random)
    {
        // The site writes an item's title twice, as Navn and as Caption: one perturbed title for both, as the importer
        // (and its loss meter) reads the copy as the same words.
        var (name, caption) = (point["Navn"]?.GetValue<string>(), point["Caption"]?.GetValue<string>());
        if (name is not null) point["Navn"] = Swap(name, vocabulary, random, 0.15);
        if (caption is not null) point["Caption"] = caption == name ? point["Navn"]!.GetValue<string>() : Swap(caption, vocabulary, random, 0.15);
        foreach (var field in point["Felter"]?.AsArray() ?? [])
            if (field?["Html"]?.GetValue<string>() is { } html) field["Html"] = Swap(html, vocabulary, random, 0.25);
    }

    /// <summary>Swaps words of four letters or more outside HTML tags (and never the "Lukket" that closes an item) with probability p.</summary>
    static string Swap(string text, string[] vocabulary, Random random, double p)
    {
        var sb = new StringBuilder(text.Length + 64);
        var inTag = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '<') inTag = true;
            if (inTag || !char.IsLetter(c))
            {
                if (c == '>') inTag = false;
                sb.Append(c);
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            var word = text.AsSpan(start, i - start);
            var keep = word.Length < 4 || (start == 0 && word.Equals("Lukket", StringComparison.OrdinalIgnoreCase)) || random.NextDouble() >= p;
            sb.Append(keep ? word : vocabulary[random.Next(vocabulary.Length)]);
        }
        return sb.ToString();
    }

    /// <summary>Every word of four letters or more in the samples' text, as often as it occurs there.</summary>
    static string[] Vocabulary(List<JsonObject> templates)
    {
        var words = new List<string>();
        foreach (var t in templates)
            foreach (var point in t["Dagsordenpunkter"]!.AsArray())
                foreach (var field in point!["Felter"]?.AsArray() ?? [])
                    if (field?["Html"]?.GetValue<string>() is { } html)
                        words.AddRange(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>|&[a-z]+;", " ")
                            .Split(' ', '\n', '\r', '\t', '.', ',', ':', ';', '(', ')', '"', '/', '-').Where(w => w.Length >= 4 && w.All(char.IsLetter)));
        return [.. words];
    }
}

static class Paths
{
    public static string Samples(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Protokol.slnx"))) return Path.Combine(dir.FullName, "..", "shared", "samples", folder);
        throw new InvalidOperationException("run from inside the checkout");
    }
}
