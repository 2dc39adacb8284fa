using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Meetings;

namespace Protokol.Import.Referat;

/// <summary>
/// Reads minutes (referat) or an agenda (dagsorden) in the layout of the Kolding samples, or the publisher's other
/// template, into a <see cref="Meeting"/>. Pure: text in, meeting and diagnostics out. Nothing in the text is
/// dropped: what is not understood stays in the section it stands in and is reported. From a PDF each line also says
/// whether it is set as a heading or as text (<see cref="PdfLayout"/>), and then only a heading starts a section.
/// </summary>
public static partial class ReferatParser
{
    [GeneratedRegex(@"^Fraværende (?<names>\p{Lu}[^:.\d]*)$")]
    private static partial Regex AbsenteeSummaryLine();

    /// <summary>"Title.....&lt;TAB&gt;3"; from a PDF the tab arrives as spaces after the dot leader.</summary>
    [GeneratedRegex(@"^\s*(?<text>.*?)\s*\t\s*(?<page>\d+)\s*$|^\s*(?<text>.*?\.{3,})\s+(?<page>\d+)\s*$")]
    private static partial Regex TabbedTocLine();

    [GeneratedRegex(@"^\|\s*(?<text>.*?)\s*\|\s*(?<page>\d*)\s*\|$")]
    private static partial Regex TableTocLine();

    /// <summary>Table frame lines: "| | |", "|--|----|" — pipes, dashes, colons and spaces only.</summary>
    [GeneratedRegex(@"^\|[\s|:-]*$")]
    private static partial Regex TableTocFrame();

    public static ParsedDocument Parse(string text, IReadOnlyCollection<string>? knownBodies = null)
    {
        var lines = Lines(text);
        return new Reader(lines, new LineStyle[lines.Length], knownBodies).Read();
    }

    /// <summary>Lines with what a PDF's layout says of each (<see cref="PdfLayout"/>).</summary>
    public static ParsedDocument Parse(IReadOnlyList<SourceLine> source, IReadOnlyCollection<string>? knownBodies = null) =>
        new Reader([.. source.Select(l => l.Text.TrimEnd())], [.. source.Select(l => l.Style)], knownBodies).Read();

    /// <summary>The text's lines as the parser numbers them (a form feed, pdftotext's page break, ends a line too).</summary>
    public static string[] Lines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\f', '\n').Split('\n').Select(l => l.TrimEnd())];

    /// <summary>One pass over the lines; <c>at</c> is the 0-based index of the next unread line.</summary>
    sealed class Reader(string[] lines, LineStyle[] styles, IReadOnlyCollection<string>? knownBodies)
    {
        /// <summary>An item starts at "Punkt N: …", unless the line is set as text or is a contents line ("…..... 3").</summary>
        bool IsItem(int index) => styles[index] != LineStyle.Body && ReferatHeadings.ItemLine().IsMatch(lines[index]) && !TabbedTocLine().IsMatch(lines[index]);

        readonly List<Diagnostic> diagnostics = [];
        int at;

        void Report(int index, string field, string message, Severity severity = Severity.Warning) =>
            diagnostics.Add(new Diagnostic(index + 1, field, message, severity));

        bool Done => at >= lines.Length;
        void SkipBlank() { while (!Done && lines[at].Length == 0) at++; }

        public ParsedDocument Read()
        {
            SkipBlank();
            if (Done) { Report(0, "document", "the document is empty", Severity.Error); return new(null, diagnostics); }
            var title = ReferatHeader.TitleLine().Match(lines[at]);
            if (!title.Success)
            {
                Report(at, "title", $"expected 'REFERAT <body> d. <dd-mm-yyyy>' or 'DAGSORDEN ...', found '{Clip(lines[at])}'", Severity.Error);
                return new(null, diagnostics);
            }
            var meeting = new Meeting
            {
                SourceKey = "",
                Stage = title.Groups["stage"].Value == "REFERAT" ? MeetingStage.Minutes : MeetingStage.Agenda,
            };
            var bodies = ReferatHeader.SplitBodies(title.Groups["body"].Value, knownBodies);
            meeting.Bodies = bodies.Select((name, i) => new MeetingBody { Body = NewBody(name), Order = i }).ToList();
            var titleLine = at;
            if (!ReferatHeader.TryParseShortDate(title.Groups["date"].Value, out var titleDate))
                Report(at, "title", $"'{title.Groups["date"].Value}' is not a date (dd-mm-yyyy)");
            at++;
            ReadHeaderFields(meeting, titleLine, titleDate);
            ReadToc(meeting);
            ReadItems(meeting);
            meeting.SourceKey = $"referat:{string.Join('+', bodies.Select(Slug.From))}:{meeting.StartsAt.ToString("yyyy-MM-dd'T'HH':'mm", CultureInfo.InvariantCulture)}";
            return new(meeting, diagnostics);
        }

