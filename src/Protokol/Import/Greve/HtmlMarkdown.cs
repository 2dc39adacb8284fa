using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Protokol.Import.Greve;

/// <summary>
/// Turns the publication site's HTML fragments into the Markdown the model keeps sections in:
/// paragraphs, line breaks, lists, emphasis, links and tables survive; layout wrappers do not.
/// </summary>
public static partial class HtmlMarkdown
{
    [GeneratedRegex(@"[ \t\r\n\u00A0]+")]
    private static partial Regex Space();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();

    /// <summary>
    /// What would make the site's text markup in Markdown: a backslash, a backtick, an asterisk or underscore (emphasis:
    /// "2*12 måneder" is not), a "&lt;" that could open a tag or autolink and a "&amp;" that could start an entity (at the end
    /// of a text node, the next node could finish either).
    /// </summary>
    [GeneratedRegex(@"[\\`*_]|<(?=[A-Za-z/!?]|\z)|&(?=#?[A-Za-z0-9]+;|\z)")]
    private static partial Regex MarkupInText();

    /// <summary>Blank lines inside a list item, but the one before a list numbered from other than 1: only a blank line lets that start.</summary>
    [GeneratedRegex(@"\n\n(?!\s*(0|[2-9]|1\d)\d*\. )")]
    private static partial Regex CompactItem();

    [GeneratedRegex(@"[()\\\s<>]")]
    private static partial Regex UnsafeInDestination();

    /// <summary>Marks where a section starts in the Markdown from <see cref="Convert"/>: a line "\u0001label".</summary>
    public const char SectionMark = '\u0001';

    /// <summary>
    /// Markdown of the nodes. Where <paramref name="sectionStart"/> names an element a section heading, a line
    /// with <see cref="SectionMark"/> and the label stands in its place, however deep the element sits.
    /// </summary>
    public static string Convert(IEnumerable<INode> nodes, Func<IElement, string?>? sectionStart = null)
    {
        var sb = new StringBuilder();
        var writer = new Writer(sectionStart);
        foreach (var n in nodes) writer.Write(n, sb);
        return Tidy(sb.ToString());
    }

    static string Tidy(string md)
    {
        var lines = md.Split('\n').Select(l => l.TrimEnd());
        return BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim('\n', ' ');
    }

    static void Block(StringBuilder sb)
    {
        if (sb.Length > 0 && !EndsWith(sb, "\n\n")) sb.Append(EndsWith(sb, "\n") ? "\n" : "\n\n");
    }

    /// <summary>Text the site escaped (&amp;lt;div&amp;gt;) stays text: Markdig would pass it on as live HTML.</summary>
    static string Escape(string text) => MarkupInText().Replace(text, m => "\\" + m.Value);

    /// <summary>A link target can neither end the link early nor, should the link not parse, open a tag.</summary>
    static string Destination(string url) =>
        UnsafeInDestination().Replace(url, m => m.Value is "(" or ")" or "\\" ? "\\" + m.Value : Uri.EscapeDataString(m.Value));

    static bool EndsWith(StringBuilder sb, string s) => sb.Length >= s.Length && sb.ToString(sb.Length - s.Length, s.Length) == s;

    /// <summary>Elements that flow within a line; every other element starts a block of its own.</summary>
    static readonly HashSet<string> InlineElements = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd",
        "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    };

    /// <summary>An image linked by address; one embedded as a data: URI is not kept.</summary>
    static bool KeptImage(IElement img) => img.GetAttribute("src") is { } src && !src.StartsWith("data:", StringComparison.Ordinal);

    /// <summary>Never shown by a browser, so neither converted nor counted.</summary>
    static bool Hidden(IElement e) => e.LocalName is "script" or "style" or "head" or "title" or "template";

    /// <summary>
    /// The text a reader sees, blocks and line breaks apart and inline elements joined as printed
    /// ("&lt;b&gt;Gode&lt;/b&gt;kendt" is one word): what the loss meter counts as the HTML's words.
    /// </summary>
    public static string VisibleText(INode node)
    {
        var sb = new StringBuilder();
        void Walk(INode n)
        {
            switch (n)
            {
                case IText t: sb.Append(t.Data); break;
                case IElement e when Hidden(e): break;
                case IElement e:
                    // An image the Markdown keeps (its alt text or its link) stands apart from the words beside it.
                    var block = !InlineElements.Contains(e.LocalName) || (e.LocalName == "img" && (e.GetAttribute("alt") is { Length: > 0 } || KeptImage(e)));
                    if (block) sb.Append(' ');
                    foreach (var c in e.ChildNodes) Walk(c);
                    if (block) sb.Append(' ');
                    break;
                default:
                    foreach (var c in n.ChildNodes) Walk(c);
                    break;
            }
        }
        Walk(node);
        return sb.ToString();
    }

    sealed class Writer(Func<IElement, string?>? sectionStart)
    {
        public void Write(INode node, StringBuilder sb)
        {
            switch (node)
            {
                case IText text:
                    var t = Escape(Space().Replace(text.Data, " "));
                    if (sb.Length == 0 || EndsWith(sb, "\n")) t = t.TrimStart();
                    sb.Append(t);
                    return;
                case IElement e:
                    WriteElement(e, sb);
                    return;
            }
        }

        void Children(INode e, StringBuilder sb)
        {
            foreach (var c in e.ChildNodes) Write(c, sb);
        }

