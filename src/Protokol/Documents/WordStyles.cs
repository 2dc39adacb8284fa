using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Protokol.Documents;

/// <summary>
/// The styles of a Protokol DOCX: Word's own heading styles (so its navigation pane and TOC field find the items),
/// Danish as the language of every style, and list numbering for bullets and numbered lists.
/// </summary>
static class WordStyles
{
    public const string Danish = "da-DK";
    public const string Font = "Arial";
    public const int BulletList = 1;
    public const int NumberedAbstract = 2;

    public static void AddTo(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = "21" }, new Languages { Val = Danish, EastAsia = Danish, Bidi = Danish })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            Paragraph("Normal", "Normal", null, isDefault: true),
            Paragraph("Title", "Title", 40, bold: true, after: 240),
            Paragraph("Subtitle", "Subtitle", 24, color: "505050"),
            Heading(1, 30), Heading(2, 24), Heading(3, 22), Heading(4, 21),
            Paragraph("TOCHeading", "TOC Heading", 28, bold: true, before: 240),
            Paragraph("TOC1", "toc 1", null, after: 60),
            Paragraph("Decision", "Beslutning", null, border: "00507A", shade: "EEF4F8"),
            Paragraph("Note", "Bemærkning", null, italic: true, border: "8A4B00"),
            Paragraph("ListParagraph", "List Paragraph", null, after: 40),
            Paragraph("Compact", "Kompakt", null, after: 0),
            Paragraph("Code", "Kode", 18, font: "DejaVu Sans Mono"),
            new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "00507A" }, new Underline { Val = UnderlineValues.Single }))
            { Type = StyleValues.Character, StyleId = "Hyperlink" },
            new Style(new StyleName { Val = "Table Grid" },
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0" }), new StyleRunProperties(new FontSize { Val = "18" }),
                new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" }, new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" }, new RightBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "D0D0D0" }),
                new TableCellMarginDefault(new TopMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "30", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });

        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            Abstract(BulletList, NumberFormatValues.Bullet, level => level % 2 == 0 ? "•" : "◦"),
            Abstract(NumberedAbstract, NumberFormatValues.Decimal, level => $"%{level + 1}."),
            new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList });
    }

    /// <summary>A numbered list starts again at its own first number: each gets an instance of its own.</summary>
    public static int NewNumberedList(MainDocumentPart main, int start)
    {
        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        var id = numbering.Elements<NumberingInstance>().Max(n => n.NumberID!.Value) + 1;
        numbering.Append(new NumberingInstance(new AbstractNumId { Val = NumberedAbstract },
            new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 }) { NumberID = id });
        return id;
    }

    static AbstractNum Abstract(int id, NumberFormatValues format, Func<int, string> text) => new(
        Enumerable.Range(0, 9).Select(level => new Level(
            new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }, new LevelText { Val = text(level) },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = (360 * (level + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "360" }))
        { LevelIndex = level }))
    { AbstractNumberId = id, MultiLevelType = new MultiLevelType { Val = MultiLevelValues.HybridMultilevel } };

    static Style Heading(int level, int halfPoints)
    {
        return Paragraph($"Heading{level}", $"heading {level}", halfPoints, bold: true, before: level == 1 ? 0 : 200, after: 80,
            color: level == 1 ? "00507A" : null, outlineLevel: level - 1);
    }

    static Style Paragraph(string id, string name, int? halfPoints, bool bold = false, bool italic = false, int? before = null, int? after = null,
        string? color = null, string? border = null, string? shade = null, string? font = null, bool isDefault = false, int? outlineLevel = null)
    {
        var run = new StyleRunProperties();
        if (font is not null) run.Append(new RunFonts { Ascii = font, HighAnsi = font, ComplexScript = font });
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        if (color is not null) run.Append(new Color { Val = color });
        if (halfPoints is { } size) run.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var paragraph = new StyleParagraphProperties();
        if (outlineLevel is not null) paragraph.Append(new KeepNext());
        if (border is not null) paragraph.Append(new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 18, Space = 6, Color = border }));
        if (shade is not null) paragraph.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = shade, Color = "auto" });
        if (before is not null || after is not null)
        {
            var spacing = new SpacingBetweenLines();
            if (before is { } b) spacing.Before = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (after is { } a) spacing.After = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            paragraph.Append(spacing);
        }
        if (border is not null) paragraph.Append(new Indentation { Left = "200" });
        if (outlineLevel is { } outline) paragraph.Append(new OutlineLevel { Val = outline });
        var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
        if (!isDefault) style.InsertAfter(new BasedOn { Val = "Normal" }, style.StyleName);
        if (isDefault) style.Default = OnOffValue.FromBoolean(true);
        return style;
    }
}
