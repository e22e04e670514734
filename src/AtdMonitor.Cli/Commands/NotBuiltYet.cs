namespace AtdMonitor.Cli.Commands;

/// <summary>The answer of a planned command that is not built yet: says so and fails.</summary>
internal static class NotBuiltYet
{
    public const int ExitCode = 3;

    public static int Report(string command)
    {
        Console.Error.WriteLine($"atd {command}: not built yet. See the project's issues for its plan.");
        return ExitCode;
    }
}
