using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Protokol.Meetings;

namespace Protokol.Accounts;

/// <summary>One change to a stored entity: who, when, what, and its values before and after (JSON).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Entity { get; set; }
    public required string Key { get; set; }
    /// <summary>Added, Modified, Deleted, or Imported (a whole meeting from a file).</summary>
    public required string Action { get; set; }
    public int? MeetingId { get; set; }
    public int? ItemId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// The audit trail is written by the database context itself, in the transaction of every SaveChanges, so no
/// code path can change an entity without leaving a row. An import names its file instead of listing every
/// section it wrote: the file, by its hash, is the "after".
/// </summary>
public static class Audit
{
    /// <summary>Values never copied into the trail; the row says only that they changed.</summary>
    static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Value" };

    /// <summary>Danish letters as themselves, so the trail reads as it was written.</summary>
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>Not changes to the record: the logs themselves, the keys, and the outbox (the act a message tells of has its own row).</summary>
    static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(AccessLogEntry), typeof(DataProtectionKey), typeof(Mail.OutboundMail)];

    /// <summary>Values of one kind of entity never copied into the trail: a file's bytes and text (its hash names it), a follower's address.</summary>
    static readonly HashSet<(Type, string)> Withheld = [(typeof(StoredFile), nameof(StoredFile.Content)), (typeof(StoredFile), nameof(StoredFile.Text)), (typeof(Mail.Subscription), nameof(Mail.Subscription.Email)), (typeof(Mail.Subscription), nameof(Mail.Subscription.Token))];

    /// <summary>What an import writes as one meeting.</summary>
    static readonly HashSet<Type> MeetingContent =
        [typeof(Meeting), typeof(MeetingBody), typeof(Participant), typeof(TocEntry), typeof(AgendaItem), typeof(ItemSection), typeof(ItemAbsentee), typeof(Attachment), typeof(Case)];

    public sealed record Pending(EntityEntry Entry, string Action, string? Key, Dictionary<string, object?>? Before, Dictionary<string, object?>? After);

    /// <summary>Reads the changes before they are saved (afterwards the originals are gone).</summary>
    public static List<Pending> Collect(ChangeTracker tracker, bool importing)
    {
        var pending = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || NotAudited.Contains(e.Metadata.ClrType)) continue;
            if (importing && MeetingContent.Contains(e.Metadata.ClrType))
            {
                if (e.Entity is Meeting m) pending.Add(new(e, "Imported", null, null, new() { ["Source"] = $"{m.SourceFormat} {m.SourceKey} sha256:{m.SourceHash}" }));
                continue;
            }
            var props = e.Properties.Where(p => !p.Metadata.IsShadowProperty() || p.Metadata.IsForeignKey()).ToList();
            switch (e.State)
            {
                case EntityState.Added:
                    pending.Add(new(e, "Added", null, null, null)); // its values, keys included, once saved
                    break;
                case EntityState.Deleted:
                    pending.Add(new(e, "Deleted", KeyOf(e), props.ToDictionary(p => p.Metadata.Name, p => Shown(e, p.Metadata.Name, p.OriginalValue)), null));
                    break;
                default:
                    var changed = props.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (changed.Count > 0)
                        pending.Add(new(e, "Modified", KeyOf(e),
                            changed.ToDictionary(p => p.Metadata.Name, p => Shown(e, p.Metadata.Name, p.OriginalValue)),
                            changed.ToDictionary(p => p.Metadata.Name, p => Shown(e, p.Metadata.Name, p.CurrentValue))));
                    break;
            }
        }
        return pending;
    }

    /// <summary>The row for a change, once saving has given new entities their keys.</summary>
    public static AuditEntry Complete(Pending p, string actor, DateTime at) => new()
    {
        At = at,
        Actor = actor,
        Entity = p.Entry.Metadata.ClrType.Name,
        Key = p.Key ?? KeyOf(p.Entry),
        Action = p.Action,
        MeetingId = p.Entry.Entity switch
        {
            Meeting m => m.Id,
            AgendaItem i => i.MeetingId,
            Participant pa => pa.MeetingId,
            _ => null,
        },
        ItemId = p.Entry.Entity switch
        {
            AgendaItem i => i.Id,
            ItemSection s => s.AgendaItemId,
            ItemAbsentee a => a.AgendaItemId,
            Attachment a => a.AgendaItemId,
            _ => null,
        },
        Before = p.Before is null ? null : Serialize(p.Before),
        After = Serialize(p.After ?? (p.Action == "Added" ? Values(p.Entry) : null)),
    };

    /// <summary>JSON for the trail, with Danish letters as themselves.</summary>
    public static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);

    static Dictionary<string, object?> Values(EntityEntry e) =>
        e.Properties.Where(p => !p.Metadata.IsShadowProperty() || p.Metadata.IsForeignKey()).ToDictionary(p => p.Metadata.Name, p => Shown(e, p.Metadata.Name, p.CurrentValue));

    static string KeyOf(EntityEntry e) =>
        string.Join("/", e.Metadata.FindPrimaryKey()!.Properties.Select(k => Convert.ToString(e.Property(k.Name).CurrentValue ?? e.Property(k.Name).OriginalValue, System.Globalization.CultureInfo.InvariantCulture)));

    static object? Shown(EntityEntry e, string property, object? value) =>
        value is not null && (Secret.Contains(property) || Withheld.Contains((e.Metadata.ClrType, property))) ? "(skjult)" : value;
}
