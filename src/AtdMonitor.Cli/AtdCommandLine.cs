using System.CommandLine;
using AtdMonitor.Cli.Commands;

namespace AtdMonitor.Cli;

/// <summary>The <c>atd</c> command tree.</summary>
internal static class AtdCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("AtdMonitor: real-time ECG arrhythmia monitoring and sensor forecasting with the ATD multimodal model.")
        {
            RunCommand.Create(),
            DemoCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
            BenchCommand.Create(),
            DataCommand.Create(),
            ConfigCommand.Create(),
        };

        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Single(c => c.Name == "bench").Subcommands.Add(BenchPipelineCommand.Create());
        return root;
    }
}
