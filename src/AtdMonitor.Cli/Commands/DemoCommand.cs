using System.CommandLine;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd demo</c>: Runs broker, simulator and worker on the bundled records with embedded defaults, prints live alerts and a summary.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Runs broker, simulator and worker on the bundled records with embedded defaults, prints live alerts and a summary.");
        command.SetAction(_ => NotBuiltYet.Report("demo"));
        return command;
    }
}
