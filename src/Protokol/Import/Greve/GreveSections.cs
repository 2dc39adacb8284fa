using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Protokol.Meetings;

namespace Protokol.Import.Greve;

/// <summary>
/// Splits an item's HTML from the publication site into sections: the decision, the case presentation's
/// headed parts (Sagsprocedure, Resume, Indstilling, ...) and earlier decisions from "Sagens forløb".
/// </summary>
public static partial class GreveSections
{
    static readonly HtmlParser Parser = new();

    /// <summary>Headings the site uses for sections (any level h1–h5, or a bold paragraph), and the kind each is.</summary>
    static readonly (string Heading, SectionKind Kind, bool Prefix)[] Vocabulary =
    [
        ("Sagsprocedure", SectionKind.Route, false), ("Resume", SectionKind.Summary, false), ("Resumé", SectionKind.Summary, false),
        ("Indstilling", SectionKind.Recommendation, false), ("Supplerende indstilling", SectionKind.Recommendation, false),
        ("Sagsbeskrivelse", SectionKind.CaseText, false), ("Sagsfremstilling", SectionKind.CaseText, false),
        ("Supplerende sagsfremstilling", SectionKind.CaseTextAddition, true), ("Ny supplerende sagsfremstilling", SectionKind.CaseTextAddition, false),
        ("Supplerende sagsbeskrivelse", SectionKind.CaseTextAddition, false),
        ("Økonomiske konsekvenser", SectionKind.Finance, false), ("Økonomi", SectionKind.Finance, false),
        ("Lovgrundlag", SectionKind.Other, false), ("Lovgrunlag", SectionKind.Other, false), ("Lovgivning", SectionKind.Other, false),
        ("Tidsplan", SectionKind.Other, false), ("Kommunikation", SectionKind.Other, false),
        ("Øvrige konsekvenser", SectionKind.Other, false), ("Øvrige forhold", SectionKind.Other, false),
        ("Øvrige opmærksomhedspunkter", SectionKind.Other, false), ("Høring", SectionKind.Other, false),
        ("Miljøvurdering", SectionKind.Other, false), ("Supplerende dagsorden", SectionKind.Other, false),
    ];

    [GeneratedRegex(@"[\s\u00A0\u00AD]+")]
    private static partial Regex Space();

    [GeneratedRegex(@"^(?<date>\d{2}-\d{2}-\d{4})\s+(?<body>.+)$")]
    private static partial Regex HistoryHeading();

    /// <param name="Text">The HTML's text as a reader sees it, for the loss meter.</param>
    /// <param name="Layout">The page's own headings ("Beslutning", "Fremstilling", "Sagens forløb"), which name parts of the page, not
    /// content, and history entries that repeat this meeting's decision: for the loss meter, which does not count them as lost.</param>
    public sealed record Result(List<ItemSection> Sections, int DroppedImages, string Text, List<string> Layout);

    static readonly string[] LayoutHeadings = ["Beslutning", "Fremstilling", "Sagens forløb"];

    public static Result Parse(string html, string body, DateOnly date, bool closed)
    {
        var doc = Parser.ParseDocument("<html><body>" + html + "</body></html>");
        var images = doc.QuerySelectorAll("img").Count(i => i.GetAttribute("src")?.StartsWith("data:", StringComparison.Ordinal) == true);
        var text = HtmlMarkdown.VisibleText(doc.Body!);
        var sections = new List<ItemSection>();
        var container = doc.GetElementById("sagsfremstillingContainer");
        if (closed || container is null)
        {
            // Closed items (and odd pages) carry only the decision.
            AddDecision(sections, HtmlMarkdown.Convert(doc.Body!.ChildNodes), body, date);
            return new(sections, images, text, []);
        }

        var decisionHeading = container.QuerySelectorAll("h3").FirstOrDefault(h => Norm(h.TextContent) == "Beslutning");
        var history = container.QuerySelector("span.sagsforloeb");
        var layout = container.QuerySelectorAll("h3").Where(h => (h.ParentElement == container || h == decisionHeading) && LayoutHeadings.Contains(Norm(h.TextContent))).ToList();
        string? current = null;
        if (decisionHeading?.ParentElement is { } decisionBlock && decisionBlock != container)
        {
            current = HtmlMarkdown.Convert(decisionBlock.ChildNodes.Where(n => n != decisionHeading));
            AddDecision(sections, current, body, date);
            decisionBlock.Remove();
        }
        else if (decisionHeading is null && container.QuerySelector("span.ukendt") is null && container.QuerySelector("p.xsltFirstParagraph") is { } first)
        {
            // One layout (2023-01-09) has no wrapper: the first paragraph is the decision, headed sections follow.
            current = HtmlMarkdown.Convert([first]);
            AddDecision(sections, current, body, date);
            first.Remove();
        }
        // Everything else on the page is the case presentation, wherever the site's HTML (or the parser's repair of it)
        // put it: a stray </span> can end the presentation's wrapper early and leave the rest of it beside the wrapper.
        history?.Remove();
        foreach (var h in layout) h.Remove();
        AddHeaded(sections, doc.Body!.ChildNodes);
        var layoutText = layout.Select(h => h.TextContent).ToList();
        if (history is not null) AddHistory(sections, history, body, date, current, layoutText);
        for (var i = 0; i < sections.Count; i++) sections[i].Order = i;
        return new(sections, images, text, layoutText);
    }

