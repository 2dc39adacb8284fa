using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Protokol.Meetings;
using Protokol.Storage;

namespace Protokol.Portal;

/// <summary>Per-committee subscriptions: RSS of new minutes, iCalendar of meetings. Closed items are never named beyond their title.</summary>
public static class Feeds
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/udvalg/{slug}").CacheOutput(PageCache.ListPolicy);
        group.MapGet("/referater.rss", Rss);
        group.MapGet("/moeder.ics", Calendar);
        return group;
    }

    static Task<Body?> FindBody(ProtokolDb db, string slug, CancellationToken ct) =>
        db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Slug == slug, ct);

    static async Task<IResult> Rss(string slug, ProtokolDb db, IConfiguration config, CancellationToken ct)
    {
        if (await FindBody(db, slug, ct) is not { } body) return Results.NotFound();
        var meetings = await Meetings(db, body.Id).Where(m => m.State == MeetingState.MinutesPublished)
            .OrderByDescending(m => m.StartsAt).Take(30).ToListAsync(ct);
        var site = PublicUrl.Of(config);
        var feed = new SyndicationFeed($"Referater fra {body.Name}", $"Nye referater fra {body.Name}", new Uri(site, $"udvalg/{slug}"))
        {
            Language = "da-DK",
            LastUpdatedTime = meetings.Count > 0 ? Copenhagen.ToInstant(meetings[0].StartsAt) : default,
            Items = meetings.Select(m => new SyndicationItem(
                $"Referat: {m.BodyTitle} {PortalFormat.ShortDate(m.StartsAt)}",
                // Readers show a description as HTML: titles are encoded, so "<" in a title is never markup.
                string.Join("<br>", m.Items.OrderBy(i => i.Order).Select(i => Encoder.Encode($"Punkt {i.Number}: {i.Title}{(i.IsClosed ? " (lukket punkt)" : "")}"))),
                new Uri(site, $"moeder/{m.Id}"), $"{site}moeder/{m.Id}", Copenhagen.ToInstant(m.StartsAt))
            { PublishDate = Copenhagen.ToInstant(m.StartsAt) }).ToList(),
        };
        var bytes = new MemoryStream();
        await using (var xml = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, Async = true, Encoding = new UTF8Encoding(false) }))
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(xml);
        return Results.Bytes(bytes.ToArray(), "application/rss+xml; charset=utf-8");
    }

    static async Task<IResult> Calendar(string slug, ProtokolDb db, IConfiguration config, CancellationToken ct)
    {
        if (await FindBody(db, slug, ct) is not { } body) return Results.NotFound();
        var meetings = await Meetings(db, body.Id).OrderBy(m => m.StartsAt).ToListAsync(ct);
        var site = PublicUrl.Of(config);
        var calendar = new Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"Møder i {body.Name}");
        calendar.AddProperty("X-WR-TIMEZONE", "Europe/Copenhagen");
        calendar.AddTimeZone(new VTimeZone("Europe/Copenhagen"));
        foreach (var m in meetings)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"protokol-meeting-{m.Id}@{site.Host}",
                Summary = $"{PortalFormat.Stage(m)}: {m.BodyTitle}",
                Location = m.Place is null ? null : PortalFormat.Place(m.Place),
                DtStart = new CalDateTime(m.StartsAt, "Europe/Copenhagen"),
                DtEnd = m.EndsAt is { } end ? new CalDateTime(end, "Europe/Copenhagen") : null,
                Url = new Uri(site, $"moeder/{m.Id}"),
                Description = string.Join("\n", m.Items.OrderBy(i => i.Order).Select(i => $"{i.Number}. {i.Title}")),
            });
        }
        return Results.Text(new CalendarSerializer().SerializeToString(calendar)!, "text/calendar; charset=utf-8");
    }

    static IQueryable<Meeting> Meetings(ProtokolDb db, int bodyId) => db.Meetings.AsNoTracking()
        .Include(m => m.Bodies).ThenInclude(b => b.Body).Include(m => m.Items)
        .Where(m => Meeting.PublicStates.Contains(m.State) && m.Bodies.Any(b => b.BodyId == bodyId)).AsSplitQuery();
}