        void WriteElement(IElement e, StringBuilder sb)
        {
            if (sectionStart?.Invoke(e) is { } section)
            {
                Block(sb); sb.Append(SectionMark).Append(section); Block(sb);
                return;
            }
            if (Hidden(e)) return;
            switch (e.LocalName)
            {
                case "br": sb.Append('\n'); break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    var heading = Inline(e);
                    if (heading.Length > 0) { Block(sb); sb.Append("#### ").Append(heading); Block(sb); }
                    break;
                case "em" or "i" or "strong" or "b": Around(e, sb, Mark(e), Mark(e)); break;
                case "a":
                    var href = e.GetAttribute("href");
                    if (href is null) Around(e, sb, "", "");
                    else Around(e, sb, "[", $"]({Destination(href)})");
                    break;
                case "img":
                    var alt = Escape(e.GetAttribute("alt") ?? "");
                    if (KeptImage(e)) sb.Append("![").Append(alt).Append("](").Append(Destination(e.GetAttribute("src")!)).Append(')');
                    else if (alt.Length > 0) sb.Append(' ').Append(alt).Append(' ');
                    break;
                case "ul" or "ol": List(e, sb); break;
                case "table": Table(e, sb); break;
                default:
                    if (InlineElements.Contains(e.LocalName)) { Children(e, sb); break; }
                    Block(sb); Children(e, sb); Block(sb);
                    break;
            }
        }

        static string Mark(IElement e) => e.LocalName is "em" or "i" ? "*" : e.LocalName is "strong" or "b" ? "**" : "";

        /// <summary>
        /// Inline markup around an element's text. Spaces the element starts or ends with stay outside the markup, an
        /// element with no text keeps its spaces and line breaks ("daværende&lt;b&gt; &lt;/b&gt;Integrations"), and emphasis the
        /// editor split in two ("&lt;em&gt;…indstiller a&lt;/em&gt;&lt;i&gt;t udvalget…&lt;/i&gt;") is joined again.
        /// </summary>
        void Around(IElement e, StringBuilder sb, string open, string close)
        {
            var inner = Inline(e);
            if (inner.Length == 0) { Children(e, sb); return; }
            var text = e.TextContent;
            if (char.IsWhiteSpace(text[0]) && sb.Length > 0 && !EndsWith(sb, " ") && !EndsWith(sb, "\n")) sb.Append(' ');
            var continues = open.Length > 0 && open == close && e.PreviousSibling is IElement before && Mark(before) == open
                && EndsWith(sb, close) && !EndsWith(sb, close + close);
            if (continues) sb.Length -= close.Length;
            else sb.Append(open);
            sb.Append(inner).Append(close);
            if (char.IsWhiteSpace(text[^1])) sb.Append(' ');
        }

        /// <summary>Inline content on one line: used for headings, links, emphasis and table cells.</summary>
        string Inline(IElement e)
        {
            var sb = new StringBuilder();
            Children(e, sb);
            return Space().Replace(sb.ToString(), " ").Trim();
        }

        /// <summary>
        /// A list in Markdown, at any depth. The site's editor also puts lists and text straight into a list, without
        /// an &lt;li&gt; ("&lt;ol&gt;&lt;li&gt;a&lt;/li&gt;&lt;ul&gt;…&lt;/ul&gt;&lt;/ol&gt;"); browsers show them under the item before, and so
        /// does the Markdown. Content before the first item stands as a block before the list.
        /// </summary>
        void List(IElement list, StringBuilder sb)
        {
            Block(sb);
            var ordered = list.LocalName == "ol";
            var number = ordered && int.TryParse(list.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
            StringBuilder? item = null;
            var marker = "";
            void Flush()
            {
                if (item is null) return;
                var text = CompactItem().Replace(Tidy(item.ToString()), "\n");
                item = null;
                if (text.Length == 0) return;
                if (marker.Length == 0) { Block(sb); sb.Append(text); Block(sb); return; }
                sb.Append(marker).Append(text.Replace("\n", "\n" + new string(' ', marker.Length), StringComparison.Ordinal)).Append('\n');
            }
            foreach (var child in list.ChildNodes)
            {
                if (child is IElement { LocalName: "li" } li)
                {
                    Flush();
                    if (ordered && int.TryParse(li.GetAttribute("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) number = value;
                    marker = ordered ? string.Create(CultureInfo.InvariantCulture, $"{number++}. ") : "- ";
                    item = new StringBuilder();
                    Children(li, item);
                }
                else if (child is not IText { Data: var blank } || !string.IsNullOrWhiteSpace(blank))
                {
                    if (item is not null) Block(item);
                    Write(child, item ??= new StringBuilder());
                }
            }
            Flush();
            Block(sb);
        }

        /// <summary>The table's own rows (not those of a table inside a cell, which stays in its cell); the caption before it.</summary>
        void Table(IElement table, StringBuilder sb)
        {
            if (table is not IHtmlTableElement t) { Block(sb); Children(table, sb); Block(sb); return; }
            if (t.Caption is { } caption && Inline(caption) is { Length: > 0 } text) { Block(sb); sb.Append(text); Block(sb); }
            var rows = t.Rows
                .Select(tr => tr.Cells.Select(c => Inline(c).Replace("|", "\\|", StringComparison.Ordinal)).ToList())
                .Where(r => r.Count > 0).ToList();
            if (rows.Count == 0) return;
            var width = rows.Max(r => r.Count);
            Block(sb);
            void Row(List<string> cells) => sb.Append("| ").Append(string.Join(" | ", cells.Concat(Enumerable.Repeat("", width - cells.Count)))).Append(" |\n");
            Row(rows[0]);
            sb.Append('|').Append(string.Concat(Enumerable.Repeat("---|", width))).Append('\n');
            foreach (var r in rows.Skip(1)) Row(r);
            Block(sb);
        }
    }
}
