using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

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
    /// What would make the site's text markup in Markdown: a backslash, a backtick, a "&lt;" that could open a tag or
    /// autolink and a "&amp;" that could start an entity (at the end of a text node, the next node could finish either).
    /// </summary>
    [GeneratedRegex(@"[\\`]|<(?=[A-Za-z/!?]|\z)|&(?=#?[A-Za-z0-9]+;|\z)")]
    private static partial Regex MarkupInText();

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
        foreach (var n in nodes) writer.Write(n, sb, "");
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

    sealed class Writer(Func<IElement, string?>? sectionStart)
    {
        public void Write(INode node, StringBuilder sb, string indent)
        {
            switch (node)
            {
                case IText text:
                    var t = Escape(Space().Replace(text.Data, " "));
                    if (sb.Length == 0 || EndsWith(sb, "\n")) t = t.TrimStart();
                    sb.Append(t);
                    return;
                case IElement e:
                    WriteElement(e, sb, indent);
                    return;
            }
        }

        void Children(IElement e, StringBuilder sb, string indent)
        {
            foreach (var c in e.ChildNodes) Write(c, sb, indent);
        }

        void WriteElement(IElement e, StringBuilder sb, string indent)
        {
            if (sectionStart?.Invoke(e) is { } section)
            {
                Block(sb); sb.Append(SectionMark).Append(section); Block(sb);
                return;
            }
            switch (e.LocalName)
            {
                case "br": sb.Append('\n').Append(indent); break;
                case "p" or "div" or "section" or "article" or "blockquote" or "center":
                    Block(sb); Children(e, sb, indent); Block(sb); break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    var heading = Inline(e);
                    if (heading.Length > 0) { Block(sb); sb.Append("#### ").Append(heading); Block(sb); }
                    break;
                case "em" or "i": Wrap(e, sb, "*"); break;
                case "strong" or "b": Wrap(e, sb, "**"); break;
                case "u" or "span" or "font" or "small" or "sup" or "sub": Children(e, sb, indent); break;
                case "a":
                    var label = Inline(e);
                    var href = e.GetAttribute("href");
                    sb.Append(href is null || label.Length == 0 ? label : $"[{label}]({Destination(href)})");
                    break;
                case "img":
                    var alt = Escape(e.GetAttribute("alt") ?? "");
                    if (e.GetAttribute("src") is { } src && !src.StartsWith("data:", StringComparison.Ordinal)) sb.Append("![").Append(alt).Append("](").Append(Destination(src)).Append(')');
                    else if (alt.Length > 0) sb.Append(alt);
                    break;
                case "ul" or "ol": List(e, sb, indent); break;
                case "table": Table(e, sb); break;
                case "script" or "style" or "head" or "title": break;
                default: Children(e, sb, indent); break;
            }
        }

        void Wrap(IElement e, StringBuilder sb, string mark)
        {
            var inner = Inline(e);
            if (inner.Length == 0) return;
            sb.Append(mark).Append(inner).Append(mark);
        }

        /// <summary>Inline content on one line: used for headings, links, emphasis and table cells.</summary>
        string Inline(IElement e)
        {
            var sb = new StringBuilder();
            Children(e, sb, "");
            return Space().Replace(sb.ToString(), " ").Trim();
        }

        void List(IElement list, StringBuilder sb, string indent)
        {
            Block(sb);
            var n = 1;
            foreach (var li in list.Children.Where(c => c.LocalName == "li"))
            {
                var marker = list.LocalName == "ol" ? $"{n++}. " : "- ";
                var inner = new StringBuilder();
                Children(li, inner, indent + new string(' ', marker.Length));
                var text = Tidy(inner.ToString()).Replace("\n\n", "\n", StringComparison.Ordinal);
                if (text.Length == 0) continue;
                sb.Append(indent).Append(marker).Append(text.Replace("\n", "\n" + indent + new string(' ', marker.Length), StringComparison.Ordinal)).Append('\n');
            }
            Block(sb);
        }

        void Table(IElement table, StringBuilder sb)
        {
            var rows = table.QuerySelectorAll("tr")
                .Select(tr => tr.Children.Where(c => c.LocalName is "td" or "th").Select(c => Inline(c).Replace("|", "\\|", StringComparison.Ordinal)).ToList())
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
