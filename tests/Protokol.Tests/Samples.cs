namespace Protokol.Tests;

/// <summary>The real documents in ../shared/samples beside the checkout; tests read them in place, never copies.</summary>
public static class Samples
{
    public static readonly string RepoRoot = FindRepoRoot();
    public static readonly string Root = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "samples"));
    public static string Kolding(string name) => Path.Combine(Root, "kolding", name);
    public static string KoldingText(string name) => File.ReadAllText(Kolding(name));
    public static string Greve => Path.Combine(Root, "firstagenda-greve");
    public static string[] GreveFiles => Directory.GetFiles(Greve, "*.json").Order(StringComparer.Ordinal).ToArray();
    public static string[] KoldingFiles => Directory.GetFiles(Path.Combine(Root, "kolding"), "*.txt").Order(StringComparer.Ordinal).ToArray();
    public static string Demo => Path.Combine(RepoRoot, "demo", "referater");

    public const string Feb2025 = "2025-02-04_social-og-arbejdsmarked.txt";
    public const string Dec2020 = "2020-12-16_socialoekonomi-handicap-hjaelpemidler.txt";
    public const string Jun2020 = "2020-06-17_faellesmoede-sundhed-socialoekonomi.txt";
    public const string Oct2024 = "2024-10-07_social-baeredygtighed.txt";

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Protokol.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Protokol.slnx not found above " + AppContext.BaseDirectory);
    }
}
