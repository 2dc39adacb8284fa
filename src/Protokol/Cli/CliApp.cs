using System.CommandLine;
using Protokol.Portal;
using Protokol.Storage;

namespace Protokol.Cli;

/// <summary>`protokol [serve]`, `protokol import`, `protokol export`, `protokol export-decisions`, `protokol check`. Without a command it serves the portal; an unknown command is refused.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dbOption = new Option<string>("--db") { Description = "the store: a SQLite file, or a PostgreSQL database as postgres://user:password@host:port/database", DefaultValueFactory = _ => Database.DefaultPath, Recursive = true };

        var root = new RootCommand("Protokol: committee meetings from agenda to signed, published minutes");
        root.Options.Add(dbOption);
        root.SetAction((parse, ct) => parse.UnmatchedTokens is [var first, ..] && !first.StartsWith('-')
            ? Task.FromResult(UnknownCommand(first, root))
            : PortalApp.RunAsync(WithDatabase(args, parse, dbOption), ct));

        var serve = new Command("serve", "Run the public portal (default: http://localhost:5000, demo data on a new database)");
        serve.SetAction((parse, ct) => PortalApp.RunAsync(WithDatabase(args.Skip(1).ToArray(), parse, dbOption), ct));
        serve.TreatUnmatchedTokensAsErrors = false;
        root.TreatUnmatchedTokensAsErrors = false;

        var files = new Argument<string[]>("files") { Description = "referat .txt/.pdf or publication-site .json files, or folders of them", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Import archive files; importing the same file again changes nothing") { files };
        import.SetAction((parse, ct) => ImportCommand.RunAsync(parse.GetValue(dbOption)!, parse.GetValue(files)!, ct));

        var meeting = new Argument<string>("meeting") { Description = "meeting id, source key, or <body-slug>/<yyyy-mm-dd>" };
        var format = new Option<string>("--format") { Description = "referat, json, pdf or docx", DefaultValueFactory = _ => "referat" };
        format.AcceptOnlyFromAmong(ExportCommand.Formats);
        var includeClosed = new Option<bool>("--include-closed") { Description = "also write the content of closed items (lukket punkt); for staff only, and logged" };
        var output = new Option<string?>("--output", "-o") { Description = "the file to write (needed for pdf and docx; else standard output)" };
        var chromium = new Option<string?>("--chromium") { Description = "the Chromium that prints PDFs (default /usr/bin/chromium)" };
        var export = new Command("export", "Write a stored meeting out; closed items as number and title only unless --include-closed") { meeting, format, includeClosed, output, chromium };
        export.SetAction((parse, ct) => ExportCommand.RunAsync(parse.GetValue(dbOption)!, parse.GetValue(meeting)!, parse.GetValue(format)!, parse.GetValue(includeClosed),
            parse.GetValue(output), ct, parse.GetValue(chromium)));

        var body = new Argument<string>("body") { Description = "the body's slug, as in /udvalg/<slug>" };
        var year = new Option<int>("--year") { Description = "the year of the meetings", Required = true };
        var decisions = new Command("export-decisions", "Write a body's decisions of a year as CSV (UTF-8 with BOM, ';'); closed items as number and title unless --include-closed") { body, year, includeClosed, output };
        decisions.SetAction((parse, ct) => ExportCommand.DecisionsAsync(parse.GetValue(dbOption)!, parse.GetValue(body)!, parse.GetValue(year), parse.GetValue(includeClosed), parse.GetValue(output), ct));

        var file = new Argument<string>("file") { Description = "a referat or publication-site file" };
        var check = new Command("check", "Report what an importer does not understand, and budget tables that do not add up") { file };
        check.SetAction((parse, ct) => Task.FromResult(CheckCommand.Run(parse.GetValue(file)!)));

        root.Subcommands.Add(serve);
        root.Subcommands.Add(import);
        root.Subcommands.Add(export);
        root.Subcommands.Add(decisions);
        root.Subcommands.Add(check);
        root.Subcommands.Add(UsersCommand.Build(dbOption));
        root.Subcommands.Add(VerifyCommand.Build(dbOption));
        // Exceptions propagate: commands report bad input themselves, and the test host stops the portal by throwing.
        try { return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }); }
        catch (StoreUnavailableException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 3;
        }
        catch (Exception e) when (StoreStatus.IsReadOnlyRefusal(e))
        {
            await Console.Error.WriteLineAsync("The database answers only as a read-only standby (its primary server is gone): nothing was changed; run the command again when the primary is back.");
            return 3;
        }
    }

    /// <summary>
    /// A word where a command belongs ("protokol imprt ..."): without this the portal would start, as for its own
    /// options ("--urls ..."), and a mistyped import would serve the web instead of saying so.
    /// </summary>
    static int UnknownCommand(string word, RootCommand root)
    {
        var names = root.Subcommands.Select(c => c.Name).ToList();
        var near = names.MinBy(n => Distance(n, word));
        Console.Error.WriteLine($"protokol: unknown command '{Terminal.Safe(word)}'."
            + (near is not null && Distance(near, word) <= 2 ? $" Did you mean '{near}'?" : "")
            + $" Commands: {string.Join(", ", names)}; 'protokol --help' explains them.");
        return 2;
    }

    /// <summary>Edit distance (Levenshtein), for the suggestion.</summary>
    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The portal reads its database from configuration; an explicit --db becomes Protokol:Database.</summary>
    static string[] WithDatabase(string[] args, ParseResult parse, Option<string> db) =>
        parse.GetResult(db) is { Implicit: false } ? [.. args, "--Protokol:Database", parse.GetValue(db)!] : args;
}
