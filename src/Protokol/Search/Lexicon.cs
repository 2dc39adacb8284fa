using System.Security.Cryptography;
using System.Text;

namespace Protokol.Search;

/// <summary>
/// Danish words known apart from the archive, as stems: Debian's hunspell-da word list (LGPL-2.1 / GPL-2 / MPL-1.1,
/// from stavekontrolden.dk) when it is installed, else none. The index splits compounds with it, so its identity is
/// recorded in the index: installing or upgrading the list builds the index again from the change rows.
/// </summary>
public sealed class Lexicon
{
    public const string HunspellDanish = "/usr/share/hunspell/da_DK.dic";

    readonly HashSet<string> stems;

    /// <summary>What the index records: "none", or the list's file name and the start of its SHA-256.</summary>
    public string Identity { get; }

    Lexicon(HashSet<string> stems, string identity) => (this.stems, Identity) = (stems, identity);

    public bool Contains(string stem) => stems.Contains(stem);

    public int Count => stems.Count;

    public static readonly Lexicon Empty = new([], "none");

    static readonly Lazy<Lexicon> installed = new(() => File.Exists(HunspellDanish) ? FromHunspell(HunspellDanish) : Empty);

    /// <summary>The hunspell list on this machine, read once (about 0.3 s for its 158,000 entries).</summary>
    public static Lexicon Installed => installed.Value;

    public static Lexicon FromWords(IEnumerable<string> words, string identity) =>
        new(words.Select(w => DanishText.Stem(w)).ToHashSet(StringComparer.Ordinal), identity);

    /// <summary>
    /// A .dic file: a count, then "word/flags morphology" a line. The base words only (the affix rules inflect them,
    /// and stems meet inflections anyway), with the forms its morphology names ("al:ældre"); "ældre-" is a word
    /// that only begins compounds.
    /// </summary>
    public static Lexicon FromHunspell(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var words = new List<string>();
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n').Skip(1))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            words.Add(fields[0].Split('/')[0]);
            words.AddRange(fields.Where(f => f.StartsWith("al:", StringComparison.Ordinal)).Select(f => f[3..]));
        }
        var plain = words.Select(w => DanishText.Lower(w.TrimEnd('-'))).Where(w => w.Length > 1 && w.All(char.IsLetter));
        return FromWords(plain, $"{Path.GetFileName(path)}:{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}");
    }
}
