using Protokol.Meetings;

namespace Protokol.Portal;

/// <summary>An item as a page shows it; Standalone is the item's own permalink page (its heading is the page's h1).</summary>
public sealed record ItemView(AgendaItem Item, bool Standalone)
{
    /// <summary>Public pages show a closed item's number and title only.</summary>
    public bool ShowContent => !Item.IsClosed;
}
