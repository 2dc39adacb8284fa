using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Protokol.Meetings;

/// <summary>The whole meeting as JSON, for export: the model's own shape, closed items included (export is a staff tool).</summary>
public static class MeetingJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(Meeting m) => JsonSerializer.Serialize(new
    {
        m.SourceKey,
        Bodies = m.Bodies.OrderBy(b => b.Order).Select(b => b.Body.Name),
        m.StartsAt,
        m.EndsAt,
        m.Place,
        m.Stage,
        m.State,
        Participants = m.Participants.OrderBy(p => p.Order).Select(p => new { p.Name, p.Absent, p.AbsenceReason }),
        Items = m.Items.OrderBy(i => i.Order).Select(i => new
        {
            i.Number,
            i.Title,
            i.CaseNumber,
            i.IsClosed,
            Sections = i.OrderedSections.Select(s => new
            {
                s.Kind, s.Label, s.Text, s.DecidedBy, s.DecidedOn,
                Outcome = s.Kind == SectionKind.Decision ? s.Outcome : (DecisionOutcome?)null,
                Points = s.Kind == SectionKind.Decision && DecisionOutcomes.Points(s.Text) is { Count: > 1 } points ? points : null,
            }),
            Absentees = i.Absentees.OrderBy(a => a.Order).Select(a => a.Name),
            Attachments = i.Attachments.OrderBy(a => a.Order).Select(a => new { a.Name, a.Link }),
        }),
    }, Options) + "\n";
}
