using System.Globalization;
using System.Text;
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
/// compared without case and without leading zeros ("07" = "7").
/// </summary>
public static class LossMeter
{
    const int MaxPlaces = 20;
    const int MaxWordsShown = 12;

    /// <param name="layout">Text the reader took as layout, not content (see <see cref="ParsedDocument.Layout"/>).</param>
    public static (WordCount Count, List<Diagnostic> Diagnostics) Measure(IReadOnlyList<SourcePart> source, Meeting meeting, IEnumerable<string>? layout = null)
    {
        var counts = new Dictionary<string, Tally>(StringComparer.OrdinalIgnoreCase);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var sourceWords = 0;
        foreach (var part in source)
            ForEachWord(part.Text, markdown: false, w =>
            {
                sourceWords++;
                if (lookup.TryGetValue(w, out var t)) t.Source++;
                else lookup[w] = new Tally { Source = 1 };
            });
        var storedWords = 0;
        void Stored(string text) => ForEachWord(text, markdown: true, w =>
        {
            storedWords++;
            if (lookup.TryGetValue(w, out var t)) t.Stored++;
        });
        foreach (var text in StoredText(meeting)) Stored(text);
        foreach (var text in layout ?? []) Stored(text);

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

    sealed class Tally
    {
        public int Source;
        public int Stored;
        public int Lost => Math.Max(0, Source - Stored);
    }

    /// <summary>
    /// Where the lost words stood. A word lost as often as the source has it was lost everywhere; a word lost only some
    /// of the times it occurs is placed where other words were surely lost, as a dropped passage loses its words together.
    /// </summary>
    static IEnumerable<Diagnostic> Places(IReadOnlyList<SourcePart> source, Dictionary<string, Tally> counts, int lost, int sourceWords)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        bool Sure(Tally t) => t.Lost > 0 && t.Lost == t.Source;
        var withSure = new bool[source.Count];
        var ambiguous = new List<int>();
        for (var i = 0; i < source.Count; i++)
        {
            var (sure, maybe) = (false, false);
            ForEachWord(source[i].Text, markdown: false, w => { var t = lookup[w]; sure |= Sure(t); maybe |= t.Lost > 0 && !Sure(t); });
            withSure[i] = sure;
            if (maybe) ambiguous.Add(i);
        }
        // Which parts take the words lost only some of the times they occur: first those with sure losses, then in order.
        var left = counts.Where(c => c.Value.Lost > 0 && !Sure(c.Value)).ToDictionary(c => c.Key, c => c.Value.Lost, StringComparer.OrdinalIgnoreCase);
        var leftLookup = left.GetAlternateLookup<ReadOnlySpan<char>>();
        var taken = new Dictionary<int, List<int>>(); // part → positions of its words taken as lost
        foreach (var i in ambiguous.OrderByDescending(i => withSure[i]))
        {
            var position = 0;
            ForEachWord(source[i].Text, markdown: false, w =>
            {
                if (leftLookup.TryGetValue(w, out var n) && n > 0) { leftLookup[w] = n - 1; (taken.TryGetValue(i, out var l) ? l : taken[i] = []).Add(position); }
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
            var mine = taken.GetValueOrDefault(i) ?? [];
            ForEachWord(source[i].Text, markdown: false, w =>
            {
                if (Sure(lookup[w]) || mine.Contains(position)) words.Add(w.ToString());
                position++;
            });
            var shown = string.Join(' ', words.Take(MaxWordsShown)) + (words.Count > MaxWordsShown ? " …" : "");
            yield return new Diagnostic(source[i].Line, source[i].Field, string.Create(CultureInfo.InvariantCulture,
                $"{words.Count} {(words.Count == 1 ? "word" : "words")} lost here: '{shown}'"));
        }
        if (places > MaxPlaces)
            yield return new Diagnostic(0, "words", string.Create(CultureInfo.InvariantCulture, $"words lost in {places - MaxPlaces} more places"));
    }

    delegate void WordAction(ReadOnlySpan<char> word);

    /// <summary>
    /// Each run of letters and digits. Soft hyphens and zero-width characters do not split a word (PDFs and HTML
    /// put them inside words), nor, in stored Markdown, emphasis marks ("**Gode**kendt"); digits lose their leading zeros.
    /// </summary>
    static void ForEachWord(string text, bool markdown, WordAction action)
    {
        bool Invisible(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' || (markdown && c == '*');
        // Joiners inside a word only: between letters or digits, however many stand together.
        bool JoinsAt(int at)
        {
            var end = at;
            while (end < text.Length && Invisible(text[end])) end++;
            return end > at && end < text.Length && char.IsLetterOrDigit(text[end]);
        }
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            var joined = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || JoinsAt(i)))
                joined |= Invisible(text[i++]);
            if (i == start) continue;
            var word = text.AsSpan(start, i - start);
            action(Normal(joined ? new string([.. word.ToArray().Where(c => !Invisible(c))]) : word));
        }
    }

    static ReadOnlySpan<char> Normal(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || !char.IsAsciiDigit(word[0]) || word[0] != '0') return word;
        foreach (var c in word) if (!char.IsAsciiDigit(c)) return word;
        var trimmed = word.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