        void ReadHeaderFields(Meeting meeting, int titleLine, DateOnly titleDate)
        {
            var sawDate = false;
            while (true)
            {
                SkipBlank();
                if (Done || IsTocStart(lines[at]) || IsItem(at)) break;
                var start = at;
                var field = ReadField();
                var (name, value) = SplitField(field);
                switch (name)
                {
                    case "Mødedato":
                        var (when, error) = ReferatHeader.ParseDate(value);
                        if (error is not null) Report(start, name, error, when is null ? Severity.Error : Severity.Warning);
                        if (when is not null) { meeting.StartsAt = when.Value; sawDate = true; }
                        break;
                    case "Mødested": meeting.Place = value; break;
                    case "Mødedeltagere":
                        meeting.ParticipantsAsPrinted = value;
                        meeting.Participants = ReferatHeader.ParseParticipants(value);
                        break;
                    default:
                        Report(start, "header", $"unknown header line '{Clip(field)}' was not understood");
                        break;
                }
            }
            if (!sawDate)
            {
                meeting.StartsAt = titleDate.ToDateTime(TimeOnly.MinValue);
                Report(titleLine, "Mødedato", "no meeting date line; the date from the title is used and the time is unknown");
            }
            else if (DateOnly.FromDateTime(meeting.StartsAt) != titleDate && titleDate != default)
                Report(titleLine, "title", $"the title says {titleDate:yyyy-MM-dd} but Mødedato says {meeting.StartsAt:yyyy-MM-dd}");
        }

        static readonly string[] FieldNames = ["Mødedato", "Mødested", "Mødedeltagere"];

        static bool StartsField(string line) => FieldNames.Any(n => line.StartsWith(n + " ", StringComparison.Ordinal));

        /// <summary>A header field: its first line and the wrapped lines after it, up to a blank line or the next field.</summary>
        /// <summary>A member marked "(Fravær)" in the header should be absent from every item that lists its absentees.</summary>
        void CheckAbsenceAgainstHeader(Meeting meeting)
        {
            var absent = meeting.Participants.Where(p => p.Absent).Select(p => p.Name).ToList();
            foreach (var item in meeting.Items.Where(i => i.Sections.Any(s => s.Kind is SectionKind.Absentees or SectionKind.AbsenteeSummary)))
            {
                var missing = absent.Where(n => item.Absentees.All(a => a.Name != n)).ToList();
                if (missing.Count > 0)
                    Report(itemLines[item], "Punkt " + item.Number, $"the header marks {string.Join(", ", missing)} absent, but the item's absentees do not name them");
            }
        }

        readonly Dictionary<AgendaItem, int> itemLines = [];

        string ReadField()
        {
            var start = at++;
            while (!Done && lines[at].Length > 0 && !StartsField(lines[at]) && !IsTocStart(lines[at]) && !IsItem(at)) at++;
            return string.Join('\n', lines[start..at]);
        }

        static (string Name, string Value) SplitField(string field)
        {
            foreach (var name in FieldNames)
                if (field.StartsWith(name + " ", StringComparison.Ordinal) || field.StartsWith(name + "\n", StringComparison.Ordinal))
                    return (name, field[(name.Length + 1)..]);
            return ("", field);
        }

        static bool IsTocStart(string line) => line == "Indholdsfortegnelse";

