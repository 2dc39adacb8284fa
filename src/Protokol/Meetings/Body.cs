namespace Protokol.Meetings;

public enum BodyKind { Committee, Council, Other }

/// <summary>A political body that meets: a committee (udvalg), the council (byråd) or another body (råd).</summary>
public sealed class Body
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public BodyKind Kind { get; set; }
    public List<Membership> Memberships { get; set; } = [];

    public static BodyKind KindOf(string name) =>
        name.Contains("byråd", StringComparison.OrdinalIgnoreCase) ? BodyKind.Council
        : name.Contains("udvalg", StringComparison.OrdinalIgnoreCase) ? BodyKind.Committee
        : BodyKind.Other;
}

public sealed class Person
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public List<Membership> Memberships { get; set; } = [];
}

/// <summary>A person's seat in a body; Role is the printed role ("formand", "næstformand") or null for a plain member.</summary>
public sealed class Membership
{
    public int Id { get; set; }
    public int BodyId { get; set; }
    public Body Body { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public string? Role { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
}
