using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Protokol.Meetings;

namespace Protokol.Import.Greve;

/// <summary>
/// Reads the JSON a FirstAgenda publication site serves for one meeting (the Greve samples) into a
/// <see cref="Meeting"/>. The site's quirks are pinned in the tests: IsOpen is always false (closed items
/// are known by their "Lukket:" title), times are local with an offset, and absence is spread over
/// participant flags, per-item attendee lists and the decision text.
/// </summary>
public static partial class GreveJson
{
    /// <summary>Where the site serves an attachment by its id (the same endpoint as the item's own PDF).</summary>
    const string AttachmentUrl = "https://dagsordener.greve.dk/Vis/Pdf/bilag/";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    public static ParsedDocument Parse(byte[] utf8, string fileName)
    {
        var diagnostics = new List<Diagnostic>();
        JsonDocument doc;
        JsonLines lines;
        try
        {
            doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            lines = JsonLines.Index(utf8);
        }
        catch (JsonException e)
        {
            diagnostics.Add(new Diagnostic((int)(e.LineNumber ?? 0) + 1, e.Path ?? "json", $"not valid JSON: {e.Message}", Severity.Error));
            return new(null, diagnostics);
        }
        using (doc)
        {
            var reader = new Fields(lines, diagnostics);
            return new(reader.Meeting(doc.RootElement, fileName), diagnostics) { Source = reader.Source, Layout = reader.Layout };
        }
    }

    /// <summary>Typed access to the JSON that reports, with path and line, every field that is missing or of the wrong type.</summary>
    sealed class Fields(JsonLines lines, List<Diagnostic> diagnostics)
    {
        /// <summary>The text fields a reader of the meeting sees, for the loss meter; metadata (ids, flags, times) is not text.</summary>
        public List<SourcePart> Source { get; } = [];
        public List<string> Layout { get; } = [];

        void Read(string path, params string?[] texts)
        {
            foreach (var t in texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal))
                Source.Add(new SourcePart(t!, lines[path], path));
        }

        void Report(string path, string message, Severity severity = Severity.Warning) =>
            diagnostics.Add(new Diagnostic(lines[path], path, message, severity));

