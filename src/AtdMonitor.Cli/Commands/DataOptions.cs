using System.CommandLine;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>Options and helpers shared by the <c>atd data</c> commands.</summary>
internal static class DataOptions
{
    /// <summary><c>--data DIR</c>: the folder holding <c>mitdb/</c> and <c>ett/</c>.</summary>
    public static Option<string?> DataDirectory() => new("--data")
    {
        Description = $"Folder holding mitdb/ and ett/ (default: ${AtdMonitor.Data.Paths.DataDirectory.EnvironmentVariable}, ../shared/data, else samples/).",
    };

    /// <summary>The MIT-BIH folder under the resolved data folder, and its record names (from RECORDS, else the .hea files).</summary>
    public static (string Directory, string[] Records) Mitdb(string? data)
    {
        var directory = Path.Combine(AtdMonitor.Data.Paths.DataDirectory.Resolve(data), "mitdb");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory} not found; run 'atd data fetch mitdb DIR' first.");
        }

        var list = Path.Combine(directory, "RECORDS");
        var records = File.Exists(list)
            ? File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
            : [.. Directory.GetFiles(directory, "*.hea").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];
        return (directory, records);
    }

    /// <summary>A Spectre console writing to the command's output.</summary>
    public static IAnsiConsole Console(ParseResult parseResult)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output),
            Interactive = InteractionSupport.Detect,
        });

        // Redirected output defaults to 80 columns, which wraps the tables; files and pipes can take wider lines.
        console.Profile.Width = Math.Max(console.Profile.Width, 132);
        return console;
    }
}
