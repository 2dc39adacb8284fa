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
        s.SetCurrent(word.ToLower(Meetings.SectionLabels.Danish));
        s.Stem();
        return s.Current;
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
        var lower = word.ToLower(Meetings.SectionLabels.Danish);
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

    /// <summary>The text as space-separated stems: what the full-text index holds.</summary>
    public static string Stems(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var w in Words(text))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(Stem(text.Substring(w.Start, w.Length)));
        }
        return sb.ToString();
    }
}
