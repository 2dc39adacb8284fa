namespace Protokol.Meetings;

/// <summary>One point (punkt) on a meeting's agenda, with its sections in document order.</summary>
public sealed partial class AgendaItem
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*lukket\s*:\s*", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ClosedPrefix();

    /// <summary>"Lukket: Personalesag" (any case or spacing) → closed, "Personalesag". Every importer decides closedness here.</summary>
    public static (bool Closed, string Title) ReadTitle(string printed)
    {
        var m = ClosedPrefix().Match(printed);
        return m.Success ? (true, printed[m.Length..].Trim()) : (false, printed.Trim());
    }

    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting Meeting { get; set; } = null!;
    public int Order { get; set; }
    /// <summary>As printed: "1", "12", sometimes "1a".</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    /// <summary>The case number as this document prints it; <see cref="Case"/> is the case it belongs to.</summary>
    public string? CaseNumber { get; set; }
    public int? CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>A closed item (lukket punkt): only its title and number may ever reach the public.</summary>
    public bool IsClosed { get; set; }
    public List<ItemSection> Sections { get; set; } = [];
    public List<ItemAbsentee> Absentees { get; set; } = [];
    public List<Attachment> Attachments { get; set; } = [];

    public IEnumerable<ItemSection> Decisions => Sections.Where(s => s.Kind == SectionKind.Decision).OrderBy(s => s.Order);
    public IEnumerable<ItemSection> OrderedSections => Sections.OrderBy(s => s.Order);
}

public sealed class ItemAbsentee
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public int? PersonId { get; set; }
}

public sealed class Attachment
{
    public int Id { get; set; }
    public int AgendaItemId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    /// <summary>Where an imported document linked the file; null for a file stored here.</summary>
    public string? Link { get; set; }
    /// <summary>The stored file (<see cref="StoredFile"/>) for a file uploaded here: its SHA-256.</summary>
    public string? FileSha256 { get; set; }
    public long? Length { get; set; }

    /// <summary>Where the portal serves a stored file, checking who asks.</summary>
    public string? Href => FileSha256 is not null ? $"/filer/{Id}/{Uri.EscapeDataString(Name)}"
        : Link is not null && Uri.TryCreate(Link, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? Link : null;
}
