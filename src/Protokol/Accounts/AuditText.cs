using System.Text.Json;

namespace Protokol.Accounts;

/// <summary>An audit row as staff read it: what happened, and each field's value before and after.</summary>
public static class AuditText
{
    public static string What(AuditEntry a) => (a.Action switch
    {
        "Added" => "oprettet",
        "Deleted" => "slettet",
        "Imported" => "importeret",
        _ => "ændret",
    }) + " " + a.Entity switch
    {
        "Meeting" => "møde",
        "AgendaItem" => "punkt",
        "ItemSection" => "afsnit",
        "ItemAbsentee" => "fravær",
        "Attachment" => "bilag",
        "Participant" => "deltager",
        "Membership" => "medlemskab",
        "Account" => "konto",
        var other => other,
    };

    public static IEnumerable<(string Field, string Before, string After)> Changes(AuditEntry a)
    {
        var before = Read(a.Before);
        var after = Read(a.After);
        foreach (var field in before.Keys.Union(after.Keys))
            yield return (field, Short(before.GetValueOrDefault(field)), Short(after.GetValueOrDefault(field)));
    }

    static Dictionary<string, JsonElement> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];

    static string Short(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => "–",
            JsonValueKind.String => value.GetString()!,
            _ => value.GetRawText(),
        };
        return text.Length > 300 ? text[..300] + " …" : text;
    }
}
