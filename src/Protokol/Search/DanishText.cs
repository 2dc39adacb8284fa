using System.Globalization;
using System.Text;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Protokol.Search;

/// <summary>
/// Danish words to their Snowball stems, so "budgetopfølgningen" and "budgetopfølgning" meet. Used for both
/// the indexed text and the query; the index stores stems, the snippets are cut from the original text.
/// </summary>
public static class DanishText
{
    /// <summary>One word as it stands in the text: where it starts, how long it is.</summary>
    public readonly record struct Word(int Start, int Length);

    [ThreadStatic] static DanishStemmer? stemmer;

    public static string Stem(string word)
    {
        var s = stemmer ??= new DanishStemmer();
        s.SetCurrent(Lower(word));
        s.Stem();
        return s.Current;
    }

    /// <summary>The Latin letters in lower case, as Danish writes them (as every culture but Turkish and Azeri does).</summary>
    static readonly char[] LowerCase = [.. Enumerable.Range(0, 0x250).Select(c => char.ToLower((char)c, Meetings.SectionLabels.Danish))];

    /// <summary>
    /// A letter in lower case. The Latin letters are looked up: .NET asks ICU for every letter or string holding æ, ø
    /// or å, which indexing and the import's loss meter do for every word; other scripts ask the culture.
    /// </summary>
    public static char Lower(char c) => c < LowerCase.Length ? LowerCase[c] : char.ToLower(c, Meetings.SectionLabels.Danish);

    /// <summary>A word in lower case (itself when it is already): see <see cref="Lower(char)"/>.</summary>
    public static string Lower(string word)
    {
        foreach (var c in word)
            if (c >= LowerCase.Length || LowerCase[c] != c) return Lower(word.AsSpan());
        return word;
    }

    /// <summary>Part of a text, in lower case, as a string of its own.</summary>
    public static string Lower(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (c >= LowerCase.Length) return word.ToString().ToLower(Meetings.SectionLabels.Danish);
        Span<char> lower = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        for (var i = 0; i < word.Length; i++) lower[i] = LowerCase[word[i]];
        return new string(lower);
    }

    /// <summary>Endings a Danish word takes (nouns, verbs, adjectives).</summary>
    static readonly string[] Endings = ["e", "en", "et", "er", "ene", "erne", "es", "s", "t"];

    /// <summary>
    /// The stems a word searched for matches exactly: its own, and the word itself when its inflected forms stem
    /// back to it. Snowball stems "budget" to "budg" but "budgettet" and "budgetter" to "budget"; a prefix would
    /// instead match hundreds of terms ("budg*").
    /// </summary>
    public static IReadOnlyList<string> Forms(string word)
    {
        var lower = Lower(word);
        var stem = Stem(lower);
        return stem != lower && Endings.Any(e => Stem(lower + e) == lower) ? [stem, lower] : [stem];
    }

    /// <summary>Letters and digits, split at everything else ("25/5120" is two words).</summary>
    public static IEnumerable<Word> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0) { yield return new Word(start, i - start); start = -1; }
        }
    }

    /// <summary>The text as space-separated stems.</summary>
    public static string Stems(string text) => string.Join(' ', Words(text).Select(w => Stem(text.Substring(w.Start, w.Length))));

    /// <summary>
    /// What the full-text index holds: the text's stems, each compound's followed by its parts' stems, so that
    /// "opfølgning" finds "budgetopfølgning". Parts are words the lexicon knows; where it splits a word no way, the
    /// words this text itself has on their own count too (determined by the text alone, so an item is indexed the
    /// same whatever else the archive holds, and the index never has to be built again as the archive grows).
    /// </summary>
    public static string Stems(string text, Lexicon lexicon)
    {
        var words = Words(text).Select(w => Lower(text.AsSpan(w.Start, w.Length))).ToList();
        var stems = words.Select(Stem).ToList();
        HashSet<string>? own = null;
        var sb = new StringBuilder(text.Length + text.Length / 4);
        for (var i = 0; i < words.Count; i++)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(stems[i]);
            if (words[i].Length < Decompounder.MinWord) continue;
            var parts = KnownParts(words[i], lexicon);
            if (parts.Length == 0 && !lexicon.Contains(stems[i]))
            {
                own ??= stems.Where(s => s.Length >= 3 && !lexicon.Contains(s)).ToHashSet(StringComparer.Ordinal);
                // Only a part the lexicon lacks can split it now, and a part holds its stem: most words hold none.
                if (HoldsAny(words[i], own.GetAlternateLookup<ReadOnlySpan<char>>()))
                    parts = [.. Decompounder.AllParts(words[i], s => lexicon.Contains(s) || own.Contains(s)).Select(Stem).Distinct()];
            }
            foreach (var p in parts) sb.Append(' ').Append(p);
        }
        return sb.ToString();
    }

    /// <summary>Whether a piece of the word that could be a part's stem (not the word's own: a part leaves four letters) is one of <paramref name="stems"/>.</summary>
    static bool HoldsAny(string word, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> stems)
    {
        for (var start = 0; start < word.Length - 2; start++)
            for (var length = 3; length <= word.Length - 4 && start + length <= word.Length; length++)
                if (stems.Contains(word.AsSpan(start, length))) return true;
        return false;
    }

    /// <summary>Splits by the lexicon alone are remembered (the same words come back item after item), up to a bound.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<(Lexicon, string), string[]> known = new();

    static string[] KnownParts(string word, Lexicon lexicon)
    {
        if (known.TryGetValue((lexicon, word), out var parts)) return parts;
        parts = [.. Decompounder.AllParts(word, lexicon.Contains).Select(Stem).Distinct()];
        if (known.Count < 500_000) known.TryAdd((lexicon, word), parts);
        return parts;
    }
}
