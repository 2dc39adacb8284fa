using System.Globalization;
using System.Runtime.InteropServices;
using Protokol.Meetings;

namespace Protokol.Import;

/// <summary>A piece of a source document whose words the loss meter counts, and where it stands (for the report).</summary>
public readonly record struct SourcePart(string Text, int Line, string Field);

/// <summary>Words read from the source, words the imported meeting holds, and source words it does not hold.</summary>
public sealed record WordCount(int Source, int Stored, int Lost);

/// <summary>
/// Counts the words of a source document and of the meeting made from it, and reports every source word the
/// meeting does not hold, with where it stood. The meeting is counted as its referat prints it (labels such as
/// "Punkt", "Mødedato" and "Beslutning … den …" included, since the source prints them too) plus its attachment
/// and absentee lists; words the meeting adds are not counted against it. A word is a run of letters or digits,
/// compared without case and without leading zeros ("07" = "7"), by a 64-bit hash of those letters (the meter runs
/// on every import, so words are never made into strings unless some are lost).
/// </summary>
public static class LossMeter
{
    const int MaxPlaces = 20;
    const int MaxWordsShown = 12;

    struct Tally
    {
        public int Source;
        public int Stored;
        public readonly int Lost => Math.Max(0, Source - Stored);
        public readonly bool Sure => Lost > 0 && Lost == Source;
    }

    /// <param name="layout">Text the reader took as layout, not content (see <see cref="ParsedDocument.Layout"/>).</param>
    public static (WordCount Count, List<Diagnostic> Diagnostics) Measure(IReadOnlyList<SourcePart> source, Meeting meeting, IEnumerable<string>? layout = null)
    {
        var counts = new Dictionary<ulong, Tally>();
        var sourceWords = 0;
        foreach (var part in source)
            ForEachWord(part.Text, markdown: false, (_, key) =>
            {
                sourceWords++;
                CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out bool _).Source++;
            });
        var storedWords = 0;
        foreach (var text in StoredText(meeting).Concat(layout ?? []))
            ForEachWord(text, markdown: true, (_, key) =>
            {
                storedWords++;
                ref var t = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref t)) t.Stored++;
            });

        var lost = counts.Values.Sum(t => t.Lost);
        var diagnostics = new List<Diagnostic>();
        if (lost > 0) diagnostics.AddRange(Places(source, counts, lost, sourceWords));
        return (new WordCount(sourceWords, storedWords, lost), diagnostics);
    }

    /// <summary>The meeting's text as stored: its referat as printed, and the lists a referat does not print.</summary>
    static IEnumerable<string> StoredText(Meeting meeting)
    {
        yield return Referat.ReferatWriter.Write(meeting);
        foreach (var item in meeting.Items)
        {
            foreach (var a in item.Attachments) yield return a.Name;
            foreach (var a in item.Absentees) yield return a.Name;
        }
    }

    /// <summary>
    /// Where the lost words stood. A word lost as often as the source has it was lost everywhere; a word lost only some
    /// of the times it occurs is placed where other words were surely lost, as a dropped passage loses its words together.
    /// </summary>
    static IEnumerable<Diagnostic> Places(IReadOnlyList<SourcePart> source, Dictionary<ulong, Tally> counts, int lost, int sourceWords)
    {
        var withSure = new bool[source.Count];
        var ambiguous = new List<int>();
        for (var i = 0; i < source.Count; i++)
        {
            var (sure, maybe) = (false, false);
            ForEachWord(source[i].Text, markdown: false, (_, key) => { var t = counts[key]; sure |= t.Sure; maybe |= t.Lost > 0 && !t.Sure; });
            withSure[i] = sure;
            if (maybe) ambiguous.Add(i);
        }
        // Which parts take the words lost only some of the times they occur: first those with sure losses, then in order.
        var left = counts.Where(c => c.Value.Lost > 0 && !c.Value.Sure).ToDictionary(c => c.Key, c => c.Value.Lost);
        var taken = new Dictionary<int, HashSet<int>>(); // part → positions of its words taken as lost
        foreach (var i in ambiguous.OrderByDescending(i => withSure[i]))
        {
            var position = 0;
            ForEachWord(source[i].Text, markdown: false, (_, key) =>
            {
                if (left.TryGetValue(key, out var n) && n > 0) { left[key] = n - 1; (taken.TryGetValue(i, out var l) ? l : taken[i] = []).Add(position); }
                position++;
            });
        }

        yield return new Diagnostic(0, "words", string.Create(CultureInfo.InvariantCulture,
            $"{lost} of the source's {sourceWords} words are not in the imported meeting"));
        var places = 0;
        for (var i = 0; i < source.Count; i++)
        {
            if (!withSure[i] && !taken.ContainsKey(i)) continue;
            if (++places > MaxPlaces) continue;
            var words = new List<string>();
            var position = 0;
            var mine = taken.GetValueOrDefault(i);
            ForEachWord(source[i].Text, markdown: false, (word, key) =>
            {
                if (counts[key].Sure || mine?.Contains(position) == true) words.Add(word.ToString());
                position++;
            });
            var shown = string.Join(' ', words.Take(MaxWordsShown)) + (words.Count > MaxWordsShown ? " …" : "");
            yield return new Diagnostic(source[i].Line, source[i].Field, string.Create(CultureInfo.InvariantCulture,
                $"{words.Count} {(words.Count == 1 ? "word" : "words")} lost here: '{shown}'"));
        }
        if (places > MaxPlaces)
            yield return new Diagnostic(0, "words", string.Create(CultureInfo.InvariantCulture, $"words lost in {places - MaxPlaces} more places"));
    }

    delegate void WordAction(ReadOnlySpan<char> word, ulong key);

    /// <summary>
    /// Each run of letters and digits, with its key. Soft hyphens and zero-width characters do not split a word (PDFs
    /// and HTML put them inside words), nor, in stored Markdown, emphasis marks ("**Gode**kendt").
    /// </summary>
    static void ForEachWord(string text, bool markdown, WordAction action)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || JoinsAt(text, i, markdown))) i++;
            if (i > start) action(text.AsSpan(start, i - start), Key(text.AsSpan(start, i - start), markdown));
        }
    }

    static bool Invisible(char c, bool markdown) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' || (markdown && c == '*');

    /// <summary>Joiners inside a word only: between letters or digits, however many stand together.</summary>
    static bool JoinsAt(string text, int at, bool markdown)
    {
        var end = at;
        while (end < text.Length && Invisible(text[end], markdown)) end++;
        return end > at && end < text.Length && char.IsLetterOrDigit(text[end]);
    }

    /// <summary>FNV-1a over the word's letters folded to lower case, joiners left out, and a number's leading zeros.</summary>
    static ulong Key(ReadOnlySpan<char> word, bool markdown)
    {
        var digits = true;
        foreach (var c in word) if (!char.IsAsciiDigit(c) && !Invisible(c, markdown)) { digits = false; break; }
        var hash = 14695981039346656037UL;
        var leading = digits;
        foreach (var c in word)
        {
            if (Invisible(c, markdown) || (leading && c == '0')) continue;
            leading = false;
            hash = unchecked((hash ^ Search.DanishText.Lower(c)) * 1099511628211UL);
        }
        return leading ? unchecked((14695981039346656037UL ^ '0') * 1099511628211UL) : hash; // all zeros: the number 0
    }
}
