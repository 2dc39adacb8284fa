using Protokol.Meetings;
using Protokol.Portal;

namespace Protokol.Secretariat;

/// <summary>How the staff pages order and word seats: the chair first, then the vice-chair, other roles, plain members; by name within each.</summary>
public static class Roster
{
    public static readonly string[] SuggestedRoles = ["formand", "næstformand", "medlem"];

    /// <summary>Today in Copenhagen: a seat counts for whole days there.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Copenhagen.Now(clock));

    /// <summary>Held today or later (a seat that has not begun yet is listed with the current ones).</summary>
    public static bool IsCurrent(Membership m, DateOnly today) => m.End is null || m.End >= today;

    public static IEnumerable<Membership> Ordered(IEnumerable<Membership> seats) =>
        seats.OrderBy(m => Rank(m.Role)).ThenBy(m => m.Person.Name, PortalFormat.DanishOrder);

    public static string Role(Membership m) => m.Role ?? "medlem";

    static int Rank(string? role) => role?.ToLower(Meetings.SectionLabels.Danish) switch
    {
        "formand" => 0,
        "næstformand" => 1,
        null => 3,
        _ => 2,
    };
}