        JsonElement? Get(JsonElement parent, string parentPath, string name, JsonValueKind kind, bool required)
        {
            var path = parentPath.Length == 0 ? name : $"{parentPath}.{name}";
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) Report(path, "missing", Severity.Error);
                return null;
            }
            if (v.ValueKind == kind || (kind == JsonValueKind.True && v.ValueKind == JsonValueKind.False)) return v;
            Report(path, $"expected {kind.ToString().ToLowerInvariant()}, found {v.ValueKind.ToString().ToLowerInvariant()}", required ? Severity.Error : Severity.Warning);
            return null;
        }

        string? Str(JsonElement e, string path, string name, bool required = false)
        {
            var value = Get(e, path, name, JsonValueKind.String, required)?.GetString();
            if (value is null) return null;
            var (text, count, first) = ControlCharacters.Remove(value);
            if (count > 0) Report(path.Length == 0 ? name : $"{path}.{name}", ControlCharacters.Describe(count, value[first]));
            return text;
        }

        static bool Bool(JsonElement e, string path, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True
                || (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

        IEnumerable<(JsonElement Element, string Path)> Array(JsonElement e, string path, string name)
        {
            var arr = Get(e, path, name, JsonValueKind.Array, false);
            if (arr is null) yield break;
            var i = 0;
            foreach (var x in arr.Value.EnumerateArray()) yield return (x, $"{(path.Length == 0 ? name : path + "." + name)}[{i++}]");
        }

        public Meeting? Meeting(JsonElement root, string fileName)
        {
            if (root.ValueKind != JsonValueKind.Object) { Report("", "the document is not a JSON object", Severity.Error); return null; }
            var id = Str(root, "", "Id", required: true);
            var committee = Get(root, "", "Udvalg", JsonValueKind.Object, true);
            var moede = Get(root, "", "Moede", JsonValueKind.Object, true);
            if (id is null || committee is null || moede is null) return null;
            var bodyName = Clean(Str(committee.Value, "Udvalg", "Navn", required: true) ?? "");
            Read("Udvalg.Navn", bodyName);
            if (bodyName.StartsWith('.'))
            {
                Report("Udvalg.Navn", $"committee name '{bodyName}' starts with a stray '.'; it was removed");
                bodyName = bodyName.TrimStart('.', ' ');
            }
            var begin = Str(moede.Value, "Moede", "MeetingBeginUtc") ?? Str(moede.Value, "Moede", "Dato", required: true);
            if (bodyName.Length == 0) Report("Udvalg.Navn", "the committee has no name", Severity.Error);
            if (bodyName.Length == 0 || begin is null) return null;
            DateTime startsAt;
            if (DateTimeOffset.TryParseExact(begin, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && begin.Length > 19)
                startsAt = Portal.Copenhagen.ToLocal(withOffset);
            else if (DateTime.TryParse(begin, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                startsAt = DateTime.SpecifyKind(local, DateTimeKind.Unspecified); // no offset: already Copenhagen wall-clock time
            else
            {
                Report("Moede.MeetingBeginUtc", $"'{begin}' is not a date and time", Severity.Error);
                return null;
            }
            var meeting = new Meeting
            {
                SourceKey = "firstagenda:" + id,
                Bodies = [new MeetingBody { Body = new Body { Name = bodyName, Slug = Slug.From(bodyName), Kind = Body.KindOf(bodyName) } }],
                StartsAt = startsAt,
                Place = Str(moede.Value, "Moede", "Sted") is { } place && place.Trim().Length > 0 ? Clean(place) : null,
            };
            Read("Moede.Sted", meeting.Place);
            foreach (var (p, path) in Array(moede.Value, "Moede", "Moededeltagere"))
            {
                var name = Clean(Str(p, path, "Name", required: true) ?? "");
                Read(path + ".Name", name);
                if (name.Length == 0) continue;
                var cancelled = Bool(p, path, "ParticipationCancelled");
                var absent = cancelled || Bool(p, path, "Absent");
                meeting.Participants.Add(new Participant
                {
                    Name = name, Absent = absent, AbsenceReason = cancelled ? "Afbud" : absent ? "Fraværende" : null, Order = meeting.Participants.Count,
                });
            }
            var items = Array(root, "", "Dagsordenpunkter").ToList();
            if (items.Count == 0) Report("Dagsordenpunkter", "the meeting has no items, so there is nothing to import", Severity.Error);
            foreach (var (e, path) in items.OrderBy(x => Sorting(x.Element)))
                if (Item(e, path, meeting, bodyName) is { } item) meeting.Items.Add(item);
            meeting.Stage = meeting.Items.Any(i => i.Decisions.Any(d => d.Text.Length > 0)) ? MeetingStage.Minutes : MeetingStage.Agenda;
            return meeting;
        }

        static int Sorting(JsonElement e) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Sorting", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : int.MaxValue;

        AgendaItem? Item(JsonElement e, string path, Meeting meeting, string bodyName)
        {
            var rawTitle = Str(e, path, "Navn") ?? Str(e, path, "Caption", required: true);
            if (rawTitle is null) return null;
            Read(path + ".Navn", rawTitle, Str(e, path, "Caption"));
            var (closed, title) = AgendaItem.ReadTitle(Clean(rawTitle));
            var item = new AgendaItem
            {
                Number = Str(e, path, "Number") ?? Str(e, path, "Punktnummer") ?? (meeting.Items.Count + 1).ToString(CultureInfo.InvariantCulture),
                Title = title,
                IsClosed = closed,
                Order = meeting.Items.Count,
            };
            Read(path + ".Number", Str(e, path, "Number"), Str(e, path, "Punktnummer"));
            var caseNumber = Clean(Str(e, path, "CaseNumber") ?? Str(e, path, "SagsNummer") ?? "");
            Read(path + ".CaseNumber", caseNumber, Str(e, path, "SagsNummer"));
            if (caseNumber.Length > 0)
            {
                if (CaseNumber.TryParse(caseNumber, out _)) item.CaseNumber = caseNumber;
                else { item.CaseNumber = caseNumber; Report(path + ".CaseNumber", $"'{caseNumber}' is not a known case number form; kept as printed", Severity.Info); }
            }
            var date = DateOnly.FromDateTime(meeting.StartsAt);
            foreach (var (field, fieldPath) in Array(e, path, "Felter"))
            {
                var html = Str(field, fieldPath, "Html");
                if (string.IsNullOrWhiteSpace(html)) continue;
                var parsed = GreveSections.Parse(html, bodyName, date, closed);
                foreach (var s in parsed.Sections)
                    if (ImportLimits.SectionTooLong($"Punkt {item.Number}, '{s.Label}'", s.Text.Length) is { } tooLong) Report(fieldPath + ".Html", tooLong, Severity.Error);
                Read(fieldPath + ".Html", parsed.Text);
                Layout.AddRange(parsed.Layout);
                foreach (var s in parsed.Sections) { s.Order = item.Sections.Count; item.Sections.Add(s); }
                if (parsed.DroppedImages > 0)
                    Report(fieldPath + ".Html", $"{parsed.DroppedImages} embedded images (data: URIs) are not kept", Severity.Info);
            }
            item.Sections.RemoveAll(s => s.Kind == SectionKind.Decision && s.Text.Length == 0 && s.DecidedOn == date);
            for (var i = 0; i < item.Sections.Count; i++) item.Sections[i].Order = i;

            var absent = new List<string>();
            foreach (var (a, aPath) in Array(e, path, "ExternalAgendaItemAttendees"))
                if (Clean(Str(a, aPath, "Name") ?? "") is { Length: > 0 } name) { absent.Add(name); Read(aPath + ".Name", name); }
            var decision = item.Sections.FirstOrDefault(s => s.Kind == SectionKind.Decision && s.DecidedOn == date);
            if (decision is not null)
                foreach (var named in AbsenceText.Names(decision.Text))
                {
                    var match = AbsenceText.Match(named, meeting.Participants.Select(p => p.Name));
                    if (match is null) Report(path + ".Felter", $"absentee '{named}' in the decision text matches no participant; kept as written", Severity.Info);
                    absent.Add(match ?? named);
                }
            foreach (var name in absent.Distinct(StringComparer.Ordinal))
                item.Absentees.Add(new ItemAbsentee { Name = name, Order = item.Absentees.Count });

            foreach (var (b, bPath) in Array(e, path, "Bilag"))
            {
                var name = Clean(Str(b, bPath, "Navn") ?? "");
                Read(bPath + ".Navn", name);
                if (name.Length == 0) { Report(bPath + ".Navn", "attachment without a name", Severity.Info); continue; }
                var id = Str(b, bPath, "Id");
                item.Attachments.Add(new Attachment { Name = name, Link = Guid.TryParse(id, out _) ? AttachmentUrl + id : null, Order = item.Attachments.Count });
            }
            return item;
        }
    }

    static string Clean(string s) => Space().Replace(s.Replace('\u00A0', ' '), " ").Trim();
}
