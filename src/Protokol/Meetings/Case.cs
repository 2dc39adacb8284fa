using Microsoft.EntityFrameworkCore;
using Protokol.Storage;

namespace Protokol.Meetings;

/// <summary>
/// A case (sag; OParl's Paper): the matter that items in one body after another treat (each item is OParl's
/// Consultation). Identified by its number's key, so "20/6391" and "20-6391" are one case.
/// </summary>
public sealed class Case
{
    public int Id { get; set; }
    /// <summary><see cref="CaseNumber.Key"/>: the address of the case's page, /sager/&lt;key&gt;.</summary>
    public required string Key { get; set; }
    /// <summary>As first printed.</summary>
    public required string Number { get; set; }
    public required string Title { get; set; }
    public List<AgendaItem> Items { get; set; } = [];

    /// <summary>Links items to their cases by number, making the cases that are new; saved with the caller's changes.</summary>
    public static async Task LinkAsync(ProtokolDb db, IEnumerable<AgendaItem> items, CancellationToken ct)
    {
        var numbered = items.Where(i => i.CaseNumber is not null).ToList();
        var keys = numbered.Select(i => new CaseNumber(i.CaseNumber!).Key).Distinct().ToList();
        if (keys.Count == 0) return;
        var cases = await db.Cases.Where(c => keys.Contains(c.Key)).ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, ct);
        foreach (var item in numbered)
        {
            var key = new CaseNumber(item.CaseNumber!).Key;
            if (!cases.TryGetValue(key, out var found))
                cases[key] = found = db.Cases.Add(new Case { Key = key, Number = item.CaseNumber!, Title = item.Title }).Entity;
            item.Case = found;
        }
    }
}
