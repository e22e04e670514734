using System.CommandLine;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd eval</c>: Evaluates a checkpoint on a test split.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Evaluates a checkpoint on a test split.");
        command.SetAction(_ => NotBuiltYet.Report("eval"));
        return command;
    }
}
