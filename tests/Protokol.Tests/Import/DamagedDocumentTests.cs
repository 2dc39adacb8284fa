using System.Text;
using CsCheck;
using Protokol.Import;
using Protokol.Import.Greve;
using Protokol.Import.Referat;

namespace Protokol.Tests.Import;

/// <summary>Thousands of randomly damaged real documents: no importer may throw, and every problem names a line.</summary>
public class DamagedDocumentTests
{
    static readonly string[] Referats = Samples.KoldingFiles.Select(File.ReadAllText).ToArray();
    // The smaller Greve files keep the run short; damage is what varies, not the file.
    static readonly byte[][] Jsons = Samples.GreveFiles.Select(File.ReadAllBytes).OrderBy(b => b.Length).Take(12).ToArray();

    static readonly string[] Noise = ["", "Punkt 3:", "Beslutning", "Beslutning X den 99-99-2025", "| 1 | 2 |", "|---|", "Fraværende:", "REFERAT", "Mødedato Fredag d. 31. februar 2025 kl. 25:00", "\t", "Å", "Bilag", "}", "{", "\"Navn\": 3,", "null", "[", "\"Felter\": [{\"Html\": \"<h3>Beslutning</h3><span>\"}]"];

    /// <summary>Deletes, repeats, swaps, cuts and scribbles over lines, as bad extraction and bad hands do.</summary>
    static string Damage(string text, Random r)
    {
        var lines = text.Split('\n').ToList();
        var steps = r.Next(1, 8);
        for (var s = 0; s < steps && lines.Count > 0; s++)
        {
            var i = r.Next(lines.Count);
            switch (r.Next(7))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[r.Next(lines.Count)]); break;
                case 2: (lines[i], lines[r.Next(lines.Count)]) = (lines[r.Next(lines.Count)], lines[i]); break;
                case 3: lines.Insert(i, Noise[r.Next(Noise.Length)]); break;
                case 4: lines[i] = lines[i].Length > 0 ? lines[i][..r.Next(lines[i].Length)] : "x"; break;
                case 5: lines.RemoveRange(i, lines.Count - i); break;
                default:
                    var chars = lines[i].ToCharArray();
                    if (chars.Length > 0) chars[r.Next(chars.Length)] = "|:,.-\"{}[]0aÆ\t"[r.Next(14)];
                    lines[i] = new string(chars);
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    static void AssertReportable(ParsedDocument parsed, int lineCount)
    {
        Assert.All(parsed.Diagnostics, d => Assert.InRange(d.Line, 0, lineCount + 1));
        if (parsed.Failed) Assert.Contains(parsed.Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Damaged_referat_text_never_throws_and_reports_each_problem_with_a_line()
    {
        Gen.Select(Gen.Int[0, Referats.Length - 1], Gen.Int).Sample((doc, seed) =>
        {
            var text = Damage(Referats[doc], new Random(seed));
            var parsed = ReferatParser.Parse(text);
            AssertReportable(parsed, text.Count(c => c == '\n') + 1);
            if (parsed.Meeting is { } m) Assert.Equal(ReferatImportTests.Normalise(ReferatWriter.Write(m)), ReferatImportTests.Normalise(ReferatWriter.Write(ReferatParser.Parse(ReferatWriter.Write(m)).Meeting!)));
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Damaged_publication_json_never_throws_and_reports_each_problem_with_a_line()
    {
        Gen.Select(Gen.Int[0, Jsons.Length - 1], Gen.Int).Sample((doc, seed) =>
        {
            var text = Damage(Encoding.UTF8.GetString(Jsons[doc]), new Random(seed));
            var parsed = GreveJson.Parse(Encoding.UTF8.GetBytes(text), "damaged.json");
            AssertReportable(parsed, text.Count(c => c == '\n') + 1);
        }, iter: 2000, threads: 1);
    }
}
