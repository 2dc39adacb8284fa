using System.Text.RegularExpressions;

namespace Protokol.Meetings;

/// <summary>A proposal as the minutes print it: "Direktøren foreslår," followed by clauses "at ...".</summary>
public sealed partial record Proposal(string? Proposer, IReadOnlyList<string> Clauses)
{
    [GeneratedRegex(@"^(?<who>.+?)\s+(foreslår|indstiller)\s*,?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ProposerLine();

    public static Proposal Parse(string text)
    {
        string? proposer = null;
        var clauses = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var m = ProposerLine().Match(line);
            if (proposer is null && clauses.Count == 0 && m.Success) proposer = m.Groups["who"].Value;
            else if (line.StartsWith("at ", StringComparison.OrdinalIgnoreCase)) clauses.Add(line);
            else if (clauses.Count > 0) clauses[^1] += " " + line;
        }
        return new Proposal(proposer, clauses);
    }
}
