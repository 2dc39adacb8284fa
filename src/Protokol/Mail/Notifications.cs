using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Mail;

/// <summary>
/// The messages an act sends, put in the outbox of the same unit of work as the act (saved by the caller):
/// members hear of their agenda and of minutes waiting for their approval; citizens who follow a body or a case
/// hear of published agendas and minutes. Only titles of closed items ever go to a citizen.
/// </summary>
public static class Notifications
{
    /// <summary>The agenda is public: the meeting's members, and everyone following its bodies or its cases.</summary>
    public static async Task AgendaPublishedAsync(ProtokolDb db, Uri site, Meeting meeting, CancellationToken ct)
    {
        var when = PortalFormat.DateTime(meeting.StartsAt);
        var link = new Uri(site, $"moeder/{meeting.Id}");
        var titles = Titles(meeting);
        foreach (var (email, name) in await MemberAddressesAsync(db, meeting, ct))
            Add(db, email, "dagsorden", meeting.Id, $"Dagsorden: {meeting.BodyTitle} {when}",
                $"Kære {name}\n\nDagsordenen til mødet i {meeting.BodyTitle} {when}{Place(meeting)} er offentliggjort.\n\n{titles}\nLæs den her (log ind for at se lukkede punkter):\n{link}\n");
        await ToFollowersAsync(db, site, meeting, "dagsorden", $"Ny dagsorden: {meeting.BodyTitle} {when}",
            $"Dagsordenen til mødet i {meeting.BodyTitle} {when}{Place(meeting)} er offentliggjort.\n\n{titles}\nLæs den her:\n{link}\n", ct);
    }

    /// <summary>The minutes are final and public: the members who approved them, and the followers.</summary>
    public static async Task MinutesPublishedAsync(ProtokolDb db, Uri site, Meeting meeting, CancellationToken ct)
    {
        var when = PortalFormat.DateTime(meeting.StartsAt);
        var link = new Uri(site, $"moeder/{meeting.Id}");
        foreach (var (email, name) in await MemberAddressesAsync(db, meeting, ct))
            Add(db, email, "referat", meeting.Id, $"Referat godkendt: {meeting.BodyTitle} {when}",
                $"Kære {name}\n\nAlle tilstedeværende medlemmer har godkendt referatet af mødet i {meeting.BodyTitle} {when}. Det er nu endeligt, underskrevet og offentliggjort:\n{link}\n");
        await ToFollowersAsync(db, site, meeting, "referat", $"Nyt referat: {meeting.BodyTitle} {when}",
            $"Referatet af mødet i {meeting.BodyTitle} {when} er offentliggjort.\n\n{Titles(meeting)}\nLæs det her:\n{link}\n", ct);
    }

    /// <summary>The unpublished agenda sent to chosen people for review (gennemlæsning), with the secretary's note.</summary>
    public static void Review(ProtokolDb db, Uri site, Meeting meeting, IEnumerable<(string Email, string Name)> readers, string? note, string from)
    {
        var when = PortalFormat.DateTime(meeting.StartsAt);
        foreach (var (email, name) in readers)
            Add(db, email, "gennemlæsning", meeting.Id, $"Til gennemlæsning: dagsorden {meeting.BodyTitle} {when}",
                $"Kære {name}\n\n{from} beder dig læse udkastet til dagsordenen for mødet i {meeting.BodyTitle} {when}, før den offentliggøres.\n"
                + (string.IsNullOrWhiteSpace(note) ? "" : $"\n{note.Trim()}\n")
                + $"\n{Titles(meeting)}\nUdkastet (log ind; det er ikke offentligt):\n{new Uri(site, $"moeder/{meeting.Id}")}\n");
    }

    /// <summary>A reminder to a member who has not yet approved the minutes.</summary>
    public static void Reminder(ProtokolDb db, Uri site, Meeting meeting, string email, string name)
    {
        var when = PortalFormat.DateTime(meeting.StartsAt);
        Add(db, email, "påmindelse", meeting.Id, $"Påmindelse: godkend referatet fra {meeting.BodyTitle} {when}",
            $"Kære {name}\n\nReferatet af mødet i {meeting.BodyTitle} {when} venter på din godkendelse.\nLæs det og tryk \"Godkendt\" her:\n{new Uri(site, $"moeder/{meeting.Id}")}\n");
    }

    /// <summary>The accounts (with a confirmed address) of the meeting's participants present.</summary>
    public static async Task<List<(string Email, string Name)>> MemberAddressesAsync(ProtokolDb db, Meeting meeting, CancellationToken ct, bool presentOnly = true)
    {
        var people = meeting.Participants.Where(p => p.PersonId is not null && !(presentOnly && p.Absent)).Select(p => p.PersonId!.Value).ToList();
        if (people.Count == 0) people = await db.Set<Participant>().Where(p => p.MeetingId == meeting.Id && p.PersonId != null && !(presentOnly && p.Absent)).Select(p => p.PersonId!.Value).ToListAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.PersonId != null && people.Contains(a.PersonId.Value) && a.Email != null)
            .Select(a => new { a.Email, a.Name }).ToListAsync(ct);
        return accounts.Select(a => (a.Email!, a.Name)).DistinctBy(a => a.Item1, StringComparer.OrdinalIgnoreCase).ToList();
    }

    static async Task ToFollowersAsync(ProtokolDb db, Uri site, Meeting meeting, string kind, string subject, string body, CancellationToken ct)
    {
        var bodies = meeting.Bodies.Select(b => b.BodyId).ToList();
        var cases = meeting.Items.Where(i => !i.IsClosed && i.CaseId is not null).Select(i => i.CaseId!.Value).ToList();
        var followers = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ConfirmedAt != null && ((s.BodyId != null && bodies.Contains(s.BodyId.Value)) || (s.CaseId != null && cases.Contains(s.CaseId.Value))))
            .OrderBy(s => s.Id).ToListAsync(ct);
        // One message per address, however many of its subscriptions the meeting touches.
        foreach (var s in followers.DistinctBy(s => s.Email, StringComparer.Ordinal))
        {
            var unsubscribe = Subscriptions.UnsubscribeLink(site, s.Token);
            Add(db, s.Email, kind, meeting.Id, subject, body + $"\n--\nDu får denne e-mail, fordi du følger {(s.BodyId is not null ? "udvalget" : "sagen")}. Afmeld:\n{unsubscribe}\n", unsubscribe.ToString());
        }
    }

    static string Titles(Meeting meeting)
    {
        var text = new StringBuilder();
        foreach (var item in meeting.Items.OrderBy(i => i.Order))
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{item.Number}. {(item.IsClosed ? "Lukket punkt: " : "")}{item.Title}\n");
        return text.ToString();
    }

    static string Place(Meeting meeting) => meeting.Place is null ? "" : ", " + meeting.Place.ReplaceLineEndings(" ");

    static void Add(ProtokolDb db, string to, string kind, int meetingId, string subject, string body, string? unsubscribe = null)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboundMail { To = to, Kind = kind, MeetingId = meetingId, Subject = subject, Body = body, UnsubscribeUrl = unsubscribe, CreatedAt = now, NextAttemptAt = now });
    }
}
