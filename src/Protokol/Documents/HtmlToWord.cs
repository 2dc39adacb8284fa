using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Protokol.Documents;

/// <summary>
/// The print HTML (the same the PDF is printed from) as a Word document: h1 the title, each item's h2 a
/// "Heading 1" on a new page with a bookmark, section headings below it; the contents as a TOC field; tables as
/// Word tables whose numbers stand to the right; links as hyperlinks. A pure function of the HTML.
/// </summary>
public sealed partial class HtmlToWord
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    readonly MainDocumentPart main;
    readonly Uri site;
    int bookmarks;

    HtmlToWord(MainDocumentPart main, Uri site) => (this.main, this.site) = (main, site);

    public static byte[] Convert(string html, string title, Uri site)
    {
        var dom = new HtmlParser().ParseDocument(html);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = title;
            word.PackageProperties.Language = WordStyles.Danish;
            word.PackageProperties.Creator = "Protokol";
            var main = word.AddMainDocumentPart();
            WordStyles.AddTo(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            // Word fills in the TOC field's page numbers when the document opens.
            settings.Settings = new Settings(new UpdateFieldsOnOpen { Val = true }, new ThemeFontLanguages { Val = WordStyles.Danish });
            var body = new Body();
            new HtmlToWord(main, site).Blocks(dom.QuerySelector("main") ?? dom.Body!, body, new Format());
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1247, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(body);
        }
        return stream.ToArray();
    }

    /// <summary>How the paragraphs of a block are made: their style, list, and whether the first starts a page.</summary>
    sealed record Format(string? Style = null, int? List = null, int Level = -1, bool NewPage = false, string? Bookmark = null, JustificationValues? Align = null);

    /// <summary>Inline text formatting.</summary>
    sealed record Look(bool Bold = false, bool Italic = false, bool Underline = false, bool Strike = false, bool Code = false, VerticalPositionValues? Position = null);

    void Blocks(INode parent, OpenXmlCompositeElement into, Format format)
    {
        Paragraph? open = null;
        foreach (var child in parent.ChildNodes)
        {
            if (child is IText or IElement { LocalName: "a" or "strong" or "b" or "em" or "i" or "u" or "s" or "del" or "ins" or "sub" or "sup" or "code" or "span" or "br" or "img" or "mark" or "small" })
            {
                if (open is null && child is IText && string.IsNullOrWhiteSpace(child.TextContent)) continue;
                if (open is null) { open = NewParagraph(into, format); format = format with { NewPage = false, Bookmark = null }; }
                Inline(child, open, new Look());
                continue;
            }
            if (open is not null) { Trim(open); open = null; }
            if (child is IElement element) { Block(element, into, format); format = format with { NewPage = false, Bookmark = null }; }
        }
        if (open is not null) Trim(open);
    }

    void Block(IElement e, OpenXmlCompositeElement into, Format format)
    {
        switch (e.LocalName)
        {
            case "h1": Blocks(e, into, format with { Style = "Title" }); break;
            case "h2":
                // An item's heading starts its page, and the contents link to its bookmark.
                var article = e.ParentElement is { LocalName: "article" } a ? a : null;
                Blocks(e, into, format with { Style = "Heading1", NewPage = article is not null, Bookmark = article?.Id });
                break;
            case "h3": Blocks(e, into, format with { Style = "Heading2" }); break;
            case "h4": Blocks(e, into, format with { Style = "Heading3" }); break;
            case "h5" or "h6": Blocks(e, into, format with { Style = "Heading4" }); break;
            case "p":
                var style = e.ClassList.Contains("stage-badge") ? "Subtitle"
                    : e.ClassList.Contains("closed-badge") || e.ClassList.Contains("closed-note") ? "Note" : format.Style;
                Blocks(e, into, format with { Style = style });
                break;
            case "ul" when e.ClassList.Contains("participants"):
                // The meeting's participants are a list of names, one a line, as on the page.
                foreach (var li in e.Children.Where(c => c.LocalName == "li")) Blocks(li, into, format with { Style = "Compact" });
                break;
            case "ul" or "ol":
                var list = e.LocalName == "ul" ? WordStyles.BulletList
                    : WordStyles.NewNumberedList(main, int.TryParse(e.GetAttribute("start"), NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1);
                foreach (var li in e.Children.Where(c => c.LocalName == "li"))
                    Blocks(li, into, format with { Style = "ListParagraph", List = list, Level = Math.Min(format.Level + 1, 8) });
                break;
            case "table": into.Append(Table(e)); break;
            case "dl": into.Append(Facts(e)); break;
            case "nav" when e.ClassList.Contains("toc"): Contents(e, into); break;
            case "pre": Preformatted(e, into); break;
            case "hr": into.Append(new Paragraph(new ParagraphProperties(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Color = "D0D0D0" })))); break;
            case "section" when e.ClassList.Contains("decision"): Blocks(e, into, format with { Style = "Decision" }); break;
            case "blockquote": Blocks(e, into, format with { Style = "Note" }); break;
            case "script" or "style" or "head" or "template": break;
            default: Blocks(e, into, format); break;
        }
    }

    Paragraph NewParagraph(OpenXmlCompositeElement into, Format format)
    {
        var properties = new ParagraphProperties();
        if (format.Style is not null) properties.Append(new ParagraphStyleId { Val = format.Style });
        if (format.NewPage) properties.Append(new PageBreakBefore());
        if (format.List is { } list) properties.Append(new NumberingProperties(new NumberingLevelReference { Val = Math.Max(format.Level, 0) }, new NumberingId { Val = list }));
        if (format.Align is { } align) properties.Append(new Justification { Val = align });
        var paragraph = new Paragraph(properties);
        if (format.Bookmark is { } name)
        {
            var id = (++bookmarks).ToString(CultureInfo.InvariantCulture);
            paragraph.Append(new BookmarkStart { Id = id, Name = BookmarkName(name) }, new BookmarkEnd { Id = id });
        }
        into.Append(paragraph);
        return paragraph;
    }

    /// <summary>Word's bookmark names take letters, digits and underscores: "punkt-12" → "punkt_12".</summary>
    static string BookmarkName(string id) => Regex.Replace(id, "[^A-Za-z0-9_]", "_");

    void Inline(INode node, OpenXmlCompositeElement into, Look look)
    {
        switch (node)
        {
            case IText text:
                var value = Whitespace().Replace(text.Data, " ");
                if (value.Length > 0) into.Append(Run(value, look));
                return;
            case IElement { LocalName: "br" }:
                into.Append(new Run(new Break()));
                return;
            case IElement { LocalName: "img" } img:
                if (img.GetAttribute("alt") is { Length: > 0 } alt) into.Append(Run($"[{alt}]", look with { Italic = true }));
                return;
            case IElement { LocalName: "a" } a when Target(a.GetAttribute("href")) is { } target:
                var link = target.StartsWith('#')
                    ? new Hyperlink { Anchor = BookmarkName(target[1..]) }
                    : new Hyperlink { Id = main.AddHyperlinkRelationship(new Uri(target), true).Id };
                foreach (var child in a.ChildNodes) Inline(child, link, look);
                foreach (var run in link.Elements<Run>()) (run.RunProperties ??= new RunProperties()).PrependChild(new RunStyle { Val = "Hyperlink" });
                into.Append(link);
                return;
            case IElement e:
                var inner = e.LocalName switch
                {
                    "strong" or "b" => look with { Bold = true },
                    "em" or "i" => look with { Italic = true },
                    "u" or "ins" => look with { Underline = true },
                    "s" or "del" => look with { Strike = true },
                    "code" => look with { Code = true },
                    "sub" => look with { Position = VerticalPositionValues.Subscript },
                    "sup" => look with { Position = VerticalPositionValues.Superscript },
                    _ => look,
                };
                foreach (var child in e.ChildNodes) Inline(child, into, inner);
                return;
        }
    }

    /// <summary>Links to the portal's own pages become absolute; only web and mail links are kept.</summary>
    string? Target(string? href)
    {
        if (string.IsNullOrEmpty(href)) return null;
        if (href.StartsWith('#')) return href;
        return Uri.TryCreate(site, href, out var uri) && uri.Scheme is "https" or "http" or "mailto" ? uri.AbsoluteUri : null;
    }

    static Run Run(string text, Look look)
    {
        var properties = new RunProperties();
        if (look.Code) properties.Append(new RunFonts { Ascii = "DejaVu Sans Mono", HighAnsi = "DejaVu Sans Mono" });
        if (look.Bold) properties.Append(new Bold());
        if (look.Italic) properties.Append(new Italic());
        if (look.Strike) properties.Append(new Strike());
        if (look.Underline) properties.Append(new Underline { Val = UnderlineValues.Single });
        if (look.Position is { } position) properties.Append(new VerticalTextAlignment { Val = position });
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (properties.HasChildren) run.PrependChild(properties);
        return run;
    }

    /// <summary>HTML drops the spaces at a paragraph's edges; so does the Word copy.</summary>
    static void Trim(Paragraph paragraph)
    {
        var texts = paragraph.Descendants<Text>().ToList();
        if (texts.Count == 0) return;
        texts[0].Text = texts[0].Text.TrimStart();
        texts[^1].Text = texts[^1].Text.TrimEnd();
    }

    Table Table(IElement html)
    {
        var rows = html.QuerySelectorAll("tr").Where(r => r.Closest("table") == html).ToList();
        var columns = Math.Max(1, rows.Select(r => r.Children.Where(c => c.LocalName is "td" or "th").Sum(Span)).DefaultIfEmpty(1).Max());
        var table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (9500 / columns).ToString(CultureInfo.InvariantCulture) })));
        foreach (var row in rows)
        {
            var header = row.ParentElement?.LocalName == "thead";
            var tr = new TableRow();
            if (header) tr.Append(new TableRowProperties(new TableHeader()));
            foreach (var cell in row.Children.Where(c => c.LocalName is "td" or "th"))
            {
                var tc = new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }));
                if (Span(cell) > 1) tc.TableCellProperties!.Append(new GridSpan { Val = Span(cell) });
                // Amounts stand to the right (SectionHtml marks them), as on the page and in the printed minutes.
                var align = cell.ClassList.Contains("align-right") ? JustificationValues.Right : cell.ClassList.Contains("align-center") ? JustificationValues.Center : (JustificationValues?)null;
                Blocks(cell, tc, new Format(Align: align));
                if (cell.LocalName == "th") Bolden(tc);
                if (!tc.Elements<Paragraph>().Any()) tc.Append(new Paragraph());
                tr.Append(tc);
            }
            if (tr.Elements<TableCell>().Any()) table.Append(tr);
        }
        return table;
    }

    static void Bolden(OpenXmlElement scope)
    {
        foreach (var run in scope.Descendants<Run>())
        {
            var properties = run.RunProperties ??= new RunProperties();
            if (properties.Bold is not null) continue;
            // Bold comes after a run's style and fonts in Word's schema.
            OpenXmlElement? before = properties.RunFonts ?? (OpenXmlElement?)properties.RunStyle;
            if (before is null) properties.PrependChild(new Bold());
            else properties.InsertAfter(new Bold(), before);
        }
    }

    static int Span(IElement cell) => int.TryParse(cell.GetAttribute("colspan"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 1 and < 100 ? n : 1;

    /// <summary>The meeting's facts (date, place, participants) as a table of two columns without lines.</summary>
    Table Facts(IElement dl)
    {
        var none = new TableBorders(new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil }, new BottomBorder { Val = BorderValues.Nil },
            new RightBorder { Val = BorderValues.Nil }, new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil });
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, none),
            new TableGrid(new GridColumn { Width = "2200" }, new GridColumn { Width = "7300" }));
        foreach (var dt in dl.Children.Where(c => c.LocalName == "dt"))
        {
            var dd = dt.NextElementSibling is { LocalName: "dd" } next ? next : null;
            var label = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2200", Type = TableWidthUnitValues.Dxa }));
            Blocks(dt, label, new Format());
            Bolden(label);
            var value = new TableCell(new TableCellProperties(new TableCellWidth { Width = "7300", Type = TableWidthUnitValues.Dxa }));
            if (dd is not null) Blocks(dd, value, new Format());
            foreach (var cell in new[] { label, value }) if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
            table.Append(new TableRow(label, value));
        }
        return table;
    }

    /// <summary>
    /// The contents as Word's TOC field over "Heading 1" (the items), its entries already written so the document
    /// reads right before Word updates the field with page numbers.
    /// </summary>
    static void Contents(IElement nav, OpenXmlCompositeElement into)
    {
        into.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TOCHeading" }), Run(nav.QuerySelector("h2")?.TextContent.Trim() ?? "Indholdsfortegnelse", new Look())));
        var entries = nav.QuerySelectorAll("li").ToList();
        Paragraph Entry() => new(new ParagraphProperties(new ParagraphStyleId { Val = "TOC1" },
            new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = 9500 })));
        var first = Entry();
        first.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
            new Run(new FieldCode(" TOC \\o \"1-1\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
        var paragraph = first;
        for (var n = 0; n < entries.Count; n++)
        {
            if (n > 0) paragraph = Entry();
            var a = entries[n].QuerySelector("a");
            var link = new Hyperlink { Anchor = BookmarkName(a?.GetAttribute("href")?.TrimStart('#') ?? "") };
            link.Append(Run(Whitespace().Replace(a?.TextContent ?? "", " ").Trim(), new Look()));
            paragraph.Append(link);
            if (entries[n].QuerySelector(".page")?.TextContent.Trim() is { Length: > 0 } page)
                paragraph.Append(new Run(new TabChar()), Run(page, new Look()));
            if (n < entries.Count - 1) into.Append(paragraph);
        }
        paragraph.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
        into.Append(paragraph);
    }

    void Preformatted(IElement pre, OpenXmlCompositeElement into)
    {
        var paragraph = NewParagraph(into, new Format(Style: "Code"));
        var lines = pre.TextContent.TrimEnd('\n').Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            if (n > 0) paragraph.Append(new Run(new Break()));
            paragraph.Append(Run(lines[n], new Look()));
        }
    }
}
