using Protokol.Accounts;
using Protokol.Meetings;
using Protokol.Portal;

namespace Protokol.Documents;

/// <summary>
/// One reader's copy of a meeting as a document (PDF, DOCX): what it shows is decided by <see cref="Viewer"/>
/// alone — closed items' content only for a reader who may read them, the meeting's own decisions only once
/// the reader may read the minutes — and the front page says which copy it is.
/// </summary>
public sealed class MeetingDocument
{
    MeetingDocument(Meeting meeting, bool closedIncluded, bool showMinutes, string reader) =>
        (Meeting, ClosedIncluded, ShowMinutes, Reader) = (meeting, closedIncluded, showMinutes, reader);

    public static MeetingDocument For(Meeting meeting, Viewer viewer) => new(meeting,
        viewer.MayReadClosed(meeting.Bodies.Select(b => b.BodyId), meeting.StartsAt),
        viewer.MayReadMinutes(meeting), viewer.Name);

    public Meeting Meeting { get; }
    /// <summary>The closed items' content is in this copy (a member's or staff copy; its making is logged).</summary>
    public bool ClosedIncluded { get; }
    public bool ShowMinutes { get; }
    string Reader { get; }

    public IReadOnlyList<AgendaItem> Items => Meeting.Items.OrderBy(i => i.Order).ToList();
    public bool ShowsContent(AgendaItem item) => !item.IsClosed || ClosedIncluded;
    public ItemView View(AgendaItem item) => new(item, Meeting, false, ShowsContent(item), ShowMinutes);

    /// <summary>"Referat" or "Dagsorden": minutes only where this reader may read them.</summary>
    public string Kind => Meeting.Stage == MeetingStage.Minutes && ShowMinutes ? "Referat" : "Dagsorden";
    public string Title => $"{Kind}: {Meeting.BodyTitle}, {PortalFormat.Date(Meeting.StartsAt)}";
    public string FileName(string extension) =>
        $"{Kind.ToLowerInvariant()}-{Slug.From(Meeting.BodyTitle)}-{Meeting.StartsAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>The front page's word on which copy this is; null where there is nothing to say.</summary>
    public string? Edition
    {
        get
        {
            var closed = Meeting.Items.Any(i => i.IsClosed);
            var draft = ShowMinutes && Meeting.Stage == MeetingStage.Minutes && !Meeting.MinutesArePublic
                ? " Referatet er ikke godkendt og offentliggjort endnu." : "";
            if (closed && ClosedIncluded)
                return $"Udgave til {Reader}, med lukkede punkter: fortroligt, kun for udvalgets medlemmer og sekretariat.{draft}";
            if (closed) return "Offentlig udgave: lukkede punkter er kun medtaget med nummer og titel." + draft;
            return draft.Length > 0 ? draft.TrimStart() : null;
        }
    }

    /// <summary>The attachments this copy may carry: those of the items whose content it shows.</summary>
    public IEnumerable<(AgendaItem Item, Attachment Attachment)> Attachments =>
        Items.Where(ShowsContent).SelectMany(i => i.Attachments.OrderBy(a => a.Order).Select(a => (i, a)));
}