        void ReadToc(Meeting meeting)
        {
            SkipBlank();
            if (Done || !IsTocStart(lines[at])) return;
            at++;
            // A contents line may start like an item ("Punkt 2: Forslag til …") and end, wrapped, in its page number.
            for (; !Done && (!IsItem(at) || WrappedTocEntry(out _, out _)); at++)
            {
                var line = lines[at];
                if (line.Length == 0) continue;
                if (TableTocFrame().IsMatch(line)) { meeting.TocStyle = TocStyle.Table; continue; }
                var m = TabbedTocLine().Match(line);
                if (!m.Success && (m = TableTocLine().Match(line)).Success) meeting.TocStyle = TocStyle.Table;
                if (!m.Success && WrappedTocEntry(out var joined, out var last)) { m = joined; at = last; }
                if (!m.Success || m.Groups["page"].Value.Length == 0)
                {
                    // Kept as the raw line (Page null), so writing it back gives the same line.
                    Report(at, "Indholdsfortegnelse", $"a contents line without a page number: '{Clip(line)}'");
                    meeting.Toc.Add(new TocEntry { Text = line, Order = meeting.Toc.Count });
                    continue;
                }
                if (!m.Groups["text"].Value.Any(char.IsLetterOrDigit))
                {
                    Report(at, "Indholdsfortegnelse", $"a contents line with no text was left out: '{Clip(line)}'", Severity.Info);
                    continue;
                }
                meeting.Toc.Add(new TocEntry
                {
                    Text = m.Groups["text"].Value,
                    Page = int.Parse(m.Groups["page"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Order = meeting.Toc.Count,
                });
            }
        }

        /// <summary>A contents entry wrapped onto the lines after it, the last of them ending in its page number.</summary>
        bool WrappedTocEntry(out Match entry, out int last)
        {
            var text = lines[at];
            entry = Match.Empty;
            for (last = at + 1; last < lines.Length && last - at <= 3 && lines[last].Length > 0 && !IsItem(last); last++)
            {
                text += " " + lines[last].Trim();
                if ((entry = TabbedTocLine().Match(text)).Success) return true;
            }
            return false;
        }

        void ReadItems(Meeting meeting)
        {
            SkipBlank();
            if (!Done && !IsItem(at))
            {
                // Text between the header and the first item: keep it as an unheaded section of a synthetic item would
                // invent structure, so report it instead and keep reading from the first item.
                var start = at;
                while (!Done && !IsItem(at)) at++;
                Report(start, "document", $"lines {start + 1}-{at} before the first 'Punkt' were not understood: '{Clip(lines[start])}'", Severity.Error);
            }
            while (!Done)
            {
                var m = ReferatHeadings.ItemLine().Match(lines[at]);
                var title = m.Groups["title"].Value.Trim();
                var (closed, shown) = AgendaItem.ReadTitle(title);
                var item = new AgendaItem { Number = m.Groups["no"].Value, Title = shown, IsClosed = closed, Order = meeting.Items.Count };
                itemLines[item] = at;
                if (title.Length == 0) Report(at, "Punkt", $"item {item.Number} has no title");
                if (item.Number != (meeting.Items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    Report(at, "Punkt", $"item number {item.Number} follows item {meeting.Items.Count}", Severity.Info);
                at++;
                if (WrappedTitle() is { } rest) item.Title = $"{item.Title} {rest}".Trim();
                SkipBlank();
                if (!Done && CaseNumber.TryParse(lines[at], out var number)) { item.CaseNumber = number!.Value; at++; }
                ReadSections(item);
                meeting.Items.Add(item);
            }
            // A title line alone would otherwise make an empty meeting, and a committee that may not exist.
            if (meeting.Items.Count == 0) Report(lines.Length - 1, "document", "no items ('Punkt N: ...') were found, so there is no meeting to import", Severity.Error);
            CheckAbsenceAgainstHeader(meeting);
        }

        /// <summary>
        /// In plain text, a title wrapped onto the next line or two, known by the case number right after them
        /// ("Punkt 2: Forslag til lokalplan … samt" / "tillæg nr. 14 …" / "EMN-2025-003383"). A PDF joins its wraps itself.
        /// </summary>
        string? WrappedTitle()
        {
            var end = at;
            while (end < lines.Length && end - at < 3 && styles[end] == LineStyle.Plain && lines[end].Length > 0 && !IsItem(end)
                && !CaseNumber.TryParse(lines[end], out _) && ReferatHeadings.Section(lines[end], out _) is null && !TabbedTocLine().IsMatch(lines[end])) end++;
            if (end == at || end >= lines.Length || !CaseNumber.TryParse(lines[end], out _)) return null;
            var rest = string.Join(' ', lines[at..end].Select(l => l.Trim()));
            at = end;
            return rest;
        }

        void ReadSections(AgendaItem item)
        {
            ItemSection? current = null;
            var body = new List<string>();
            var bodyStart = at;
            void Close()
            {
                var text = JoinBody(body);
                if (current is null && text.Length == 0) return;
                if (current is null)
                {
                    Report(bodyStart, "Punkt " + item.Number, $"text before the item's first heading is kept without a heading: '{Clip(text)}'");
                    current = new ItemSection { Kind = SectionKind.Unheaded };
                }
                if (ImportLimits.SectionTooLong($"Punkt {item.Number}, '{current.Label}'", text.Length) is { } tooLong) Report(bodyStart, "Punkt " + item.Number, tooLong, Severity.Error);
                current.Text = text;
                current.Order = item.Sections.Count;
                item.Sections.Add(current);
            }
            for (; !Done && !IsItem(at); at++)
            {
                var heading = RecogniseHeading(lines[at], at, item, current);
                if (heading is null)
                {
                    if (body.Count == 0 && lines[at].Length == 0) continue;
                    if (body.Count == 0) bodyStart = at;
                    if (lines[at].Trim().Length is 1 or 2 && lines[at].Trim().All(char.IsLetter))
                        Report(at, "Punkt " + item.Number, $"stray characters '{lines[at].Trim()}' kept as text");
                    body.Add(lines[at]);
                    continue;
                }
                Close();
                current = heading;
                body.Clear();
                if (heading.Kind == SectionKind.AbsenteeSummary) { current.Order = item.Sections.Count; item.Sections.Add(current); current = null; bodyStart = at + 1; }
            }
            Close();
            DeriveLists(item);
        }

        /// <summary>
        /// The section a line starts, if any. Set as text (in a PDF), a line is never a heading, only perhaps the closing
        /// line of absentees; set as a heading, it is one even when unknown ("BAGGRUND"). In plain text a heading word in
        /// a list of attachments is an attachment's name when the item already had that section ("Indstilling").
        /// </summary>
        ItemSection? RecogniseHeading(string line, int index, AgendaItem item, ItemSection? current)
        {
            var absent = AbsenteeSummaryLine().Match(line);
            if (absent.Success && LooksLikeNames(absent.Groups["names"].Value))
                return new ItemSection { Kind = SectionKind.AbsenteeSummary, Text = absent.Groups["names"].Value };
            if (styles[index] == LineStyle.Body || line.Length == 0) return null;
            var section = ReferatHeadings.Section(line, out var badDate);
            if (badDate is not null) Report(index, "Beslutning", $"'{badDate}' is not a date (dd-mm-yyyy)");
            if (section is null) return styles[index] == LineStyle.Heading ? new ItemSection { Kind = SectionKind.Other, Heading = line } : null;
            if (styles[index] == LineStyle.Plain && current?.Kind == SectionKind.Attachments && section.Kind is not (SectionKind.Decision or SectionKind.Remarks)
                && item.Sections.Any(s => s.Kind == section.Kind))
                return null;
            return section;
        }

        static bool LooksLikeNames(string text) =>
            text.Split(',', StringSplitOptions.TrimEntries).All(n => n.Length > 0 && n.Split(' ').All(w => w.Length > 0 && (char.IsUpper(w[0]) || w is "von" or "van" or "de")));

        void DeriveLists(AgendaItem item)
        {
            foreach (var s in item.Sections)
            {
                if (s.Kind == SectionKind.Decision) s.Outcome = DecisionOutcomes.Classify(s.Text);
                if (s.Kind == SectionKind.Attachments)
                    foreach (var name in NonBlankLines(s.Text))
                        item.Attachments.Add(new Attachment { Name = name, Order = item.Attachments.Count });
            }
            var listed = item.Sections.Where(s => s.Kind == SectionKind.Absentees).SelectMany(s => NonBlankLines(s.Text)).ToList();
            var summary = item.Sections.Where(s => s.Kind == SectionKind.AbsenteeSummary)
                .SelectMany(s => s.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (listed.Count > 0 && summary.Count > 0 && !listed.Order(StringComparer.Ordinal).SequenceEqual(summary.Order(StringComparer.Ordinal)))
                Report(at - 1, "Punkt " + item.Number, $"the absentees listed ({string.Join(", ", listed)}) differ from the closing line ({string.Join(", ", summary)})");
            foreach (var name in listed.Concat(summary).Distinct(StringComparer.Ordinal))
                item.Absentees.Add(new ItemAbsentee { Name = name, Order = item.Absentees.Count });
        }

    }

    static IEnumerable<string> NonBlankLines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>Section text: its lines with leading/trailing blank lines dropped and blank runs folded to one.</summary>
    static string JoinBody(List<string> body)
    {
        var kept = new List<string>(body.Count);
        foreach (var line in body)
            if (line.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0)) kept.Add(line);
        while (kept.Count > 0 && kept[^1].Length == 0) kept.RemoveAt(kept.Count - 1);
        return string.Join('\n', kept);
    }

    static Body NewBody(string name) => new() { Name = name, Slug = Slug.From(name), Kind = Body.KindOf(name) };

    static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
