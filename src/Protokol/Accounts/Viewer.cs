using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Accounts;

/// <summary>
/// A body whose closed items a viewer may read, for meetings from From up to (not including) To: a member's seat,
/// or (Serves) the body a secretary serves, whose meetings they also change.
/// </summary>
public sealed record Grant(int BodyId, DateTime From, DateTime To, bool Serves = false);

/// <summary>
/// Who is asking, as far as the rules care. Every decision about who may see or change what is made here, from
/// the account's role, the bodies a secretary serves and the seats (memberships) a member's person holds.
/// </summary>
public sealed class Viewer
{
    public static readonly Viewer Public = new(null, null, "", null, []);

    /// <summary>Whoever runs the command line on the server: they hold the database file itself, so every rule is theirs.</summary>
    public static Viewer CommandLine() => new(null, AccountRole.Admin, "kommandolinje", "kommandolinje:" + Environment.UserName, []);

    Viewer(int? accountId, AccountRole? role, string name, string? email, IReadOnlyList<Grant> grants, int? personId = null, IReadOnlySet<int>? reviewing = null) =>
        (AccountId, Role, Name, Email, Grants, PersonId, Reviewing) = (accountId, role, name, email, grants, personId, reviewing ?? new HashSet<int>());

    /// <summary>The unpublished agendas sent to this account for review (gennemlæsning).</summary>
    public IReadOnlySet<int> Reviewing { get; }

    /// <summary>The person (the portal's member page) the account belongs to: whose seat approves minutes.</summary>
    public int? PersonId { get; }

    public int? AccountId { get; }
    /// <summary>The role that counts now: staff who have not passed their second factor count as members.</summary>
    public AccountRole? Role { get; }
    public string Name { get; }
    public string? Email { get; }
    public IReadOnlyList<Grant> Grants { get; }

    public bool IsSignedIn => AccountId is not null;
    public bool IsAdmin => Role == AccountRole.Admin;
    public bool IsStaff => Role is AccountRole.Admin or AccountRole.Secretary;
    /// <summary>Who the audit trail and the access log name.</summary>
    public string Actor => Email ?? "offentlig";

    /// <summary>The one rule for closed items: may this viewer read a closed item of a meeting of these bodies held then?</summary>
    public bool MayReadClosed(IEnumerable<int> meetingBodyIds, DateTime startsAt) =>
        IsAdmin || meetingBodyIds.Any(b => Grants.Any(g => g.BodyId == b && startsAt >= g.From && startsAt < g.To));

    public bool MayRead(AgendaItem item, Meeting meeting) =>
        !item.IsClosed || MayReadClosed(meeting.Bodies.Select(b => b.BodyId), meeting.StartsAt);

    /// <summary>A planned meeting (its draft agenda) is for the staff of its bodies, and those it was sent to for review, until the agenda is published.</summary>
    public bool MayOpen(Meeting meeting) => meeting.AgendaIsPublic || Reviewing.Contains(meeting.Id) || meeting.Bodies.Any(b => MayChangeBody(b.BodyId));

    /// <summary>The meeting's own decisions and absences: everyone once the minutes are published; before that its members and staff, who approve them.</summary>
    public bool MayReadMinutes(Meeting meeting) =>
        meeting.MinutesArePublic || MayReadClosed(meeting.Bodies.Select(b => b.BodyId), meeting.StartsAt);

    /// <summary>Secretaries change the meetings, items and memberships of the bodies they serve; administrators all.</summary>
    public bool MayChangeBody(int bodyId) => IsAdmin || Grants.Any(g => g.Serves && g.BodyId == bodyId);

    /// <summary>
    /// The meetings whose every item this viewer may read (closed items, unpublished minutes, a secretary's
    /// drafts), for filtering a search: null means every meeting (an administrator), empty means none (the public).
    /// </summary>
    public async Task<IReadOnlyList<int>?> FullyReadableMeetingsAsync(ProtokolDb db, CancellationToken ct)
    {
        if (IsAdmin) return null;
        if (Grants.Count == 0) return [];
        var bodies = Grants.Select(g => g.BodyId).Distinct().ToList();
        var candidates = await db.Meetings.AsNoTracking().Where(m => m.Bodies.Any(b => bodies.Contains(b.BodyId)))
            .Select(m => new Meeting { Id = m.Id, SourceKey = "", StartsAt = m.StartsAt, State = m.State, Bodies = m.Bodies.Select(b => new MeetingBody { BodyId = b.BodyId }).ToList() })
            .ToListAsync(ct);
        return candidates.Where(m => MayOpen(m) && MayReadClosed(m.Bodies.Select(b => b.BodyId), m.StartsAt)).Select(m => m.Id).ToList();
    }

    /// <summary>The viewer behind a signed-in principal; the account is read afresh, so a changed role counts at once.</summary>
    public static async Task<Viewer> LoadAsync(ProtokolDb db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id))
            return Public;
        var account = await db.Accounts.AsNoTracking().Include(a => a.SecretaryOf).FirstOrDefaultAsync(a => a.Id == id, ct);
        // A changed password (or a new second factor) changes the stamp: every older login stops counting at once.
        var stamp = principal.FindFirstValue("AspNet.Identity.SecurityStamp");
        if (account is null || (stamp is not null && stamp != account.SecurityStamp)) return Public;
        var secondFactor = principal.HasClaim("amr", "mfa");
        var role = account.RequiresTwoFactor && !secondFactor ? AccountRole.Member : account.Role;
        var grants = new List<Grant>();
        if (role == AccountRole.Secretary)
            grants.AddRange(account.SecretaryOf.Select(s => new Grant(s.BodyId, DateTime.MinValue, DateTime.MaxValue, Serves: true)));
        if (account.PersonId is { } person)
        {
            var seats = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person).Select(m => new { m.BodyId, m.Start, m.End }).ToListAsync(ct);
            grants.AddRange(seats.Select(m => new Grant(m.BodyId,
                m.Start?.ToDateTime(TimeOnly.MinValue) ?? DateTime.MinValue,
                m.End?.AddDays(1).ToDateTime(TimeOnly.MinValue) ?? DateTime.MaxValue)));
        }
        var reviewing = await db.Reviews.AsNoTracking().Where(r => r.AccountId == account.Id).Select(r => r.MeetingId).ToListAsync(ct);
        return new Viewer(account.Id, role, account.Name, account.Email, grants, account.PersonId, reviewing.ToHashSet());
    }
}