    static void AddDecision(List<ItemSection> sections, string text, string? body, DateOnly? date)
    {
        sections.Add(new ItemSection
        {
            Kind = SectionKind.Decision, Text = text, DecidedBy = body, DecidedOn = date, Outcome = DecisionOutcomes.Classify(text),
        });
    }

    static void AddHeaded(List<ItemSection> sections, IEnumerable<INode> nodes)
    {
        var md = HtmlMarkdown.Convert(nodes, SectionHeading);
        ItemSection? current = null;
        var text = new List<string>();
        void Close()
        {
            var t = string.Join('\n', text).Trim('\n');
            if (current is null && t.Length == 0) return;
            current ??= new ItemSection { Kind = SectionKind.Unheaded };
            current.Text = t;
            sections.Add(current);
        }
        foreach (var line in md.Split('\n'))
        {
            if (line.Length > 0 && line[0] == HtmlMarkdown.SectionMark)
            {
                Close();
                text.Clear();
                var heading = line[1..];
                current = new ItemSection { Kind = KindOf(heading) };
                if (current.Label != heading) current.Heading = heading;
            }
            else text.Add(line);
        }
        Close();
    }

    /// <summary>"Sagens forløb": underlined "dd-mm-yyyy Body" lines, each followed by that body's decision.</summary>
    /// <param name="layoutText">Gets the entries that repeat this meeting's own decision, which are not kept twice.</param>
    static void AddHistory(List<ItemSection> sections, IElement history, string body, DateOnly meetingDate, string? current, List<string> layoutText)
    {
        var entries = new List<(string Heading, List<INode> Nodes)>();
        foreach (var node in history.ChildNodes)
        {
            if (node is IElement { LocalName: "u" } u) entries.Add((Norm(u.TextContent), []));
            else if (entries.Count > 0) entries[^1].Nodes.Add(node);
        }
        foreach (var (heading, nodes) in entries)
        {
            var text = HtmlMarkdown.Convert(nodes);
            var m = HistoryHeading().Match(heading);
            DateOnly? on = m.Success && Referat.ReferatHeader.TryParseShortDate(m.Groups["date"].Value, out var d) ? d : null;
            // An entry for this very meeting and body repeats the decision already taken from the page.
            if (on == meetingDate && current is not null && Norm(text) == Norm(current) && m.Groups["body"].Value.StartsWith(body, StringComparison.OrdinalIgnoreCase))
            {
                layoutText.Add(heading);
                layoutText.Add(text);
                continue;
            }
            var section = new ItemSection
            {
                Kind = SectionKind.Decision, Text = text, DecidedBy = m.Success ? m.Groups["body"].Value : heading, DecidedOn = on,
                Outcome = DecisionOutcomes.Classify(text),
            };
            if (on is null) section.Heading = heading;
            sections.Add(section);
        }
    }

    static string? SectionHeading(IElement e)
    {
        var isHeading = e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5";
        var isBoldLine = e.LocalName is "p" or "div" && e.Children.Length == 1 && e.Children[0].LocalName is "strong" or "b"
            && Norm(e.Children[0].TextContent) == Norm(e.TextContent);
        if (!isHeading && !isBoldLine) return null;
        var text = Norm(e.TextContent).TrimEnd('.', ':').Trim();
        return Vocabulary.Any(v => Matches(v, text)) ? text : null;
    }

    static bool Matches((string Heading, SectionKind Kind, bool Prefix) v, string text) =>
        v.Prefix ? text.StartsWith(v.Heading, StringComparison.OrdinalIgnoreCase) : string.Equals(text, v.Heading, StringComparison.OrdinalIgnoreCase);

    static SectionKind KindOf(string heading) => Vocabulary.First(v => Matches(v, heading)).Kind;

    static string Norm(string s) => Space().Replace(s, " ").Trim();
}
