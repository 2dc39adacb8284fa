using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Protokol.Meetings;

namespace Protokol.Search;

/// <summary>
/// An item as the search index holds it: Danish stems to match, compounds followed by their parts' stems (title and
/// text, not stored: snippets are cut from the database), and per-document values the search reads for every hit to filter and count facets.
/// </summary>
public static class ItemDocument
{
    public const string Item = "item", Meeting = "meeting", Title = "title", Body = "body";
    public const string ItemId = "item_id", MeetingId = "meeting_id", StartsAt = "starts", Info = "info", Bodies = "bodies";

    /// <summary>Flags: closed (lukket punkt), and in a state whose agenda or minutes the public reads.</summary>
    public const long Closed = 1, PublicState = 2;

    /// <summary>What every match needs, in one value (one read per match): flags, a bit per decision outcome, the meeting's year.</summary>
    public static long Pack(long flags, long outcomes, int year) => flags | outcomes << 2 | (long)year << 32;

    public static (long Flags, long Outcomes, int Year) Unpack(long info) => (info & 3, (info >> 2) & 0x3FFF_FFFF, (int)(info >> 32));

    public static Document For(AgendaItem item, Meeting meeting, Lexicon lexicon)
    {
        var bodyIds = meeting.Bodies.Select(b => b.BodyId).Distinct().ToArray();
        var bodies = new byte[bodyIds.Length * 4];
        for (var i = 0; i < bodyIds.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bodies.AsSpan(i * 4), bodyIds[i]);
        var outcomes = item.Sections.Where(s => s.Kind == SectionKind.Decision).Aggregate(0L, (bits, s) => bits | (1L << (int)s.Outcome));
        // As the public portal has always read it: published agendas and published minutes, not meetings in between.
        var isPublic = meeting.State is MeetingState.AgendaPublished or MeetingState.MinutesPublished;
        return
        [
            new StringField(Item, item.Id.ToString(CultureInfo.InvariantCulture), Field.Store.NO),
            new StringField(Meeting, meeting.Id.ToString(CultureInfo.InvariantCulture), Field.Store.NO),
            new TextField(Title, DanishText.Stems(item.Title, lexicon), Field.Store.NO),
            new TextField(Body, DanishText.Stems(string.Join('\n', item.Sections.Select(s => s.Text).Prepend(item.CaseNumber ?? "")), lexicon), Field.Store.NO),
            new NumericDocValuesField(ItemId, item.Id),
            new NumericDocValuesField(MeetingId, meeting.Id),
            new NumericDocValuesField(StartsAt, meeting.StartsAt.Ticks),
            new NumericDocValuesField(Info, Pack((item.IsClosed ? Closed : 0) | (isPublic ? PublicState : 0), outcomes, meeting.StartsAt.Year)),
            new BinaryDocValuesField(Bodies, new BytesRef(bodies)),
        ];
    }
}
