namespace Protokol.Import;

public enum Severity { Info, Warning, Error }

/// <summary>Something an importer or check could not fully understand; Line is 1-based in the source (0 = whole document).</summary>
public sealed record Diagnostic(int Line, string Field, string Message, Severity Severity = Severity.Warning)
{
    public override string ToString() => $"line {Line}: {Severity.ToString().ToLowerInvariant()}: [{Field}] {Message}";
}

/// <summary>What an importer made of one document: the meeting (null when it could not find one) and what it noticed.</summary>
public sealed record ParsedDocument(Meetings.Meeting? Meeting, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Failed => Meeting is null;
}
