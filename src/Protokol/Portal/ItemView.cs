using Protokol.Meetings;

namespace Protokol.Portal;

/// <summary>
/// An item as a page shows it; Standalone is the item's own permalink page (its heading is the page's h1).
/// ShowContent: the item is open, or the viewer may read it (a closed item then says so). ShowMinutes: the
/// meeting's own decisions and absences, public once the minutes are.
/// </summary>
public sealed record ItemView(AgendaItem Item, Meeting Meeting, bool Standalone, bool ShowContent, bool ShowMinutes);
