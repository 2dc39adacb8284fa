namespace Protokol.Search;

/// <summary>
/// Splits a Danish compound into known words: "budgetopfølgning" into "budget" and "opfølgning", "arbejdsmarked" into
/// "arbejd" (s) "marked", "ældrepleje" into "ældre" and "pleje". A part is known when its stem is (the caller says
/// which stems are known). Of the splits, the one with the fewest parts wins, then the one whose shortest part is
/// longest: long known parts are seldom accidents, while a split into many short words almost always is.
/// </summary>
public static class Decompounder
{
    /// <summary>A word shorter than this is never split: two parts of four letters.</summary>
    public const int MinWord = 8;

    /// <summary>
    /// Parts have four letters or more ("skole", "plan"): three-letter first parts are mostly prepositions and
    /// particles ("for|slag", "til|bud", "ind|stilling"), and three-letter last parts endings that the word list
    /// also has as words ("bevill|ing", "institut|ion"); measured on the judged queries, they cost more than the
    /// few real ones ("cykel|sti") give.
    /// </summary>
    const int MinFirst = 4, MinLast = 4;

    /// <summary>
    /// Particles that begin lexicalised verb nouns: "frem|stilling", "over|tagelse", "under|søgelse" are not about a
    /// "stilling"; letting them split would make a search for the second part find every such word.
    /// </summary>
    static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "frem", "over", "under", "efter", "sammen", "imod", "mellem", "forud", "tilbage", "gennem", "igennem", "omkring",
        "inden", "uden", "udenfor", "hjem", "bort", "ovenfor", "forbi", "henover", "ifølge", "fore", "foran", "nedenfor",
    };

    /// <summary>Words that are also derivational endings: "sikker|hed", "fælles|skab", "lærer|inde", "vand|ring" are one word each.</summary>
    static readonly HashSet<string> Endings = new(StringComparer.Ordinal)
    {
        "ring", "hed", "heds", "dom", "doms", "skab", "skabs", "else", "ende", "ning", "ling", "inde", "tion", "sion", "isme",
        "lig", "lige", "ligt", "agtig", "ere", "erne", "ene", "eres", "ner", "ler", "sel", "ske", "ist", "nes",
    };

    /// <summary>The stems of the pieces words are cut into, remembered (the same pieces come back word after word), up to a bound.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> stems = new(StringComparer.Ordinal);

    static string Stem(string piece)
    {
        if (stems.TryGetValue(piece, out var stem)) return stem;
        stem = DanishText.Stem(piece);
        if (stems.Count < 1_000_000) stems.TryAdd(piece, stem);
        return stem;
    }

    /// <summary>Danish joins parts with nothing, an "s" (arbejd-s-marked) or an "e" (børn-e-have).</summary>
    static readonly string[] Links = ["", "s", "e"];

    /// <summary>The parts of <paramref name="word"/> (lower case), or none when it is no compound of known words.</summary>
    public static IReadOnlyList<string> Split(string word, Func<string, bool> knownStem)
    {
        if (word.Length < MinWord || word.Length > 60 || !word.All(char.IsLetter)) return [];
        var memo = new Dictionary<int, List<string>?>();
        List<string>? best = null;
        foreach (var (first, rest) in Firsts(word, 0, knownStem))
            if (Tail(word, rest, knownStem, memo) is { } tail) best = Better(best, [first, .. tail]);
        return best ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The word's parts, and their parts in turn ("folkeskolereform": folkeskole, reform, folk, skole).</summary>
    public static IEnumerable<string> AllParts(string word, Func<string, bool> knownStem)
    {
        foreach (var part in Split(word, knownStem))
        {
            yield return part;
            foreach (var inner in AllParts(part, knownStem)) yield return inner;
        }
    }

    /// <summary>The known first parts at <paramref name="at"/>, each with where the rest begins after its link.</summary>
    static IEnumerable<(string Part, int Next)> Firsts(string word, int at, Func<string, bool> knownStem)
    {
        for (var end = at + MinFirst; end <= word.Length - MinLast; end++)
        {
            var part = word[at..end];
            if (Particles.Contains(part) || !knownStem(Stem(part))) continue;
            foreach (var link in Links)
                if (end + link.Length <= word.Length - MinLast && string.CompareOrdinal(word, end, link, 0, link.Length) == 0)
                    yield return (part, end + link.Length);
        }
    }

    /// <summary>The best way to read word[at..] as one known last part or a known part followed by more.</summary>
    static List<string>? Tail(string word, int at, Func<string, bool> knownStem, Dictionary<int, List<string>?> memo)
    {
        if (memo.TryGetValue(at, out var done)) return done;
        memo[at] = null; // no cycles (every step moves right), but keep the lookup cheap on the way down
        var whole = word[at..];
        var stem = Stem(whole);
        List<string>? best = Endings.Contains(whole) || Endings.Contains(stem) || !knownStem(stem) ? null : [whole];
        if (best is null)
            foreach (var (part, rest) in Firsts(word, at, knownStem))
                if (Tail(word, rest, knownStem, memo) is { } tail) best = Better(best, [part, .. tail]);
        return memo[at] = best;
    }

    /// <summary>Fewest parts, then the longest shortest part, then the fewest linking letters ("kommune|plan", not "kommun|e|plan").</summary>
    static List<string> Better(List<string>? a, List<string> b) =>
        a is null || (b.Count, -b.Min(p => p.Length), -b.Sum(p => p.Length)).CompareTo((a.Count, -a.Min(p => p.Length), -a.Sum(p => p.Length))) < 0 ? b : a;
}
