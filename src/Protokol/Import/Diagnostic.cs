namespace Protokol.Import;

public enum Severity { Info, Warning, Error }

/// <summary>Something an importer or check could not fully understand; Line is 1-based in the source (0 = whole document).</summary>
public sealed record Diagnostic(int Line, string Field, string Message, Severity Severity = Severity.Warning)
{
    public override string ToString() => $"line {Line}: {Severity.ToString().ToLowerInvariant()}: [{Field}] {Message}";
}

/// <summary>
/// What an importer made of one document: the meeting (null when it could not find one) and what it noticed. A
/// document with an error is not imported: what an error names would be missing or wrong in the meeting.
/// </summary>
public sealed record ParsedDocument(Meetings.Meeting? Meeting, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Failed => Meeting is null || Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The source's text as the reader saw it, for the loss meter.</summary>
    public IReadOnlyList<SourcePart> Source { get; init; } = [];

    /// <summary>Text the reader took as layout, not content (page headers and footers, a site's own headings): not counted as lost.</summary>
    public IReadOnlyList<string> Layout { get; init; } = [];

    /// <summary>What the loss meter counted; null until it has.</summary>
    public WordCount? Words { get; init; }
}
