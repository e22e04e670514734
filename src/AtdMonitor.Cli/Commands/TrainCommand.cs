using System.CommandLine;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd train</c>: Trains a model (arrhythmia or forecast) on MIT-BIH, ETT or recorded streams.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Trains a model (arrhythmia or forecast) on MIT-BIH, ETT or recorded streams.");
        command.SetAction(_ => NotBuiltYet.Report("train"));
        return command;
    }
}
