using System.CommandLine;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd bench</c>: Benchmarks the model and the pipeline.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks the model and the pipeline.");
        command.SetAction(_ => NotBuiltYet.Report("bench"));
        return command;
    }
}
